// Per-account login back-off: after a few failures in a row each further attempt on that account waits
// 1 s, 2 s, 4 s ... up to a cap, and a success clears it. Guessing one password stays slow while a whole
// office behind one address can still sign in at once (the per-IP login limit is much higher).

export interface BackoffPolicy {
  /** Failures in a row that are free; the next failure starts the back-off. */
  freeFailures: number;
  /** The wait never grows beyond this. */
  maxDelayMs: number;
}

/** How long an account waits after `failures` failures in a row: 0, then 1 s, 2 s, 4 s ... capped. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  const over = failures - policy.freeFailures;
  if (over < 0) return 0;
  // 2^over overflows to Infinity long before it matters; the cap catches it.
  return Math.min(policy.maxDelayMs, 1000 * 2 ** over);
}

interface AccountState {
  failures: number;
  /** Attempts admitted and not yet answered. */
  pending: number;
  /** No attempt is admitted before this time. */
  retryAt: number;
}

/** Accounts remembered at once; the one untouched longest is forgotten first. */
const MAX_ACCOUNTS = 100_000;

export class LoginBackoff {
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Admits an attempt (returns 0) or says how many ms the account must still wait. Once an account is in
   * back-off, only one attempt at a time is admitted, so parallel guesses cannot slip past the wait.
   */
  begin(account: string): number {
    const state = this.accounts.get(account) ?? { failures: 0, pending: 0, retryAt: 0 };
    const wait = state.retryAt - this.now();
    if (wait > 0) return wait;
    const inBackoff = state.failures + state.pending >= this.policy.freeFailures;
    if (inBackoff && state.pending > 0)
      return Math.max(1000, backoffDelayMs(state.failures + 1, this.policy));
    state.pending += 1;
    this.remember(account, state);
    return 0;
  }

  succeeded(account: string): void {
    this.accounts.delete(account);
  }

  failed(account: string): void {
    const state = this.accounts.get(account);
    if (!state) return;
    state.pending = Math.max(0, state.pending - 1);
    state.failures += 1;
    state.retryAt = this.now() + backoffDelayMs(state.failures, this.policy);
    this.remember(account, state);
  }

  /** The attempt ended without a verdict on the password (e.g. a database outage). */
  abandoned(account: string): void {
    const state = this.accounts.get(account);
    if (state) state.pending = Math.max(0, state.pending - 1);
  }

  private remember(account: string, state: AccountState): void {
    this.accounts.delete(account);
    this.accounts.set(account, state);
    if (this.accounts.size > MAX_ACCOUNTS) {
      const oldest = this.accounts.keys().next().value;
      if (oldest !== undefined) this.accounts.delete(oldest);
    }
  }
}

/** One key per account: the tenant slug and the email, as the login use-case matches them. */
export function accountKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { tenant, email } = body as { tenant?: unknown; email?: unknown };
  if (typeof tenant !== 'string' || typeof email !== 'string') return null;
  return `${tenant}\u0000${email.toLowerCase()}`;
}
