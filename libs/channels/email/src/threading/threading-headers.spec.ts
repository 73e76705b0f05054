import { describe, expect, it } from 'vitest';
import { parseMessageIds } from './message-id.util';
import { newThreadIndexRoot, replyThreadIndex, threadIndexRoot } from './thread-index.util';
import { replyAddress, replySubject, splitSubAddress, subjectToken, threadToken } from './thread-token.util';

describe('threading headers', () => {
  it('reads bare ids from In-Reply-To and References in any of their shapes', () => {
    expect(parseMessageIds('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
    expect(parseMessageIds(['<a@x>', '<b@y>'])).toEqual(['a@x', 'b@y']);
    expect(parseMessageIds('<a@x>\r\n\t<b@y>')).toEqual(['a@x', 'b@y']);
    expect(parseMessageIds('loose@x')).toEqual(['loose@x']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });

  it('derives a stable lower-case token per tenant and thread, found again in subject and address', () => {
    const token = threadToken('tenant-1', '<root@x>');
    expect(token).toMatch(/^[a-z2-7]{10}$/);
    expect(threadToken('tenant-1', '<root@x>')).toBe(token);
    expect(threadToken('tenant-2', '<root@x>')).not.toBe(token);
    const subject = replySubject('Re: RE: Fwd: Invoice [#SB-aaaaaaaaaa]', token);
    expect(subject).toBe(`Re: Invoice [#SB-${token}]`);
    expect(subjectToken(subject.toUpperCase())).toBe(token);
    expect(replySubject(undefined, token)).toBe(`Re: (no subject) [#SB-${token}]`);
    expect(replyAddress('Support@Acme.test', token)).toBe(`support+${token}@acme.test`);
    expect(splitSubAddress(`Support+${token.toUpperCase()}@ACME.test`)).toEqual({
      base: 'support@acme.test',
      tag: token,
    });
    expect(splitSubAddress('support@acme.test')).toEqual({ base: 'support@acme.test' });
  });

  it('keeps the root of an Outlook Thread-Index through replies, and refuses what is not one', () => {
    const root = newThreadIndexRoot('<root@x>', new Date('2026-12-04T10:00:00Z'));
    expect(Buffer.from(root, 'base64')).toHaveLength(22);
    const reply = replyThreadIndex(root);
    const replyToReply = replyThreadIndex(threadIndexRoot(reply) ?? '');
    expect(threadIndexRoot(reply)).toBe(root);
    expect(threadIndexRoot(replyToReply)).toBe(root);
    expect(threadIndexRoot('not base64!')).toBeUndefined();
    expect(threadIndexRoot(Buffer.alloc(10).toString('base64'))).toBeUndefined();
  });
});
