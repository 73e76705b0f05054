// How a team looks over the API: lists carry a member count, a single team its member agent ids.
import type { Prisma } from '@switchboard/persistence';

type Team = Prisma.TeamModel;

export interface TeamView {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface TeamDetailView extends TeamView {
  agentIds: string[];
}

export function toTeamView(team: Team, memberCount: number): TeamView {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    memberCount,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

export function toTeamDetailView(team: Team & { members: Array<{ agentId: string }> }): TeamDetailView {
  const agentIds = team.members.map((m) => m.agentId).sort();
  return { ...toTeamView(team, agentIds.length), agentIds };
}

/** Team members are listed with the team; ordered so the answer is stable. */
export const WITH_MEMBERS = {
  members: { select: { agentId: true }, orderBy: { agentId: 'asc' } },
} as const;

export const TEAM_CONSTRAINT_FIELDS = { name: 'name', agent_id: 'agentIds' };
