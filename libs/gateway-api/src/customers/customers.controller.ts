// Customer profiles for consoles: search by identity or name, read one with its history, set preferences.
// Reads follow the conversations' visibility (an agent sees only their customers); preferences need a supervisor.
import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  UpdateCustomerPreferencesBodySchema,
  type UpdateCustomerPreferencesBody,
} from '@switchboard/contracts';
import { ZodBodyPipe, ZodQueryPipe, type Page, ApiQueryParams, ApiZodBody } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import { IdParamPipe } from '../shared/id-param.pipe';
import type { CustomerSummary } from './customer-summary.mapper';
import { GetCustomerProfile, HISTORY_CAP, type CustomerProfile } from './get-customer-profile.usecase';
import {
  CustomerSearchQuerySchema,
  SearchCustomers,
  type CustomerSearchQuery,
} from './search-customers.usecase';
import { UpdateCustomerPreferences } from './update-customer-preferences.usecase';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly searchCustomers: SearchCustomers,
    private readonly getProfile: GetCustomerProfile,
    private readonly updatePreferences: UpdateCustomerPreferences,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search customers by identity (channel and address) or display name' })
  @ApiQueryParams(CustomerSearchQuerySchema)
  @ApiOkResponse({ description: 'A page of customer summaries in id order: { items, nextCursor }' })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(CustomerSearchQuerySchema)) query: CustomerSearchQuery,
  ): Promise<Page<CustomerSummary>> {
    return this.searchCustomers.execute(consoleUser(principal), query);
  }

  @Get(':customerId')
  @ApiOperation({
    summary: 'A customer profile with identities per channel, preferences and conversation history',
    description:
      `History holds the ${HISTORY_CAP} most recent conversations (conversationsTruncated says whether ` +
      'more exist) and counts by status; page through all of them with GET /v1/conversations?customerId=.',
  })
  @ApiOkResponse({ description: 'The customer profile' })
  profile(
    @CurrentPrincipal() principal: Principal,
    @Param('customerId', new IdParamPipe('customerId')) customerId: string,
  ): Promise<CustomerProfile> {
    return this.getProfile.execute(consoleUser(principal), customerId);
  }

  @Patch(':customerId')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Set a customer's display name, preferred language or preferred agent" })
  @ApiZodBody(UpdateCustomerPreferencesBodySchema)
  @ApiOkResponse({ description: 'The updated customer' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('customerId', new IdParamPipe('customerId')) customerId: string,
    @Body(new ZodBodyPipe(UpdateCustomerPreferencesBodySchema)) body: UpdateCustomerPreferencesBody,
  ): Promise<CustomerSummary> {
    return this.updatePreferences.execute(consoleUser(principal), customerId, body);
  }
}
