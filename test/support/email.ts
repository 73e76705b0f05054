// Email test helpers: an email inbox for a tenant fixture, a nodemailer client pointed at the engine's SMTP
// server, and a local SMTP sink that stands in for the relay replies are handed to.
import { SmtpInboundServer } from '@switchboard/channels-email';
import type { PrismaClient } from '@switchboard/persistence';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import type { Harness } from './app-harness';
import type { TenantFixture } from './fixtures';

export interface EmailInboxFixture {
  id: string;
  address: string;
  queueName: string;
}

export async function createEmailInbox(
  prisma: PrismaClient,
  tenant: TenantFixture,
): Promise<EmailInboxFixture> {
  const queue = await prisma.queue.create({ data: { tenantId: tenant.id, name: 'email-support' } });
  const address = `support@${tenant.slug}.test`;
  const inbox = await prisma.inbox.create({
    data: { tenantId: tenant.id, channel: 'email', name: 'Support', address, defaultQueueId: queue.id },
  });
  return { id: inbox.id, address, queueName: queue.name };
}

/** A client that talks plain SMTP to the engine, as a sending mail server would. */
export function smtpClientFor(harness: Harness): Transporter {
  const address = harness.app.get(SmtpInboundServer).address();
  if (!address) throw new Error('the SMTP server is not listening');
  return createTransport({ host: address.host, port: address.port, secure: false, ignoreTLS: true });
}

export interface SmtpFailure {
  responseCode?: number;
  response?: string;
}

/** Sends and returns the server's refusal, failing the test if the mail was accepted. */
export async function refusal(client: Transporter, mail: SendMailOptions): Promise<SmtpFailure> {
  const error = await client.sendMail(mail).then(
    () => undefined,
    (failure: unknown) => failure as SmtpFailure,
  );
  expect(error, 'the mail was accepted').toBeDefined();
  return error as SmtpFailure;
}

/** The stored inbound message of a channel message id, once the router has written it (usable in hooks too). */
export async function storedMessage(harness: Harness, tenantId: string, channelMessageId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const message = await harness.prisma.message.findFirst({
      where: { tenantId, channelMessageId },
      include: { conversation: true },
    });
    if (message) return message;
    if (Date.now() > deadline) throw new Error(`${channelMessageId} was not stored within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly received: ParsedMail[],
  ) {}

  static async start(): Promise<SmtpSink> {
    const parsed: ParsedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // Stand-ins for a relay's refusals: bounce@ is refused for good, later@ for now.
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('bounce@')) return callback(smtpError(550, 'No such user'));
        if (address.address.startsWith('later@')) return callback(smtpError(451, 'Try again later'));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            parsed.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new SmtpSink(server, (server.server.address() as { port: number }).port, parsed);
  }

  async next(match: (mail: ParsedMail) => boolean): Promise<ParsedMail> {
    await expect.poll(() => this.received.some(match), { timeout: 10_000 }).toBe(true);
    return this.received.find(match) as ParsedMail;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
