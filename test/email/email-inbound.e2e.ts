// Email in, on Kafka + PostgreSQL: real MIME from nodemailer to the engine's SMTP server becomes a stored
// message in a routed conversation, with attachments downloadable by the tenant only; unknown recipients,
// oversized and malformed mail are refused with the right SMTP code and nothing stored; a bus that cannot take
// the record gets a 4xx, and the sender's retry is stored once.
import { BUS, BusOverloadedError, type Bus } from '@switchboard/messaging';
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import {
  createEmailInbox,
  refusal,
  smtpClientFor,
  storedMessage,
  type EmailInboxFixture,
} from '../support/email';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const CSV = 'date,amount\n2026-12-01,10.00\n';

describe('email in (kafka+postgres)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inbox: EmailInboxFixture;
  let client: Transporter;

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres', { SMTP_MAX_MESSAGE_BYTES: '100000' });
    tenant = await createTenantFixture(harness.prisma);
    inbox = await createEmailInbox(harness.prisma, tenant);
    client = smtpClientFor(harness);
  });
  afterAll(async () => {
    client?.close();
    await harness?.close();
  });

  it('stores a plain mail in a new conversation of the inbox default queue, threaded by its Message-ID', async () => {
    const sent = await client.sendMail({
      from: '"Ann Customer" <Ann@Example.com>',
      to: inbox.address,
      subject: 'My card was charged twice',
      text: 'Hello, please help.',
      messageId: '<plain-1@example.com>',
    });
    expect(sent.response).toMatch(/^250 /);
    const message = await storedMessage(harness, tenant.id, '<plain-1@example.com>');
    expect(message.body.trim()).toBe('Hello, please help.');
    expect(message.conversation).toMatchObject({
      channel: 'email',
      subject: 'My card was charged twice',
      threadKey: '<plain-1@example.com>',
    });
    const queue = await harness.prisma.queue.findFirstOrThrow({
      where: { tenantId: tenant.id, name: inbox.queueName },
    });
    expect(message.conversation.queueId).toBe(queue.id);
    const identity = await harness.prisma.customerIdentity.findFirstOrThrow({
      where: { tenantId: tenant.id, customerId: message.conversation.customerId },
    });
    expect(identity.address).toBe('ann@example.com');
  });

  it('keeps HTML, an inline image and an attachment, downloadable by the tenant and a 404 for another', async () => {
    const published = vi.spyOn(harness.app.get<Bus>(BUS), 'publish');
    await client.sendMail({
      from: 'bob@example.com',
      to: inbox.address,
      subject: 'Screenshot',
      text: 'See the picture',
      html: '<p>See <img src="cid:shot@example.com"></p>',
      messageId: '<html-1@example.com>',
      attachments: [
        { filename: 'pixel.png', content: PIXEL, cid: 'shot@example.com' },
        { filename: 'statement.csv', content: CSV, contentType: 'text/csv' },
      ],
    });
    const message = await storedMessage(harness, tenant.id, '<html-1@example.com>');
    const attachments = message.attachments as Array<{
      name: string;
      contentType: string;
      sizeBytes: number;
      blobId: string;
    }>;
    expect(attachments.map((a) => [a.name, a.contentType, a.sizeBytes])).toEqual([
      ['pixel.png', 'image/png', PIXEL.length],
      ['statement.csv', 'text/csv', CSV.length],
    ]);
    // The record on the bus names its inbox and keeps the HTML, its inline image pointing at the download.
    const record = JSON.parse(String(published.mock.calls[0][1][0].value)) as Record<string, unknown>;
    published.mockRestore();
    expect(record).toMatchObject({
      inboxId: inbox.id,
      queue: inbox.queueName,
      threadKey: '<html-1@example.com>',
    });
    const html = `<p>See <img src="/v1/attachments/${attachments[0].blobId}"></p>`;
    expect(record.html).toBe(html);
    // The router stores the HTML with the message, and the conversation detail gives it back beside the text.
    expect(message.html).toBe(html);
    const supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    const detail = await supervisor.get<{
      messages: Array<{ channelMessageId: string; html: string | null }>;
    }>(`/v1/conversations/${message.conversationId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.messages).toEqual([
      expect.objectContaining({ channelMessageId: '<html-1@example.com>', html, body: message.body }),
    ]);
    const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    const csv = await fetch(`${harness.url}/v1/attachments/${attachments[1].blobId}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''statement.csv");
    expect(await csv.text()).toBe(CSV);
    const image = await fetch(`${harness.url}/v1/attachments/${attachments[0].blobId}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(Buffer.from(await image.arrayBuffer()).equals(PIXEL)).toBe(true);

    const stranger = await ApiClient.as(
      harness.url,
      harness.prisma,
      await createTenantFixture(harness.prisma),
      'admin',
    );
    expect((await stranger.get(`/v1/attachments/${attachments[1].blobId}`)).status).toBe(404);
    expect(
      (await ApiClient.anonymous(harness.url).get(`/v1/attachments/${attachments[1].blobId}`)).status,
    ).toBe(401);
  });

  it('decodes an ISO-8859-1 body and an encoded-word subject', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: =?ISO-8859-1?Q?Jos=E9_Mart=EDn?= <jose@example.com>',
          `To: ${inbox.address}`,
          'Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me_br=FBl=E9e?=',
          'Message-ID: <latin1-1@example.com>',
          'Date: Fri, 04 Dec 2026 10:00:00 +0000',
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=ISO-8859-1',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      Buffer.from('Ol\xe1, a fatura est\xe1 errada.\r\n', 'latin1'),
    ]);
    await client.sendMail({ envelope: { from: 'jose@example.com', to: [inbox.address] }, raw });
    const message = await storedMessage(harness, tenant.id, '<latin1-1@example.com>');
    expect(message.body.trim()).toBe('Olá, a fatura está errada.');
    expect(message.conversation.subject).toBe('Café crème brûlée');
  });

  it('refuses an unknown recipient with 550 and an oversized message with 552', async () => {
    const unknown = await refusal(client, {
      from: 'ann@example.com',
      to: `nobody@${tenant.slug}.test`,
      text: 'hi',
    });
    expect(unknown.responseCode).toBe(550);
    const oversized = await refusal(client, {
      from: 'ann@example.com',
      to: inbox.address,
      text: 'x'.repeat(150_000),
      messageId: '<too-big@example.com>',
    });
    expect(oversized.responseCode).toBe(552);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/^switchboard_email_inbound_total\{[^}]*code="550"[^}]*\} [1-9]/m);
    expect(metrics).toMatch(/^switchboard_email_inbound_total\{[^}]*code="552"[^}]*\} [1-9]/m);
    await new Promise((r) => setTimeout(r, 500));
    expect(await harness.prisma.message.count({ where: { channelMessageId: '<too-big@example.com>' } })).toBe(
      0,
    );
  });

  it('refuses malformed MIME with a clear 550 and stores nothing', async () => {
    const raw = [
      'From: mallory@example.com',
      `To: ${inbox.address}`,
      'Message-ID: <broken-1@example.com>',
      'Content-Type: multipart/mixed',
      '',
      'a multipart body without a boundary',
    ].join('\r\n');
    const failure = await refusal(client, {
      envelope: { from: 'mallory@example.com', to: [inbox.address] },
      raw,
    });
    expect(failure.responseCode).toBe(550);
    expect(failure.response).toMatch(/Malformed message: a multipart message has no boundary/);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      await harness.prisma.message.count({ where: { channelMessageId: '<broken-1@example.com>' } }),
    ).toBe(0);
    expect(await harness.prisma.emailThreadRef.count({ where: { value: 'broken-1@example.com' } })).toBe(0);
  });

  it('answers 451 when the bus is down and 452 when it is overloaded; the retry is stored once', async () => {
    const bus = harness.app.get<Bus>(BUS);
    const publish = vi.spyOn(bus, 'publish');
    const mail = {
      from: 'carol@example.com',
      to: inbox.address,
      text: 'retry me',
      messageId: '<retry-1@example.com>',
    };
    try {
      publish.mockRejectedValueOnce(new Error('broker unreachable'));
      expect((await refusal(client, mail)).responseCode).toBe(451);
      publish.mockRejectedValueOnce(new BusOverloadedError('inbound', 10, 1000));
      expect((await refusal(client, mail)).responseCode).toBe(452);
    } finally {
      publish.mockRestore();
    }
    expect((await client.sendMail(mail)).response).toMatch(/^250 /);
    expect((await client.sendMail(mail)).response).toMatch(/^250 /);
    await storedMessage(harness, tenant.id, '<retry-1@example.com>');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await harness.prisma.message.count({ where: { channelMessageId: '<retry-1@example.com>' } })).toBe(
      1,
    );
  });
});

describe('email in (embedded)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('embedded');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('answers 250 once the record is in the PGlite bus journal, and routes it', async () => {
    const tenant = await createTenantFixture(harness.prisma);
    const inbox = await createEmailInbox(harness.prisma, tenant);
    const client = smtpClientFor(harness);
    try {
      const sent = await client.sendMail({
        from: 'dan@example.com',
        to: inbox.address.toUpperCase(),
        subject: 'Embedded',
        text: 'Hello from the laptop',
        messageId: '<embedded-1@example.com>',
      });
      expect(sent.response).toMatch(/^250 /);
      const journal = await harness.prisma.busJournal.findMany({
        where: { topic: harness.config.topics.inbound },
      });
      expect(
        journal.some((row) => Buffer.from(row.value).toString('utf8').includes('<embedded-1@example.com>')),
      ).toBe(true);
      const message = await storedMessage(harness, tenant.id, '<embedded-1@example.com>');
      expect(message.conversation.threadKey).toBe('<embedded-1@example.com>');
    } finally {
      client.close();
    }
  });
});
