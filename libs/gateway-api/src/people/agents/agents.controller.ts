// Admin API for agents. Supervisors read; only admins change who takes work.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  AgentListFiltersSchema,
  CreateAgentBodySchema,
  UpdateAgentBodySchema,
  type CreateAgentBody,
  type UpdateAgentBody,
} from '@switchboard/contracts';
import {
  PageQuerySchema,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
  ApiQueryParams,
  ApiZodBody,
} from '@switchboard/platform';
import { consoleUser } from '../../shared/console-user.util';
import { IdParamPipe } from '../../shared/id-param.pipe';
import type { AgentDetailView, AgentView } from './agent.view';
import { CreateAgent } from './create-agent.usecase';
import { DeactivateAgent } from './deactivate-agent.usecase';
import { GetAgent } from './get-agent.usecase';
import { ListAgents, type ListAgentsQuery } from './list-agents.usecase';
import { UpdateAgent } from './update-agent.usecase';

const ListAgentsQuerySchema = PageQuerySchema.extend(AgentListFiltersSchema.shape);

@ApiTags('agents')
@ApiBearerAuth()
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly listAgents: ListAgents,
    private readonly getAgent: GetAgent,
    private readonly createAgent: CreateAgent,
    private readonly updateAgent: UpdateAgent,
    private readonly deactivateAgent: DeactivateAgent,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiQueryParams(ListAgentsQuerySchema)
  @ApiOkResponse({ description: 'A page of agents, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ListAgentsQuerySchema)) query: ListAgentsQuery,
  ): Promise<Page<AgentView>> {
    return this.listAgents.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ description: 'The agent, with pending offers and open assignments per channel class' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<AgentDetailView> {
    return this.getAgent.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateAgentBodySchema)
  @ApiCreatedResponse({ description: 'The created agent' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateAgentBodySchema)) body: CreateAgentBody,
  ): Promise<AgentView> {
    return this.createAgent.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateAgentBodySchema)
  @ApiOkResponse({ description: 'The updated agent' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateAgentBodySchema)) body: UpdateAgentBody,
  ): Promise<AgentView> {
    return this.updateAgent.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deactivated: out of routing, history kept' })
  deactivate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deactivateAgent.execute(consoleUser(principal), id);
  }
}
