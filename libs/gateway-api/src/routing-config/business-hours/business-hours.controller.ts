// Admin API for business-hours calendars: weekly opening hours in an IANA zone. Supervisors read; admins write.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  CreateBusinessHoursBodySchema,
  UpdateBusinessHoursBodySchema,
  type CreateBusinessHoursBody,
  type UpdateBusinessHoursBody,
} from '@switchboard/contracts';
import {
  PageQuerySchema,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
  type PageQuery,
  ApiQueryParams,
  ApiZodBody,
} from '@switchboard/platform';
import { consoleUser } from '../../shared/console-user.util';
import { IdParamPipe } from '../../shared/id-param.pipe';
import { CreateBusinessHours } from './create-business-hours.usecase';
import { DeleteBusinessHours } from './delete-business-hours.usecase';
import { GetBusinessHours, type BusinessHoursDetailView } from './get-business-hours.usecase';
import { ListBusinessHours } from './list-business-hours.usecase';
import type { BusinessHoursView } from './business-hours.view';
import { UpdateBusinessHours } from './update-business-hours.usecase';

@ApiTags('business-hours')
@ApiBearerAuth()
@Controller('v1/business-hours')
@Roles('supervisor', 'admin')
export class BusinessHoursController {
  constructor(
    private readonly listCalendars: ListBusinessHours,
    private readonly getCalendar: GetBusinessHours,
    private readonly createCalendar: CreateBusinessHours,
    private readonly updateCalendar: UpdateBusinessHours,
    private readonly deleteCalendar: DeleteBusinessHours,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of business-hours calendars, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<BusinessHoursView>> {
    return this.listCalendars.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The calendar and the SLA policies that use it' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<BusinessHoursDetailView> {
    return this.getCalendar.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateBusinessHoursBodySchema)
  @ApiCreatedResponse({ description: 'The created calendar' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateBusinessHoursBodySchema)) body: CreateBusinessHoursBody,
  ): Promise<BusinessHoursView> {
    return this.createCalendar.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateBusinessHoursBodySchema)
  @ApiOkResponse({ description: 'The updated calendar' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateBusinessHoursBodySchema)) body: UpdateBusinessHoursBody,
  ): Promise<BusinessHoursView> {
    return this.updateCalendar.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'SLA policies still use the calendar' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteCalendar.execute(consoleUser(principal), id);
  }
}
