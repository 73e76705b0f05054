// The SMTP listener of the gateway role: accepts RCPT TO only for email inboxes (550 otherwise), refuses
// oversized messages with 552 (advertised with SIZE), and answers DATA with 250 only once every record is
// durable on the bus; 451/452 when the bus cannot take it, so the sending server keeps the mail and retries.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { EMAIL_METRICS, type EmailMetrics } from '../email.metrics';
import { EmailInboxDirectory, type ResolvedRecipient } from './email-inbox.directory';
import { ReceiveEmail } from './receive-email.usecase';
import { SmtpRefusal, SmtpReplyError } from './smtp-reply.error';

const MAX_CLIENTS = 100;

@Injectable()
export class SmtpInboundServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private server?: SMTPServer;
  private bound?: { host: string; port: number };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inboxes: EmailInboxDirectory,
    private readonly receive: ReceiveEmail,
    @Inject(EMAIL_METRICS) private readonly metrics: EmailMetrics,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'smtp' });
  }

  /** Where the server listens (the real port when SMTP_PORT is 0), or undefined when it is off. */
  address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  async onApplicationBootstrap(): Promise<void> {
    const smtp = this.config.email.smtp;
    if (!smtp.enabled) return;
    const server = new SMTPServer({
      name: 'switchboard',
      banner: 'Switchboard',
      size: smtp.maxMessageBytes,
      rejectOversized: true,
      authOptional: true,
      // Mail arrives from an MTA or relay in front; TLS and authentication belong there.
      disabledCommands: ['AUTH', 'STARTTLS'],
      hideENHANCEDSTATUSCODES: false,
      maxClients: MAX_CLIENTS,
      logger: false,
      onRcptTo: (address, session, callback) => {
        this.acceptRecipient(address).then(
          () => callback(),
          (error: unknown) => callback(this.refusal(error)),
        );
      },
      onData: (stream, session, callback) => {
        this.acceptData(stream, session).then(
          (reply) => {
            this.metrics.inbound.inc({ code: '250' });
            callback(null, reply);
          },
          (error: unknown) => callback(this.refusal(error)),
        );
      },
    });
    server.on('error', (error) => this.logger.warn({ err: error }, 'SMTP connection error'));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(smtp.port, smtp.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.server.address() as { port: number };
    this.bound = { host: smtp.host, port };
    this.logger.info({ host: smtp.host, port }, 'SMTP server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acceptRecipient(address: SMTPServerAddress): Promise<void> {
    if (!(await this.inboxes.resolve(address.address))) throw SmtpRefusal.unknownRecipient();
  }

  private async acceptData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readBounded(stream, this.config.email.smtp.maxMessageBytes);
    if (raw === undefined) throw SmtpRefusal.tooLarge(this.config.email.smtp.maxMessageBytes);
    const recipients = await this.recipients(session);
    if (recipients.length === 0) throw SmtpRefusal.unknownRecipient();
    const received = await this.receive.execute(raw, recipients);
    return `Accepted ${received.map((r) => r.channelMessageId).join(' ')}`;
  }

  /** Resolved again at DATA: an inbox removed since RCPT TO no longer receives. */
  private async recipients(session: SMTPServerSession): Promise<ResolvedRecipient[]> {
    const resolved = await Promise.all(session.envelope.rcptTo.map((r) => this.inboxes.resolve(r.address)));
    return resolved.filter((r): r is ResolvedRecipient => r !== undefined);
  }

  private refusal(error: unknown): SmtpReplyError {
    let reply: SmtpReplyError;
    if (error instanceof SmtpReplyError) reply = error;
    else {
      this.logger.warn({ err: error }, 'an SMTP command failed; answering 451');
      reply = SmtpRefusal.unavailable();
    }
    this.metrics.inbound.inc({ code: String(reply.responseCode) });
    return reply;
  }
}

/** The whole message, or undefined once it goes over `maxBytes` (the rest is read and dropped). */
function readBounded(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => {
      resolve(stream.sizeExceeded || size > maxBytes ? undefined : Buffer.concat(chunks));
    });
  });
}
