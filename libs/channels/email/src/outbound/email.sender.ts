// Sends an agent's reply by email through SMTP_RELAY_URL, threaded so the customer's client shows it in the
// conversation and the customer's answer threads back: our Message-ID (recorded before sending), In-Reply-To
// and References from the thread's chain, Reply-To with the thread's token as a sub-address, the token in the
// subject, and an Outlook Thread-Index. A 5xx from the relay is permanent; anything else may be retried.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { createTransport, type Transporter } from 'nodemailer';
import { EMAIL_METRICS, type EmailMetrics } from '../email.metrics';
import { EmailInboxDirectory, type EmailInbox } from '../inbound/email-inbox.directory';
import { EmailThreadRefs } from '../threading/email-thread-refs.repository';
import { bracketed, ourMessageId } from '../threading/message-id.util';
import { newThreadIndexRoot } from '../threading/thread-index.util';
import { domainOf, threadToken } from '../threading/thread-token.util';
import { PermanentSendError, type OutboundReply, type SendResult } from './channel-sender.port';
import { replyHeaders } from './reply-headers.util';

@Injectable()
export class EmailSender {
  readonly channel = 'email';
  private transport?: Transporter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly inboxes: EmailInboxDirectory,
    private readonly refs: EmailThreadRefs,
    @Inject(EMAIL_METRICS) private readonly metrics: EmailMetrics,
  ) {}

  async send(reply: OutboundReply): Promise<SendResult> {
    const conversation = await this.prisma.conversation.findFirst({
      where: { tenantId: reply.tenantId, id: reply.conversationId },
      select: { threadKey: true, subject: true },
    });
    if (!conversation) throw new PermanentSendError(`conversation ${reply.conversationId} does not exist`);
    const inbox = await this.inboxFor(reply);
    const threadKey =
      conversation.threadKey ?? bracketed(ourMessageId(reply.conversationId, domainOf(inbox.address)));
    const token = threadToken(reply.tenantId, threadKey);
    const threadIndexRoot =
      (await this.refs.threadIndexRoot(reply.tenantId, threadKey)) ??
      newThreadIndexRoot(threadKey, new Date());
    const headers = replyHeaders(reply.replyId, {
      inboxAddress: inbox.address,
      token,
      subject: conversation.subject,
      chain: await this.refs.chain(reply.tenantId, threadKey),
      threadIndexRoot,
    });
    // Recorded before sending: the customer's answer may arrive before this call returns.
    await this.refs.record(reply.tenantId, [
      {
        kind: 'message-id',
        value: headers.messageId,
        threadKey,
        conversationId: reply.conversationId,
        direction: 'outbound',
      },
      { kind: 'token', value: token, threadKey, conversationId: reply.conversationId },
      { kind: 'thread-index', value: threadIndexRoot, threadKey, conversationId: reply.conversationId },
    ]);
    await this.deliver(reply, inbox, headers);
    return { providerMessageId: bracketed(headers.messageId), status: 'sent' };
  }

  private async inboxFor(reply: OutboundReply): Promise<EmailInbox> {
    const inbox = reply.inboxId
      ? await this.inboxes.byId(reply.tenantId, reply.inboxId)
      : await this.inboxes.firstOf(reply.tenantId);
    if (!inbox) throw new PermanentSendError('the tenant has no email inbox to send from');
    return inbox;
  }

  private async deliver(
    reply: OutboundReply,
    inbox: EmailInbox,
    headers: ReturnType<typeof replyHeaders>,
  ): Promise<void> {
    const transport = this.transporter();
    try {
      await transport.sendMail({
        from: { name: inbox.name, address: inbox.address },
        to: reply.to.displayName
          ? { name: reply.to.displayName, address: reply.to.address }
          : reply.to.address,
        replyTo: headers.replyTo,
        subject: headers.subject,
        messageId: bracketed(headers.messageId),
        ...(headers.inReplyTo ? { inReplyTo: headers.inReplyTo } : {}),
        ...(headers.references.length > 0 ? { references: headers.references } : {}),
        headers: { 'Thread-Index': headers.threadIndex, 'Thread-Topic': headers.threadTopic },
        text: reply.body,
        ...(reply.html ? { html: reply.html } : {}),
      });
      this.metrics.outbound.inc({ outcome: 'sent' });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      this.metrics.outbound.inc({ outcome: permanent ? 'permanent-failure' : 'retriable-failure' });
      if (permanent) {
        throw new PermanentSendError(`the relay refused the reply: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  private transporter(): Transporter {
    const url = this.config.email.relayUrl;
    if (!url) throw new PermanentSendError('SMTP_RELAY_URL is not set, so email replies cannot be sent');
    this.transport ??= createTransport(url);
    return this.transport;
  }
}
