// Admin API for teams. Supervisors read; only admins change them.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  CreateTeamBodySchema,
  ReplaceTeamMembersBodySchema,
  TeamListFiltersSchema,
  UpdateTeamBodySchema,
  type CreateTeamBody,
  type ReplaceTeamMembersBody,
  type UpdateTeamBody,
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
import { CreateTeam } from './create-team.usecase';
import { DeleteTeam } from './delete-team.usecase';
import { GetTeam } from './get-team.usecase';
import { ListTeams, type ListTeamsQuery } from './list-teams.usecase';
import { ReplaceTeamMembers } from './replace-team-members.usecase';
import type { TeamDetailView, TeamView } from './team.view';
import { UpdateTeam } from './update-team.usecase';

const ListTeamsQuerySchema = PageQuerySchema.extend(TeamListFiltersSchema.shape);

@ApiTags('teams')
@ApiBearerAuth()
@Controller('v1/teams')
export class TeamsController {
  constructor(
    private readonly listTeams: ListTeams,
    private readonly getTeam: GetTeam,
    private readonly createTeam: CreateTeam,
    private readonly updateTeam: UpdateTeam,
    private readonly deleteTeam: DeleteTeam,
    private readonly replaceMembers: ReplaceTeamMembers,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiQueryParams(ListTeamsQuerySchema)
  @ApiOkResponse({ description: 'A page of teams with member counts, ordered by id' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ListTeamsQuerySchema)) query: ListTeamsQuery,
  ): Promise<Page<TeamView>> {
    return this.listTeams.execute(consoleUser(principal), query);
  }

  @Get(':id')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ description: 'The team with its member agent ids' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<TeamDetailView> {
    return this.getTeam.execute(consoleUser(principal), id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateTeamBodySchema)
  @ApiCreatedResponse({ description: 'The created team, without members' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodBodyPipe(CreateTeamBodySchema)) body: CreateTeamBody,
  ): Promise<TeamDetailView> {
    return this.createTeam.execute(consoleUser(principal), body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(UpdateTeamBodySchema)
  @ApiOkResponse({ description: 'The updated team' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(UpdateTeamBodySchema)) body: UpdateTeamBody,
  ): Promise<TeamDetailView> {
    return this.updateTeam.execute(consoleUser(principal), id, body);
  }

  @Put(':id/members')
  @Roles('admin')
  @ApiZodBody(ReplaceTeamMembersBodySchema)
  @ApiOkResponse({ description: 'The team with its new members; 400 names any id that is not our agent' })
  members(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
    @Body(new ZodBodyPipe(ReplaceTeamMembersBodySchema)) body: ReplaceTeamMembersBody,
  ): Promise<TeamDetailView> {
    return this.replaceMembers.execute(consoleUser(principal), id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its memberships; the agents stay' })
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe()) id: string,
  ): Promise<void> {
    return this.deleteTeam.execute(consoleUser(principal), id);
  }
}
