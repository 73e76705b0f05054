// Takes one message from the SMTP server to the inbound topic: parse it, find its thread, keep its
// attachments, and publish one normalized record per tenant it was addressed to. Resolves only once every
// record is on the bus, so the SMTP 250 means durable; any failure rejects and the sender retries the whole
// message (the Message-ID makes a resend a duplicate the router drops, and blob ids derive from it).
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  INBOUND_CONTACT_V1,
  inboundContactSchemas,
  type InboundContactV1,
} from '@switchboard/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { IngestAdmissionGate } from '@switchboard/gateway-api';
import { BUS, BusOverloadedError, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { EmailAttachmentKeeper } from './email-attachment.keeper';
import { MalformedEmailError, readEmailContent, type EmailContent } from './email-content.reader';
import type { ResolvedRecipient } from './email-inbox.directory';
import { SmtpRefusal, SmtpReplyError } from './smtp-reply.error';
import { bracketed } from '../threading/message-id.util';
import { EmailThreadRefs, type ThreadRefRow } from '../threading/email-thread-refs.repository';
import {
  resolveThreadKey,
  threadRefQueries,
  type ThreadEvidence,
  type ThreadResolution,
} from '../threading/thread-key.resolver';
import { isThreadToken, subjectToken, threadToken } from '../threading/thread-token.util';

/** The contract caps channelMessageId; longer Message-IDs are still stored whole as thread references. */
const MAX_CHANNEL_MESSAGE_ID = 256;

/**
 * Kafka's default `message.max.bytes` is 1 MiB: a bigger record would be refused on every retry, so the
 * sender would retry for days. The HTML goes first (the text body stays), which keeps any email record under.
 */
export const MAX_RECORD_BYTES = 900 * 1024;

export interface ReceivedEmail {
  tenantId: string;
  channelMessageId: string;
  threadKey: string;
  matchedBy: ThreadResolution['matchedBy'];
}

@Injectable()
export class ReceiveEmail {
  private readonly logger: Logger;
  private readonly recordSchema: ReturnType<typeof inboundContactSchemas>['record'];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admission: IngestAdmissionGate,
    private readonly refs: EmailThreadRefs,
    private readonly attachments: EmailAttachmentKeeper,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'email-in' });
    this.recordSchema = inboundContactSchemas(config.urls).record;
  }

  /** `recipients` are the accepted envelope recipients, already resolved to inboxes. */
  async execute(
    raw: Buffer,
    recipients: readonly ResolvedRecipient[],
    now = new Date(),
  ): Promise<ReceivedEmail[]> {
    const email = await this.parse(raw, now);
    const received: ReceivedEmail[] = [];
    for (const group of byTenant(recipients)) {
      received.push(await this.deliver(email, group, now));
    }
    return received;
  }

  private async parse(raw: Buffer, now: Date): Promise<EmailContent> {
    try {
      // Inline images stay `cid:` references (not data: URIs), so the HTML stays small and points at blobs.
      return readEmailContent(await simpleParser(raw, { skipImageLinks: true }), raw, now);
    } catch (error) {
      const reason =
        error instanceof MalformedEmailError ? error.message : 'the MIME structure cannot be read';
      this.logger.info({ err: error }, 'refusing a malformed message');
      throw SmtpRefusal.malformed(reason);
    }
  }

  private async deliver(
    email: EmailContent,
    recipients: ResolvedRecipient[],
    now: Date,
  ): Promise<ReceivedEmail> {
    const { inbox } = recipients[0];
    const tenantId = inbox.tenantId;
    await this.admit();
    const evidence = threadEvidence(email, recipients);
    const thread = resolveThreadKey(evidence, await this.refs.lookup(tenantId, threadRefQueries(evidence)));
    const channelMessageId = channelMessageIdOf(email.messageId);
    const kept = await this.attachments.keep(tenantId, channelMessageId, email);
    const record = withinRecordSize(
      this.validated({
        schema: INBOUND_CONTACT_V1,
        tenantId,
        channel: 'email',
        inboxId: inbox.id,
        channelMessageId,
        from: email.from,
        body: email.text,
        ...(kept.html !== undefined ? { html: kept.html } : {}),
        ...(email.subject ? { subject: email.subject } : {}),
        sentAt: email.sentAt,
        threadKey: thread.threadKey,
        ...(inbox.queueName ? { queue: inbox.queueName } : {}),
        ...(kept.attachments.length > 0 ? { attachments: kept.attachments } : {}),
        receivedAt: now.toISOString(),
      }),
    );
    // References first: a reply that arrives the moment the 250 goes out must already find this thread.
    await this.refs.record(tenantId, this.refRows(tenantId, email, thread.threadKey));
    await this.publish(record);
    this.logger.info(
      { tenantId, inboxId: inbox.id, channelMessageId, matchedBy: thread.matchedBy },
      'email accepted',
    );
    return { tenantId, channelMessageId, threadKey: thread.threadKey, matchedBy: thread.matchedBy };
  }

  private refRows(tenantId: string, email: EmailContent, threadKey: string): ThreadRefRow[] {
    return [
      { kind: 'message-id', value: email.messageId, threadKey, direction: 'inbound' },
      { kind: 'token', value: threadToken(tenantId, threadKey), threadKey },
      ...(email.threadIndexRoot
        ? [{ kind: 'thread-index' as const, value: email.threadIndexRoot, threadKey }]
        : []),
    ];
  }

  /** What we built must pass the contract the router applies; otherwise it is our bug, never a dead letter. */
  private validated(record: InboundContactV1): InboundContactV1 {
    const parsed = this.recordSchema.safeParse(record);
    if (parsed.success) return parsed.data;
    this.logger.error({ issues: parsed.error.issues }, 'an inbound email does not fit the contract');
    throw new SmtpReplyError(554, 'The message cannot be accepted in this form');
  }

  private async admit(): Promise<void> {
    try {
      await this.admission.admit();
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Overloaded) throw SmtpRefusal.overloaded();
      throw error;
    }
  }

  private async publish(record: InboundContactV1): Promise<void> {
    try {
      await this.bus.publish(this.config.topics.inbound, [
        { key: record.tenantId, value: JSON.stringify(record) },
      ]);
    } catch (error) {
      if (error instanceof BusOverloadedError) throw SmtpRefusal.overloaded();
      this.logger.warn({ err: error }, 'publishing an inbound email failed; answering 451');
      throw SmtpRefusal.unavailable();
    }
  }
}

