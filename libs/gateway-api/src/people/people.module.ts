// Admin API for who does the work and who may call us: agents, skills, teams, users and API keys.
import { Module } from '@nestjs/common';
import { AgentsController } from './agents/agents.controller';
import { CreateAgent } from './agents/create-agent.usecase';
import { DeactivateAgent } from './agents/deactivate-agent.usecase';
import { GetAgent } from './agents/get-agent.usecase';
import { ListAgents } from './agents/list-agents.usecase';
import { UpdateAgent } from './agents/update-agent.usecase';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { CreateApiKey } from './api-keys/create-api-key.usecase';
import { ListApiKeys } from './api-keys/list-api-keys.usecase';
import { RevokeApiKey } from './api-keys/revoke-api-key.usecase';
import { CreateSkill } from './skills/create-skill.usecase';
import { DeleteSkill } from './skills/delete-skill.usecase';
import { ListSkills } from './skills/list-skills.usecase';
import { SkillsController } from './skills/skills.controller';
import { UpdateSkill } from './skills/update-skill.usecase';
import { CreateTeam } from './teams/create-team.usecase';
import { DeleteTeam } from './teams/delete-team.usecase';
import { GetTeam } from './teams/get-team.usecase';
import { ListTeams } from './teams/list-teams.usecase';
import { ReplaceTeamMembers } from './teams/replace-team-members.usecase';
import { TeamsController } from './teams/teams.controller';
import { UpdateTeam } from './teams/update-team.usecase';
import { CreateUser } from './users/create-user.usecase';
import { DeleteUser } from './users/delete-user.usecase';
import { ListUsers } from './users/list-users.usecase';
import { UpdateUser } from './users/update-user.usecase';
import { UsersController } from './users/users.controller';

@Module({
  controllers: [AgentsController, SkillsController, TeamsController, UsersController, ApiKeysController],
  providers: [
    ...[ListAgents, GetAgent, CreateAgent, UpdateAgent, DeactivateAgent],
    ...[ListSkills, CreateSkill, UpdateSkill, DeleteSkill],
    ...[ListTeams, GetTeam, CreateTeam, UpdateTeam, DeleteTeam, ReplaceTeamMembers],
    ...[ListUsers, CreateUser, UpdateUser, DeleteUser],
    ...[ListApiKeys, CreateApiKey, RevokeApiKey],
  ],
})
export class PeopleModule {}
