// Admin API for the tenant's own settings: its time zone, and which channels get the auto-acknowledgement
// and the CSAT survey. Admins only; writes are audit-logged and reach the router at once.
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { TenantSettingsBodySchema, type TenantSettingsBody } from '@switchboard/contracts';
import { ApiZodBody, ZodBodyPipe } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import { GetTenantSettings } from './get-tenant-settings.usecase';
import type { TenantSettingsView } from './tenant-settings.view';
import { UpdateTenantSettings } from './update-tenant-settings.usecase';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('v1/settings')
@Roles('admin')
export class TenantSettingsController {
  constructor(
    private readonly getSettings: GetTenantSettings,
    private readonly updateSettings: UpdateTenantSettings,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The settings as set (null: the environment default) and as they apply' })
  get(@CurrentPrincipal() principal: Principal): Promise<TenantSettingsView> {
    return this.getSettings.execute(consoleUser(principal));
  }

  @Put()
  @ApiZodBody(TenantSettingsBodySchema)
  @ApiOkResponse({ description: 'The saved settings' })
  put(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(TenantSettingsBodySchema)) body: TenantSettingsBody,
  ): Promise<TenantSettingsView> {
    return this.updateSettings.execute(consoleUser(principal), body);
  }
}
