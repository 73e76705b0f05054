// Runtime contact: immutable facts from the host plus routing state (ring, phase, bucket, offer, timer).
import type { Channel } from '../model/channel.model';
import type { AppliedEscalation, SkillRequirement } from '../model/contact.model';
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

const NO_NUMBERS: readonly number[] = [];

export class ContactState implements ScoreInputs {
  status: ContactStatus = 'waiting';
  queue: QueueState;
  enteredQueueAt: number;
  /** Relaxation steps of the current queue already applied. */
  stepIndex = 0;
  reqs!: CompiledRequirements;
  /** Optional skills, interned, for the skill-fit component. */
  optionalIds: readonly number[] = NO_NUMBERS;
  optionalMins: readonly number[] = NO_NUMBERS;
  phase: ScorePhase = PHASE_NORMAL;
  urgentAt = Infinity;
  starvedAt = Infinity;
  /** Bucket sort key while filed; see scoring/score.util.ts. */
  key = 0;
  bucket: ContactBucket | null = null;
  bucketPos = -1;
  /** Slot in the timer heap, keyed by the next instant the engine must look at this contact. */
  timerPos = -1;
  /** Slots in the engine's dirty set and in the queue's contact set (see SlotSet). */
  dirtyPos = -1;
  queuePos = -1;
  excluded: Set<string> | null = null;
  offer: LiveOffer | null = null;
  assignedTo: AgentState | null = null;
  assignedOfferId = '';
  offerAttempts = 0;
  /** Sum of the raises in `escalations` (kept apart so scoring reads one number). */
  escalationPoints = 0;
  escalations: AppliedEscalation[] | null = null;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly channel: Channel,
    readonly classIndex: number,
    readonly basePriority: number,
    /** Mutable only through a transfer, which may replace the contact's own skills. */
    public requiredSkills: readonly SkillRequirement[],
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

  // Read through rather than copied: every contact holds as few numbers as possible, since each is a
  // separate heap cell the garbage collector copies when the contact survives.
  get agingPerMs(): number {
    return this.queue.policy.agingPerMs;
  }

  get urgencyPerMs(): number {
    return this.queue.policy.urgencyPerMs;
  }

  /** Score slope while filed: the bucket's, which every member shares. */
  get slope(): number {
    return this.bucket === null ? 0 : this.bucket.slope;
  }

  isExcluded(agentId: string): boolean {
    return this.excluded !== null && this.excluded.has(agentId);
  }

  exclude(agentId: string): void {
    (this.excluded ??= new Set<string>()).add(agentId);
  }
}
