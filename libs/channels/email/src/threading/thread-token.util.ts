// The thread's reply token: ten base32 characters derived from the tenant and the thread key. It rides in the
// reply address (`support+<token>@acme.test`) and in the subject (`[#SB-<token>]`) for servers that drop
// sub-addresses. Lower case, because some servers fold the case of local parts.
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_LENGTH = 10;
const SUBJECT_TOKEN = /\[#SB-([a-z2-7]{10})\]/i;
const SUBJECT_TOKEN_GLOBAL = /\s*\[#SB-[a-z2-7]{10}\]/gi;
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|sv|vs|antw|wg|tr|r)\s*(\[\d+\])?\s*:\s*)+/i;

export function threadToken(tenantId: string, threadKey: string): string {
  const digest = createHash('sha256').update(`${tenantId}\n${threadKey}`).digest();
  let token = '';
  for (let i = 0; i < TOKEN_LENGTH; i++) token += ALPHABET[digest[i] % ALPHABET.length];
  return token;
}

export function isThreadToken(value: string): boolean {
  return new RegExp(`^[a-z2-7]{${TOKEN_LENGTH}}$`).test(value);
}

/** The token in a subject, lower-cased, if it carries one. */
export function subjectToken(subject: string | undefined): string | undefined {
  return subject?.match(SUBJECT_TOKEN)?.[1].toLowerCase();
}

/** `Re: <original> [#SB-token]`, with earlier reply prefixes and tokens removed so they never pile up. */
export function replySubject(original: string | null | undefined, token: string): string {
  const bare = (original ?? '').replace(SUBJECT_TOKEN_GLOBAL, '').replace(REPLY_PREFIX, '').trim();
  return `Re: ${bare || '(no subject)'} [#SB-${token}]`;
}

export interface SubAddress {
  /** The address without its `+tag`, lower-cased: what an inbox is registered under. */
  base: string;
  tag?: string;
}

export function splitSubAddress(address: string): SubAddress {
  const at = address.lastIndexOf('@');
  if (at <= 0) return { base: address.trim().toLowerCase() };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus <= 0) return { base: `${local}@${domain}`.toLowerCase() };
  return {
    base: `${local.slice(0, plus)}@${domain}`.toLowerCase(),
    tag: local.slice(plus + 1).toLowerCase(),
  };
}

/** `support+<token>@acme.test` for the inbox `support@acme.test`. */
export function replyAddress(inboxAddress: string, token: string): string {
  const { base } = splitSubAddress(inboxAddress);
  const at = base.lastIndexOf('@');
  return `${base.slice(0, at)}+${token}${base.slice(at)}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
