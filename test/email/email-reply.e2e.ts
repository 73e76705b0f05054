// Email end to end, on Kafka + PostgreSQL: a customer's mail arrives over SMTP and is offered to an agent, the
// agent replies over the socket, the reply leaves through the outbound pipeline and the EmailSender to a local
// relay with the thread's headers, the agent is told it was sent, and the customer's answer to that reply
// threads back into the same conversation and reaches the agent live.
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createEmailInbox, SmtpSink, smtpClientFor, type EmailInboxFixture } from '../support/email';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('an email conversation, both ways (kafka+postgres)', () => {
  let relay: SmtpSink;
  let harness: Harness;
  let tenant: TenantFixture;
  let inbox: EmailInboxFixture;
  let customer: Transporter;
  let agent: AgentClient;

  beforeAll(async () => {
    relay = await SmtpSink.start();
    harness = await startHarness('kafka+postgres', { SMTP_RELAY_URL: `smtp://127.0.0.1:${relay.port}` });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'eve', capacity: { email: 2 } }]);
    inbox = await createEmailInbox(harness.prisma, tenant);
    customer = smtpClientFor(harness);
    const token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    agent = await AgentClient.connect(harness.url, token);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'available');
  });

  afterAll(async () => {
    agent?.close();
    customer?.close();
    await harness?.close();
    await relay?.close();
  });

  it('offers the mail, sends the reply threaded, and threads the customer answer back to the agent', async () => {
    await customer.sendMail({
      from: 'Ann <ann@example.com>',
      to: inbox.address,
      subject: 'Refund for order 7',
      text: 'I was charged twice.',
      messageId: '<ann-refund@example.com>',
    });
    const offer = await agent.next('offer.created');
    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await agent.next('assignment.created', (e) => e.conversationId === offer.conversationId);

    const ack = await agent.command({
      type: 'conversation.reply',
      conversationId: offer.conversationId,
      body: 'Sorry about that, the second charge is refunded.',
      clientMessageId: 'eve-1',
    });
    expect(ack.ok).toBe(true);
    const created = await agent.next('reply.created', (e) => e.clientMessageId === 'eve-1');
    const sent = await agent.next('delivery.status', (e) => e.messageId === created.messageId);
    expect(sent).toMatchObject({ status: 'sent', conversationId: offer.conversationId });

    const mail = await relay.next((m) => m.messageId === sent.providerMessageId);
    expect(mail.to).toMatchObject({ value: [{ address: 'ann@example.com' }] });
    expect(mail.from?.value[0].address).toBe(inbox.address);
    expect(mail.inReplyTo).toBe('<ann-refund@example.com>');
    expect(mail.references).toBe('<ann-refund@example.com>');
    expect(mail.subject).toMatch(/^Re: Refund for order 7 \[#SB-[a-z2-7]{10}\]$/);
    expect(mail.text?.trim()).toBe('Sorry about that, the second charge is refunded.');
    const row = await harness.prisma.message.findUniqueOrThrow({
      where: { id: created.messageId as string },
    });
    expect(row).toMatchObject({ direction: 'outbound', channel: 'email', deliveryStatus: 'sent' });

    // The customer answers our reply; a standard client sets In-Reply-To to our Message-ID.
    await customer.sendMail({
      from: 'Ann <ann@example.com>',
      to: mail.replyTo!.value[0].address!,
      subject: `Re: ${mail.subject}`,
      text: 'Thank you!',
      messageId: '<ann-thanks@example.com>',
      inReplyTo: mail.messageId,
      references: [String(mail.references), mail.messageId!],
    });
    const followUp = await agent.next('message.received', (e) => String(e.body).startsWith('Thank you!'));
    expect(followUp.conversationId).toBe(offer.conversationId);
    expect(
      await harness.prisma.conversation.count({ where: { tenantId: tenant.id, channel: 'email' } }),
    ).toBe(1);
  });
});
