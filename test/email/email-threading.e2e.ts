// Email threading and email out, on Kafka + PostgreSQL: the EmailSender hands an agent's reply to a local SMTP
// sink with the right Message-ID, In-Reply-To, References, Reply-To and subject, and every way a customer can
// answer it (a standard client, Outlook rewriting In-Reply-To, a server that drops headers or sub-addresses)
// threads back into the same conversation, while a new mail starts a new one.
import { EmailSender, PermanentSendError, threadToken } from '@switchboard/channels-email';
import type { ParsedMail } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import {
  createEmailInbox,
  SmtpSink,
  smtpClientFor,
  storedMessage,
  type EmailInboxFixture,
} from '../support/email';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('email threading and replies (kafka+postgres)', () => {
  let sink: SmtpSink;
  let harness: Harness;
  let tenant: TenantFixture;
  let inbox: EmailInboxFixture;
  let client: Transporter;
  let sender: EmailSender;
  let conversationId: string;
  let token: string;
  let firstReply: ParsedMail;

  const conversationOf = async (messageId: string): Promise<string> =>
    (await storedMessage(harness, tenant.id, messageId)).conversationId;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    harness = await startHarness('kafka+postgres', { SMTP_RELAY_URL: `smtp://127.0.0.1:${sink.port}` });
    tenant = await createTenantFixture(harness.prisma);
    inbox = await createEmailInbox(harness.prisma, tenant);
    client = smtpClientFor(harness);
    sender = harness.app.get(EmailSender);
    await client.sendMail({
      from: 'Ann <ann@example.com>',
      to: inbox.address,
      subject: 'Invoice 42',
      text: 'The amount is wrong.',
      messageId: '<ann-1@example.com>',
    });
    conversationId = await conversationOf('<ann-1@example.com>');
    token = threadToken(tenant.id, '<ann-1@example.com>');
  });
  afterAll(async () => {
    client?.close();
    await harness?.close();
    await sink?.close();
  });

  it('sends the agent reply with our Message-ID, the thread chain, the reply token and a Thread-Index', async () => {
    const domain = `${tenant.slug}.test`;
    const result = await sender.send({
      tenantId: tenant.id,
      conversationId,
      replyId: 'reply-1',
      to: { address: 'ann@example.com', displayName: 'Ann' },
      body: 'We are on it.',
    });
    expect(result).toEqual({ providerMessageId: `<sb.reply-1@${domain}>`, status: 'sent' });
    firstReply = await sink.next((mail) => mail.messageId === result.providerMessageId);
    expect(firstReply.inReplyTo).toBe('<ann-1@example.com>');
    expect(firstReply.references).toBe('<ann-1@example.com>');
    expect(firstReply.replyTo?.value[0].address).toBe(`support+${token}@${domain}`);
    expect(firstReply.from?.value[0]).toMatchObject({ address: inbox.address, name: 'Support' });
    expect(firstReply.subject).toBe(`Re: Invoice 42 [#SB-${token}]`);
    expect(firstReply.text?.trim()).toBe('We are on it.');
    expect(firstReply.headers.get('thread-index')).toEqual(expect.any(String));
    const ref = await harness.prisma.emailThreadRef.findFirstOrThrow({
      where: { tenantId: tenant.id, kind: 'message-id', value: `sb.reply-1@${domain}` },
    });
    expect(ref).toMatchObject({ threadKey: '<ann-1@example.com>', conversationId, direction: 'outbound' });
  });

  it('threads a standard reply to our mail into the same conversation', async () => {
    await client.sendMail({
      from: 'ann@example.com',
      to: firstReply.replyTo?.value[0].address,
      subject: `Re: ${firstReply.subject}`,
      text: 'Thanks!',
      messageId: '<ann-2@example.com>',
      inReplyTo: firstReply.messageId,
      references: ['<ann-1@example.com>', firstReply.messageId ?? ''],
    });
    expect(await conversationOf('<ann-2@example.com>')).toBe(conversationId);
  });

  it('threads an Outlook reply whose In-Reply-To was rewritten, by References or by Thread-Index alone', async () => {
    await client.sendMail({
      from: 'ann@example.com',
      to: inbox.address,
      subject: 'RE: Invoice 42',
      text: 'Outlook, with References',
      messageId: '<outlook-1@example.com>',
      inReplyTo: '<AM0PR01MB0001.rewritten@outlook.example>',
      references: ['<ann-1@example.com>', firstReply.messageId ?? ''],
    });
    expect(await conversationOf('<outlook-1@example.com>')).toBe(conversationId);

    const ours = Buffer.from(firstReply.headers.get('thread-index') as string, 'base64');
    await client.sendMail({
      from: 'ann@example.com',
      to: inbox.address,
      subject: 'RE: Invoice 42',
      text: 'Outlook, Thread-Index only',
      messageId: '<outlook-2@example.com>',
      inReplyTo: '<AM0PR01MB0002.rewritten@outlook.example>',
      headers: { 'Thread-Index': Buffer.concat([ours, randomBytes(5)]).toString('base64') },
    });
    expect(await conversationOf('<outlook-2@example.com>')).toBe(conversationId);
  });

  it('threads by the token in the reply address, then in the subject, when a server drops the headers', async () => {
    await client.sendMail({
      from: 'ann@example.com',
      to: `support+${token}@${tenant.slug}.test`,
      subject: 'one more thing',
      text: 'sub-address only',
      messageId: '<token-1@example.com>',
    });
    expect(await conversationOf('<token-1@example.com>')).toBe(conversationId);
    await client.sendMail({
      from: 'ann@example.com',
      to: inbox.address,
      subject: `AW: Invoice 42 [#SB-${token.toUpperCase()}]`,
      text: 'subject token only',
      messageId: '<token-2@example.com>',
    });
    expect(await conversationOf('<token-2@example.com>')).toBe(conversationId);
  });

  it('starts a new conversation for a new mail, and the next reply references the whole chain', async () => {
    await client.sendMail({
      from: 'ann@example.com',
      to: inbox.address,
      subject: 'Invoice 42',
      text: 'A new question with the same subject',
      messageId: '<ann-new@example.com>',
    });
    const other = await storedMessage(harness, tenant.id, '<ann-new@example.com>');
    expect(other.conversationId).not.toBe(conversationId);
    expect(other.conversation.threadKey).toBe('<ann-new@example.com>');

    const second = await sender.send({
      tenantId: tenant.id,
      conversationId,
      replyId: 'reply-2',
      to: { address: 'ann@example.com' },
      body: 'Fixed.',
    });
    const mail = await sink.next((m) => m.messageId === second.providerMessageId);
    expect(mail.inReplyTo).toBe('<token-2@example.com>');
    expect(mail.references).toEqual(
      expect.arrayContaining([
        '<ann-1@example.com>',
        firstReply.messageId,
        '<ann-2@example.com>',
        '<token-2@example.com>',
      ]),
    );
    expect(mail.references).not.toContain('<ann-new@example.com>');
    expect((mail.references as string[])[0]).toBe('<ann-1@example.com>');
  });

  it('throws a PermanentSendError for a 5xx from the relay and a retriable error for a 4xx', async () => {
    const reply = { tenantId: tenant.id, conversationId, body: 'x' };
    await expect(
      sender.send({ ...reply, replyId: 'reply-bounce', to: { address: 'bounce@example.com' } }),
    ).rejects.toBeInstanceOf(PermanentSendError);
    const later = await sender
      .send({ ...reply, replyId: 'reply-later', to: { address: 'later@example.com' } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(later).toBeInstanceOf(Error);
    expect(later).not.toBeInstanceOf(PermanentSendError);
  });
});
