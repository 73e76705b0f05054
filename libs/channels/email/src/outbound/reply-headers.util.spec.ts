import { describe, expect, it } from 'vitest';
import { threadIndexRoot } from '../threading/thread-index.util';
import { replyHeaders } from './reply-headers.util';

const root = Buffer.alloc(22, 7).toString('base64');

describe('replyHeaders', () => {
  it('answers the customer latest message, references the whole chain and carries the token twice', () => {
    const headers = replyHeaders('r2', {
      inboxAddress: 'Support@Acme.test',
      token: 'abcdefghij',
      subject: 'Re: Invoice',
      chain: [
        { id: 'root@customer.test', direction: 'inbound' },
        { id: 'sb.r1@acme.test', direction: 'outbound' },
        { id: 'second@customer.test', direction: 'inbound' },
        { id: 'sb.r1b@acme.test', direction: 'outbound' },
      ],
      threadIndexRoot: root,
    });
    expect(headers).toMatchObject({
      messageId: 'sb.r2@acme.test',
      inReplyTo: '<second@customer.test>',
      references: [
        '<root@customer.test>',
        '<sb.r1@acme.test>',
        '<second@customer.test>',
        '<sb.r1b@acme.test>',
      ],
      replyTo: 'support+abcdefghij@acme.test',
      subject: 'Re: Invoice [#SB-abcdefghij]',
      threadTopic: 'Invoice',
    });
    expect(threadIndexRoot(headers.threadIndex)).toBe(root);
  });

  it('keeps its own id out of the chain when a send is retried, and survives an empty thread', () => {
    const headers = replyHeaders('r1', {
      inboxAddress: 'support@acme.test',
      token: 'abcdefghij',
      subject: null,
      chain: [{ id: 'sb.r1@acme.test', direction: 'outbound' }],
      threadIndexRoot: root,
    });
    expect(headers.references).toEqual([]);
    expect(headers.inReplyTo).toBeUndefined();
    expect(headers.subject).toBe('Re: (no subject) [#SB-abcdefghij]');
  });
});
