// Runtime queue: its current policy, the contacts filed under it, and the round-robin memory.
import type { QueuePolicy } from '../policy/queue-policy';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { ContactState } from './contact-state';

export class QueueState {
  /** Every contact (any state) whose current queue is this one. */
  readonly contacts = new Set<ContactState>();
  /** agent id -> sequence number of the last offer this queue gave them (round-robin order). */
  readonly lastRouted = new Map<string, number>();
  /** Compiled rings by ringKey, under the current policy; most contacts share a few rings. */
  readonly rings = new Map<string, CompiledRequirements>();

  constructor(public policy: QueuePolicy) {}

  setPolicy(policy: QueuePolicy): void {
    this.policy = policy;
    this.rings.clear();
  }

  get id(): string {
    return this.policy.id;
  }
}
