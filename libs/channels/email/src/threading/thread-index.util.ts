// Outlook's Thread-Index header: base64 of a 22-byte root (6 bytes of time, a 16-byte GUID) followed by one
// 5-byte block per reply. Every message of an Outlook conversation shares the root, even when Outlook has
// replaced In-Reply-To with an id of its own, so the root is a thread handle of its own.
import { createHash, randomBytes } from 'node:crypto';

const ROOT_BYTES = 22;
const CHILD_BYTES = 5;

/** The base64 root of a Thread-Index header, or undefined if the header is missing or not one. */
export function threadIndexRoot(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const compact = header.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length < ROOT_BYTES || (bytes.length - ROOT_BYTES) % CHILD_BYTES !== 0) return undefined;
  return bytes.subarray(0, ROOT_BYTES).toString('base64');
}

/** A root for a thread that has none yet: the time, and a GUID-sized digest of the thread key. */
export function newThreadIndexRoot(threadKey: string, now: Date): string {
  const time = Buffer.alloc(8);
  // FILETIME: 100 ns ticks since 1601; Outlook keeps the six most significant bytes.
  time.writeBigUInt64BE((BigInt(now.getTime()) + 11_644_473_600_000n) * 10_000n);
  const guid = createHash('sha256').update(threadKey).digest().subarray(0, 16);
  return Buffer.concat([time.subarray(0, 6), guid]).toString('base64');
}

/** The Thread-Index of a reply in the thread of `root`: the root plus one child block. */
export function replyThreadIndex(root: string): string {
  return Buffer.concat([Buffer.from(root, 'base64'), randomBytes(CHILD_BYTES)]).toString('base64');
}
