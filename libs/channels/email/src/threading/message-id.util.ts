// Message-IDs as headers carry them (`<id@host>`, several to a References header) and as we store them: bare,
// without the angle brackets, so `<a@b>` in one header and `a@b` written loosely in another are the same id.

/** Stored values stay far inside a btree entry; a longer id is not threadable and is skipped. */
export const MAX_STORED_ID_CHARS = 900;

/** The bare ids of a header value, in order; accepts what mailparser gives (a string or a list). */
export function parseMessageIds(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]);
  const ids = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/);
  return ids.map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= MAX_STORED_ID_CHARS);
}

/** The header form of a bare id. */
export function bracketed(id: string): string {
  return `<${id}>`;
}

/** A Message-ID of ours: the reply's own id in the inbox's domain, stable across retries of one reply. */
export function ourMessageId(replyId: string, domain: string): string {
  return `sb.${replyId}@${domain}`;
}
