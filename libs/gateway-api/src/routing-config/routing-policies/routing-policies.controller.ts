// Admin API for named routing policies that queues share. Supervisors read; only admins change them.
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
  CreateRoutingPolicyBodySchema,
  UpdateRoutingPolicyBodySchema,
  type CreateRoutingPolicyBody,
  type UpdateRoutingPolicyBody,
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
import { CreateRoutingPolicy } from './create-routing-policy.usecase';
import { DeleteRoutingPolicy } from './delete-routing-policy.usecase';
import { GetRoutingPolicy, type RoutingPolicyDetailView } from './get-routing-policy.usecase';
import { ListRoutingPolicies } from './list-routing-policies.usecase';
import type { RoutingPolicyView } from './routing-policy.view';
import { UpdateRoutingPolicy } from './update-routing-policy.usecase';

@ApiTags('routing-policies')
@ApiBearerAuth()
@Controller('v1/routing-policies')
@Roles('supervisor', 'admin')
export class RoutingPoliciesController {
  constructor(
    private readonly listPolicies: ListRoutingPolicies,
    private readonly getPolicy: GetRoutingPolicy,
    private readonly createPolicy: CreateRoutingPolicy,
    private readonly updatePolicy: UpdateRoutingPolicy,
    private readonly deletePolicy: DeleteRoutingPolicy,
  ) {}

  @Get()
  @ApiQueryParams(PageQuerySchema)
  @ApiOkResponse({ description: 'A page of routing policies, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(PageQuerySchema)) query: PageQuery,
  ): Promise<Page<RoutingPolicyView>> {
    return this.listPolicies.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The routing policy and the queues that use it' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<RoutingPolicyDetailView> {
    return this.getPolicy.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateRoutingPolicyBodySchema)
  @ApiCreatedResponse({ description: 'The created routing policy, at version 1' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateRoutingPolicyBodySchema)) body: CreateRoutingPolicyBody,
  ): Promise<RoutingPolicyView> {
    return this.createPolicy.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateRoutingPolicyBodySchema)
  @ApiOkResponse({ description: 'The updated policy; a new document bumps its version' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateRoutingPolicyBodySchema)) body: UpdateRoutingPolicyBody,
  ): Promise<RoutingPolicyView> {
    return this.updatePolicy.execute(consoleUser(principal), id, body);
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
    return this.deletePolicy.execute(consoleUser(principal), id);
  }
}
