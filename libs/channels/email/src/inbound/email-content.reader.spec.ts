import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { MalformedEmailError, readEmailContent, storableText } from './email-content.reader';

const now = new Date('2026-12-04T12:00:00Z');

async function read(lines: string[]) {
  const raw = Buffer.from(lines.join('\r\n'));
  return readEmailContent(await simpleParser(raw, { skipImageLinks: true }), raw, now);
}

describe('readEmailContent', () => {
  it('reads sender, ids, threading headers and Outlook Thread-Index root', async () => {
    const threadIndex = Buffer.alloc(27, 1).toString('base64');
    const email = await read([
      'From: "Ann" <Ann@Example.COM>',
      'To: support@acme.test',
      'Subject: Hello',
      'Message-ID: <m1@example.com>',
      'In-Reply-To: <p1@acme.test>',
      'References: <r0@example.com> <p1@acme.test>',
      `Thread-Index: ${threadIndex}`,
      'Date: Fri, 04 Dec 2026 10:00:00 +0000',
      '',
      'Body',
    ]);
    expect(email).toMatchObject({
      messageId: 'm1@example.com',
      from: { address: 'ann@example.com', displayName: 'Ann' },
      subject: 'Hello',
      text: 'Body',
      sentAt: '2026-12-04T10:00:00.000Z',
      inReplyTo: ['p1@acme.test'],
      references: ['r0@example.com', 'p1@acme.test'],
      threadIndexRoot: Buffer.alloc(22, 1).toString('base64'),
    });
  });

  it('derives a stable Message-ID from the content when there is none, and uses the arrival time without Date', async () => {
    const lines = ['From: ann@example.com', '', 'no id'];
    const first = await read(lines);
    expect(first.messageId).toMatch(/^[0-9a-f]{40}@no-message-id\.switchboard$/);
    expect((await read(lines)).messageId).toBe(first.messageId);
    expect(first.sentAt).toBe(now.toISOString());
  });

  it('refuses a message without a sender, and a multipart body without or never using its boundary', async () => {
    await expect(read(['Subject: x', '', 'body'])).rejects.toThrow(/no From address/);
    await expect(read(['From: a@b.test', 'Content-Type: multipart/mixed', '', 'x'])).rejects.toThrow(
      /has no boundary/,
    );
    await expect(
      read(['From: a@b.test', 'Content-Type: multipart/mixed; boundary="zz"', '', 'x']),
    ).rejects.toBeInstanceOf(MalformedEmailError);
  });

  it('makes text storable: no NUL, no unpaired surrogate', () => {
    expect(storableText('a\u0000b\uD800c')).toBe('ab\uFFFDc');
    expect(storableText('emoji \uD83D\uDE00')).toBe('emoji \uD83D\uDE00');
  });
});
