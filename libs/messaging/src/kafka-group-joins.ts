// Follows a consumer's group joins, so the live-tail pin can use the newest assignment and, when a rebalance
// overtook it (its commit carried a stale generation), wait for the next join and pin again.
import type { Consumer } from 'kafkajs';
import type { MemberAssignment } from './kafka-live-tail.pin';

/** Group-coordination errors that mean "a rebalance is under way": the next join brings a valid generation. */
const REBALANCE_ERRORS = new Set([
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

/** True when the error, or one it was caused by, is a kafkajs protocol error of a rebalance. */
export function isRebalanceError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && REBALANCE_ERRORS.has(type)) return true;
  }
  return false;
}

export class GroupJoins {
  private latest: MemberAssignment = {};
  private joins = 0;
  private waiters: Array<() => void> = [];
  private readonly stop: () => void;

  constructor(consumer: Pick<Consumer, 'on' | 'events'>) {
    this.stop = consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.latest = event.payload.memberAssignment;
      this.joins += 1;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  get assignment(): MemberAssignment {
    return this.latest;
  }

  get count(): number {
    return this.joins;
  }

  /** Resolves at the first join after the `seen`-th, or rejects after `timeoutMs`. */
  async after(seen: number, timeoutMs: number): Promise<void> {
    if (this.joins > seen) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`no group join within ${timeoutMs} ms after a rebalance`));
      }, timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  close(): void {
    this.stop();
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/**
 * Runs `pin` with the newest assignment until it succeeds; a rebalance error waits for the group's next join
 * (the assignment may have changed) and tries again, at most `attempts` times.
 */
export async function pinAcrossRebalances(
  joins: GroupJoins,
  pin: (assignment: MemberAssignment) => Promise<unknown>,
  { attempts = 5, joinTimeoutMs = 60_000 } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const seen = joins.count;
    try {
      await pin(joins.assignment);
      return;
    } catch (error) {
      if (!isRebalanceError(error) || attempt >= attempts) throw error;
      await joins.after(seen, joinTimeoutMs);
    }
  }
}
