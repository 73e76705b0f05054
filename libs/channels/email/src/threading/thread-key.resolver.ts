// Decides which thread an inbound email belongs to, from what the mail carries and what the tenant's thread
// references know. Pure: the caller looks every candidate up in one query and passes the answers in.
// Precedence, first match wins:
//   0. the mail's own Message-ID is known (a redelivery or a retry after a 4xx): same thread as before;
//   1. In-Reply-To, then References newest first, against our outbound ids and stored inbound ones; then
//      the Outlook Thread-Index root (Outlook may rewrite In-Reply-To, but keeps the root);
//   2. the reply token in a recipient address (`support+<token>@...`);
//   3. the token in the subject (`[#SB-<token>]`), for servers that drop sub-addresses;
//   otherwise a new thread, keyed by the mail's own Message-ID.
import { bracketed } from './message-id.util';

export type ThreadRefKind = 'message-id' | 'thread-index' | 'token';

export interface ThreadEvidence {
  /** The mail's own bare Message-ID. */
  messageId: string;
  /** Bare ids, in header order. */
  inReplyTo: readonly string[];
  references: readonly string[];
  threadIndexRoot?: string;
  /** Tokens from the `+tag` of each accepted recipient address. */
  addressTokens: readonly string[];
  subjectToken?: string;
}

export type ThreadMatch =
  | 'redelivery'
  | 'in-reply-to'
  | 'references'
  | 'thread-index'
  | 'address-token'
  | 'subject-token'
  | 'new-thread';

export interface ThreadResolution {
  threadKey: string;
  matchedBy: ThreadMatch;
}

export interface ThreadRefQuery {
  kind: ThreadRefKind;
  value: string;
}

/** What the tenant's references know: thread key by kind and value. */
export interface KnownThreadRefs {
  threadKeyOf(kind: ThreadRefKind, value: string): string | undefined;
}

/** Every reference worth looking up for this mail, so one query answers them all. */
export function threadRefQueries(evidence: ThreadEvidence): ThreadRefQuery[] {
  const ids = new Set([evidence.messageId, ...evidence.inReplyTo, ...evidence.references]);
  const tokens = new Set([
    ...evidence.addressTokens,
    ...(evidence.subjectToken ? [evidence.subjectToken] : []),
  ]);
  return [
    ...[...ids].map((value) => ({ kind: 'message-id' as const, value })),
    ...(evidence.threadIndexRoot ? [{ kind: 'thread-index' as const, value: evidence.threadIndexRoot }] : []),
    ...[...tokens].map((value) => ({ kind: 'token' as const, value })),
  ];
}

export function resolveThreadKey(evidence: ThreadEvidence, known: KnownThreadRefs): ThreadResolution {
  const candidates: Array<[ThreadMatch, ThreadRefKind, readonly string[]]> = [
    ['redelivery', 'message-id', [evidence.messageId]],
    ['in-reply-to', 'message-id', evidence.inReplyTo],
    ['references', 'message-id', [...evidence.references].reverse()],
    ['thread-index', 'thread-index', evidence.threadIndexRoot ? [evidence.threadIndexRoot] : []],
    ['address-token', 'token', evidence.addressTokens],
    ['subject-token', 'token', evidence.subjectToken ? [evidence.subjectToken] : []],
  ];
  for (const [matchedBy, kind, values] of candidates) {
    for (const value of values) {
      const threadKey = known.threadKeyOf(kind, value);
      if (threadKey !== undefined) return { threadKey, matchedBy };
    }
  }
  return { threadKey: bracketed(evidence.messageId), matchedBy: 'new-thread' };
}
