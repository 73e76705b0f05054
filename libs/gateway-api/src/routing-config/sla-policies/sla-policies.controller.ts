// Admin API for SLA policies: response-time targets per channel class, tier and priority. Supervisors read; admins write.
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
  CreateSlaPolicyBodySchema,
  UpdateSlaPolicyBodySchema,
  type CreateSlaPolicyBody,
  type UpdateSlaPolicyBody,
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
import { CreateSlaPolicy } from './create-sla-policy.usecase';
import { DeleteSlaPolicy } from './delete-sla-policy.usecase';
import { GetSlaPolicy, type SlaPolicyDetailView } from './get-sla-policy.usecase';
import { ListSlaPolicies } from './list-sla-policies.usecase';
import type { SlaPolicyView } from './sla-policy.view';
import { UpdateSlaPolicy } from './update-sla-policy.usecase';

@ApiTags('sla-policies')
@ApiBearerAuth()
@Controller('v1/sla-policies')
@Roles('supervisor', 'admin')
export class SlaPoliciesController {
  constructor(
    private readonly listSlaPolicies: ListSlaPolicies,
    private readonly getSlaPolicy: GetSlaPolicy,
    private readonly createSlaPolicy: CreateSlaPolicy,
    private readonly updateSlaPolicy: UpdateSlaPolicy,
    private readonly deleteSlaPolicy: DeleteSlaPolicy,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of SLA policies, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<SlaPolicyView>> {
    return this.listSlaPolicies.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The SLA policy and the queues measured by it' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<SlaPolicyDetailView> {
    return this.getSlaPolicy.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateSlaPolicyBodySchema)
  @ApiCreatedResponse({ description: 'The created SLA policy' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateSlaPolicyBodySchema)) body: CreateSlaPolicyBody,
  ): Promise<SlaPolicyView> {
    return this.createSlaPolicy.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateSlaPolicyBodySchema)
  @ApiOkResponse({ description: 'The updated SLA policy' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateSlaPolicyBodySchema)) body: UpdateSlaPolicyBody,
  ): Promise<SlaPolicyView> {
    return this.updateSlaPolicy.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'Queues still use the policy' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteSlaPolicy.execute(consoleUser(principal), id);
  }
}
