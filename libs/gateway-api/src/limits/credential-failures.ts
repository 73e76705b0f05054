// Remembers presented credentials (API keys, bearer tokens) that keep failing authentication, so a flood of
// bad keys is refused before the key lookup. Only a hash of the credential is ever held.
import { createHash } from 'node:crypto';
import type { RateLimiter, RateLimitRule } from './rate-limiter';

/** The most blocked credentials remembered at once; the oldest block is forgotten first. */
const MAX_BLOCKED = 10_000;

export class CredentialFailures {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long this credential is still refused (0: not refused). */
  retryAfterMs(credentialId: string): number {
    const until = this.blockedUntil.get(credentialId);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.blockedUntil.delete(credentialId);
    return 0;
  }

  /** Counts a failed authentication; past the rule's limit the credential is blocked until its window ends. */
  async recordFailure(credentialId: string): Promise<void> {
    const verdict = await this.limiter.hit(this.rule, credentialId);
    if (verdict.allowed) return;
    this.blockedUntil.delete(credentialId);
    this.blockedUntil.set(credentialId, this.now() + verdict.retryAfterMs);
    if (this.blockedUntil.size > MAX_BLOCKED) {
      const oldest = this.blockedUntil.keys().next().value;
      if (oldest !== undefined) this.blockedUntil.delete(oldest);
    }
  }
}

/** A stable, non-reversible id for a presented secret: limits can key on it without holding the secret. */
export function credentialId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 22);
}
