// Agent as the host describes it. Runtime load and pool membership live in engine/agent-state.ts.
import type { PerChannelClass } from './channel.model';

export const AGENT_STATUSES = ['offline', 'available', 'away', 'busy', 'wrap-up'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export interface SkillLevel {
  readonly skill: string;
  /** 1 (novice) .. 10 (expert). */
  readonly proficiency: number;
}

export interface AgentInput {
  readonly id: string;
  readonly tenantId: string;
  readonly skills: readonly SkillLevel[];
  readonly languages?: readonly string[];
  /** Concurrent contacts per class, e.g. { chat: 3, email: 5, social: 2, voice: 1 }; a missing class is 0. */
  readonly capacity: PerChannelClass<number>;
  /** Optional total budget in weighted units across all classes. */
  readonly maxUnits?: number;
  /** Units one contact of a class costs against maxUnits (default 1 each). */
  readonly unitWeights?: PerChannelClass<number>;
  /** Defaults to 'offline' for a new agent and to the current status on update. */
  readonly status?: AgentStatus;
  /** For restores: when the agent last became idle; defaults to now. */
  readonly idleSince?: number;
  /** For restores: consecutive missed offers so far; defaults to 0 (kept on update). */
  readonly missedOffers?: number;
}

/** Read-only view of an agent for hosts and tests. */
export interface AgentView {
  readonly id: string;
  readonly tenantId: string;
  readonly status: AgentStatus;
  readonly idleSince: number;
  readonly missedOffers: number;
  readonly load: Readonly<Record<string, number>>;
  readonly usedUnits: number;
  readonly liveOfferContactIds: readonly string[];
  readonly assignedContactIds: readonly string[];
}
