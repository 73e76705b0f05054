// Opaque refresh tokens: 256 random bits, shown to the console once and stored only as a sha256.
import { createHash, randomBytes } from 'node:crypto';

const REFRESH_TOKEN_PATTERN = /^sbr_[A-Za-z0-9_-]{43}$/;

export interface GeneratedRefreshToken {
  /** Give it to the client; never store it. */
  readonly token: string;
  readonly hash: string;
}

export function generateRefreshToken(): GeneratedRefreshToken {
  const token = `sbr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

/** sha256 hex, as stored in `session_refresh_tokens.token_hash`; high entropy makes a slow KDF pointless. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedRefreshToken(token: string): boolean {
  return REFRESH_TOKEN_PATTERN.test(token);
}
