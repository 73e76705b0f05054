// Runtime contact: immutable facts from the host plus routing state (ring, phase, bucket, offer, timer).
import type { Channel } from '../model/channel.model';
import type { SkillRequirement } from '../model/contact.model';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { ScoreInputs, ScorePhase } from '../scoring/score.util';
import { PHASE_NORMAL } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import type { ContactBucket } from '../indexing/contact-bucket';
import type { QueueState } from './queue-state';

export type ContactStatus = 'waiting' | 'offered' | 'assigned';

export interface LiveOffer {
  readonly offerId: string;
  readonly agent: AgentState;
  readonly offeredAt: number;
  readonly expiresAt: number;
}

export class ContactState implements ScoreInputs {
  status: ContactStatus = 'waiting';
  queue: QueueState;
  enteredQueueAt: number;
  /** Relaxation steps of the current queue already applied. */
  stepIndex = 0;
  reqs!: CompiledRequirements;
  /** Optional skills, interned, for the skill-fit component. */
  optionalIds: number[] = [];
  optionalMins: number[] = [];
  phase: ScorePhase = PHASE_NORMAL;
  urgentAt = Infinity;
  starvedAt = Infinity;
  agingPerMs = 0;
  urgencyPerMs = 0;
  /** Bucket sort key and score slope while filed; see scoring/score.util.ts. */
  key = 0;
  slope = 0;
  bucket: ContactBucket | null = null;
  bucketPos = -1;
  /** Next instant the engine must look at this contact (offer expiry or ring/phase change). */
  timerAt = Infinity;
  timerPos = -1;
  excluded: Set<string> | null = null;
  offer: LiveOffer | null = null;
  assignedTo: AgentState | null = null;
  assignedOfferId = '';
  offerAttempts = 0;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly channel: Channel,
    readonly classIndex: number,
    readonly basePriority: number,
    readonly requiredSkills: readonly SkillRequirement[],
    readonly optionalSkills: readonly SkillRequirement[],
    /** Interned language id, -1 when any agent will do. */
    readonly languageId: number,
    readonly language: string | undefined,
    readonly tier: string | undefined,
    readonly preferredAgentId: string | undefined,
    readonly lastAgentId: string | undefined,
    readonly lastHandledAt: number | undefined,
    readonly arrivedAt: number,
    readonly slaDeadline: number | undefined,
    queue: QueueState,
    enteredQueueAt: number,
  ) {
    this.queue = queue;
    this.enteredQueueAt = enteredQueueAt;
  }

  isExcluded(agentId: string): boolean {
    return this.excluded !== null && this.excluded.has(agentId);
  }

  exclude(agentId: string): void {
    (this.excluded ??= new Set<string>()).add(agentId);
  }
}