/** What the mail says about its thread: headers, the `+token` of its recipients, the subject's token. */
function threadEvidence(email: EmailContent, recipients: readonly ResolvedRecipient[]): ThreadEvidence {
  const inSubject = subjectToken(email.subject);
  return {
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    ...(email.threadIndexRoot ? { threadIndexRoot: email.threadIndexRoot } : {}),
    addressTokens: recipients.flatMap((r) => (r.tag && isThreadToken(r.tag) ? [r.tag] : [])),
    ...(inSubject ? { subjectToken: inSubject } : {}),
  };
}

/** One record per tenant: two inboxes of one tenant on one message are one contact. */
function byTenant(recipients: readonly ResolvedRecipient[]): ResolvedRecipient[][] {
  const groups = new Map<string, ResolvedRecipient[]>();
  for (const recipient of recipients) {
    const group = groups.get(recipient.inbox.tenantId) ?? [];
    group.push(recipient);
    groups.set(recipient.inbox.tenantId, group);
  }
  return [...groups.values()];
}

function channelMessageIdOf(messageId: string): string {
  const id = bracketed(messageId);
  if (id.length <= MAX_CHANNEL_MESSAGE_ID) return id;
  return `<sha256.${createHash('sha256').update(messageId).digest('hex')}@long-id.switchboard>`;
}

/** The record, without its HTML if that is what takes it over MAX_RECORD_BYTES once serialized. */
export function withinRecordSize(record: InboundContactV1): InboundContactV1 {
  if (record.html === undefined || Buffer.byteLength(JSON.stringify(record)) <= MAX_RECORD_BYTES)
    return record;
  const { html: _dropped, ...withoutHtml } = record;
  return withoutHtml;
}
