// The CSAT survey link for channels without a socket (email): the router signs it into the survey, the
// gateway's public page verifies it. HMAC-SHA256 under a server key, with an expiry; the token names the
// tenant and conversation and proves the holder was sent the survey (ADR 0025).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CsatLinkClaims {
  tenantId: string;
  conversationId: string;
  /** Epoch ms after which the link is refused. */
  expiresAt: number;
}

/** How long a survey link stays valid. */
export const CSAT_LINK_TTL_MS = 14 * 86_400_000;

/** The signing key, derived from a server secret so the secret itself never signs anything else's way. */
export function csatLinkKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('switchboard.csat-link.v1').digest();
}

export function signCsatLink(key: Buffer, claims: CsatLinkClaims): string {
  const body = Buffer.from(
    JSON.stringify([claims.tenantId, claims.conversationId, claims.expiresAt]),
  ).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The claims of a genuine, unexpired token; null for anything else (tampered, expired, malformed). */
export function verifyCsatLink(key: Buffer, token: string, now: number): CsatLinkClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  // Compared as text: base64 decoding ignores trailing bits, so two spellings could decode to one signature.
  const expected = Buffer.from(createHmac('sha256', key).update(body).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [tenantId, conversationId, expiresAt] = parsed as unknown[];
  if (typeof tenantId !== 'string' || typeof conversationId !== 'string' || typeof expiresAt !== 'number')
    return null;
  return expiresAt > now ? { tenantId, conversationId, expiresAt } : null;
}
