// How an agent looks over the API. Stored JSON (skills, capacity) is re-read defensively: only numbers count.
import type { AgentStatus, ChannelClass } from '@switchboard/contracts';
import type { Agent } from '@switchboard/persistence';

export interface AgentView {
  id: string;
  displayName: string;
  email: string;
  status: AgentStatus;
  /** false once deactivated: kept for history, never routed to. */
  active: boolean;
  skills: Record<string, number>;
  languages: string[];
  capacity: Partial<Record<ChannelClass, number>>;
  maxUnits: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelLoad {
  pendingOffers: number;
  openAssignments: number;
}

export interface AgentDetailView extends AgentView {
  /** Current work per channel class: offers awaiting an answer and assignments not yet ended. */
  load: Record<ChannelClass, ChannelLoad>;
}

export function toAgentView(agent: Agent): AgentView {
  return {
    id: agent.id,
    displayName: agent.displayName,
    email: agent.email,
    status: agent.status,
    active: agent.active,
    skills: numberRecord(agent.skills),
    languages: agent.languages,
    capacity: numberRecord(agent.capacity),
    maxUnits: agent.maxUnits,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

function numberRecord(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}
