// The threading headers of an agent's email reply, from what the thread knows. Pure, so each rule has a spec.
import { bracketed, ourMessageId } from '../threading/message-id.util';
import { replyThreadIndex } from '../threading/thread-index.util';
import { domainOf, replyAddress, replySubject } from '../threading/thread-token.util';

export interface ThreadFacts {
  inboxAddress: string;
  token: string;
  subject: string | null;
  /** The thread's Message-IDs, oldest first, with who sent each. */
  chain: ReadonlyArray<{ id: string; direction: string | null }>;
  threadIndexRoot: string;
}

export interface ReplyHeaders {
  /** Bare, as stored in the thread references. */
  messageId: string;
  inReplyTo?: string;
  references: string[];
  replyTo: string;
  subject: string;
  threadIndex: string;
  threadTopic: string;
}

export function replyHeaders(replyId: string, facts: ThreadFacts): ReplyHeaders {
  const messageId = ourMessageId(replyId, domainOf(facts.inboxAddress));
  const chain = facts.chain.filter((entry) => entry.id !== messageId);
  // The message answered: the customer's latest, else whatever came last.
  const parent = [...chain].reverse().find((entry) => entry.direction === 'inbound') ?? chain.at(-1);
  const subject = replySubject(facts.subject, facts.token);
  return {
    messageId,
    ...(parent ? { inReplyTo: bracketed(parent.id) } : {}),
    references: chain.map((entry) => bracketed(entry.id)),
    replyTo: replyAddress(facts.inboxAddress, facts.token),
    subject,
    threadIndex: replyThreadIndex(facts.threadIndexRoot),
    threadTopic: subject.replace(/^Re: /, '').replace(/\s*\[#SB-[a-z2-7]+\]$/i, ''),
  };
}
