// Integrator API keys: `sb_<prefix>_<secret>`. The prefix is stored in clear to find the row;
// only a sha256 of the whole key is stored, which suffices because the key carries 256 random bits.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX_BYTES = 6;
const SECRET_BYTES = 32;
const API_KEY_PATTERN = /^sb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The full key: show it once, never store it. */
  readonly key: string;
  readonly prefix: string;
  readonly secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(PREFIX_BYTES).toString('hex');
  const key = `sb_${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** sha256 hex of the full key, as stored in `api_keys.secret_hash`. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The lookup prefix of a well-formed key, or null for anything else. */
export function parseApiKey(key: string): { readonly prefix: string } | null {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { prefix: match[1] } : null;
}

/** Constant-time comparison so response timing does not leak how much of a hash matched. */
export function verifyApiKey(key: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = Buffer.from(hashApiKey(key), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
