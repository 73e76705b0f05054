// Reads the caller's tenant settings; a tenant that never saved any has every default.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toTenantSettingsView, type TenantSettingsView } from './tenant-settings.view';

@Injectable()
export class GetTenantSettings {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(principal: UserPrincipal): Promise<TenantSettingsView> {
    const row = await this.prisma.tenantSettings.findUnique({ where: { tenantId: principal.tenantId } });
    return toTenantSettingsView(row, this.config);
  }
}
