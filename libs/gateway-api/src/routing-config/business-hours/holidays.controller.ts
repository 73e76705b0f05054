// Admin API for a calendar's holidays (whole closed days). Supervisors read; admins write.
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { CreateHolidayBodySchema, type CreateHolidayBody } from '@switchboard/contracts';
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
import { AddHoliday } from './add-holiday.usecase';
import type { HolidayView } from './business-hours.view';
import { ListHolidays } from './list-holidays.usecase';
import { RemoveHoliday } from './remove-holiday.usecase';

@ApiTags('business-hours')
@ApiBearerAuth()
@Controller('v1/business-hours/:id/holidays')
@Roles('supervisor', 'admin')
export class HolidaysController {
  constructor(
    private readonly listHolidays: ListHolidays,
    private readonly addHoliday: AddHoliday,
    private readonly removeHoliday: RemoveHoliday,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: "A page of the calendar's holidays, ordered by id" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<HolidayView>> {
    return this.listHolidays.execute(consoleUser(principal), id, query);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateHolidayBodySchema)
  @ApiCreatedResponse({ description: 'The added holiday' })
  @ApiConflictResponse({ description: 'The calendar already has a holiday on that date' })
  add(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(CreateHolidayBodySchema)) body: CreateHolidayBody,
  ): Promise<HolidayView> {
    return this.addHoliday.execute(consoleUser(principal), id, body);
  }

  @Delete(':holidayId')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Param('holidayId', new IdParamPipe('holidayId')) holidayId: string,
  ): Promise<void> {
    return this.removeHoliday.execute(consoleUser(principal), id, holidayId);
  }
}
