import { describe, expect, it } from 'vitest';
import {
  resolveThreadKey,
  threadRefQueries,
  type KnownThreadRefs,
  type ThreadEvidence,
  type ThreadRefKind,
} from './thread-key.resolver';

function known(entries: Array<[ThreadRefKind, string, string]>): KnownThreadRefs {
  const map = new Map(entries.map(([kind, value, key]) => [`${kind}|${value}`, key]));
  return { threadKeyOf: (kind, value) => map.get(`${kind}|${value}`) };
}

const mail = (extra: Partial<ThreadEvidence> = {}): ThreadEvidence => ({
  messageId: 'new@customer.test',
  inReplyTo: [],
  references: [],
  addressTokens: [],
  ...extra,
});

describe('resolveThreadKey', () => {
  it('starts a new thread keyed by the mail own Message-ID when nothing matches', () => {
    const evidence = mail({ inReplyTo: ['unknown@x'], references: ['other@x'], subjectToken: 'abcdefghij' });
    expect(resolveThreadKey(evidence, known([]))).toEqual({
      threadKey: '<new@customer.test>',
      matchedBy: 'new-thread',
    });
  });

  it('joins the thread of a known In-Reply-To (our outbound id or a stored inbound one)', () => {
    const refs = known([['message-id', 'sb.r1@acme.test', '<root@customer.test>']]);
    expect(resolveThreadKey(mail({ inReplyTo: ['sb.r1@acme.test'] }), refs)).toEqual({
      threadKey: '<root@customer.test>',
      matchedBy: 'in-reply-to',
    });
  });

  it('threads an Outlook reply whose In-Reply-To was rewritten, through References (newest first)', () => {
    const refs = known([
      ['message-id', 'root@customer.test', '<root@customer.test>'],
      ['message-id', 'sb.r1@acme.test', '<root@customer.test>'],
    ]);
    const outlook = mail({
      inReplyTo: ['AM0PR01MB1234.outlook.example'],
      references: ['root@customer.test', 'sb.r1@acme.test'],
    });
    expect(resolveThreadKey(outlook, refs)).toEqual({
      threadKey: '<root@customer.test>',
      matchedBy: 'references',
    });
  });

  it('threads an Outlook reply that kept only its Thread-Index root', () => {
    const refs = known([['thread-index', 'AdkAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '<root@customer.test>']]);
    const outlook = mail({
      inReplyTo: ['rewritten@outlook'],
      threadIndexRoot: 'AdkAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(resolveThreadKey(outlook, refs).matchedBy).toBe('thread-index');
  });

  it('falls back to the reply token in the recipient address, then to the token in the subject', () => {
    const refs = known([
      ['token', 'aaaaaaaaaa', '<by-address@x>'],
      ['token', 'bbbbbbbbbb', '<by-subject@x>'],
    ]);
    expect(
      resolveThreadKey(mail({ addressTokens: ['aaaaaaaaaa'], subjectToken: 'bbbbbbbbbb' }), refs),
    ).toEqual({
      threadKey: '<by-address@x>',
      matchedBy: 'address-token',
    });
    expect(resolveThreadKey(mail({ subjectToken: 'bbbbbbbbbb' }), refs)).toEqual({
      threadKey: '<by-subject@x>',
      matchedBy: 'subject-token',
    });
  });

  it('prefers headers over tokens, In-Reply-To over References, and a known own id over everything', () => {
    const refs = known([
      ['message-id', 'parent@x', '<thread-a@x>'],
      ['message-id', 'older@x', '<thread-b@x>'],
      ['token', 'cccccccccc', '<thread-c@x>'],
      ['message-id', 'again@x', '<thread-d@x>'],
    ]);
    const evidence = mail({
      inReplyTo: ['parent@x'],
      references: ['older@x'],
      addressTokens: ['cccccccccc'],
    });
    expect(resolveThreadKey(evidence, refs).threadKey).toBe('<thread-a@x>');
    expect(resolveThreadKey({ ...evidence, inReplyTo: [] }, refs).threadKey).toBe('<thread-b@x>');
    expect(resolveThreadKey({ ...evidence, messageId: 'again@x' }, refs)).toEqual({
      threadKey: '<thread-d@x>',
      matchedBy: 'redelivery',
    });
  });

  it('asks for every candidate once, in one batch', () => {
    const queries = threadRefQueries(
      mail({
        inReplyTo: ['p@x'],
        references: ['r@x', 'p@x'],
        threadIndexRoot: 'root',
        addressTokens: ['aaaaaaaaaa'],
        subjectToken: 'aaaaaaaaaa',
      }),
    );
    expect(queries).toEqual([
      { kind: 'message-id', value: 'new@customer.test' },
      { kind: 'message-id', value: 'p@x' },
      { kind: 'message-id', value: 'r@x' },
      { kind: 'thread-index', value: 'root' },
      { kind: 'token', value: 'aaaaaaaaaa' },
    ]);
  });
});
