// Keeping an email customer informed, end to end on both stacks: the customer's mail, left waiting, is
// acknowledged through the relay on its thread; after resolution the survey arrives with a signed link whose
// page stores the rating once; a tampered link is refused.
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createEmailInbox, SmtpSink, smtpClientFor, type EmailInboxFixture } from '../support/email';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const LINK_BASE = 'https://support.example';

describe.each<Mode>(['embedded', 'kafka+postgres'])('email acknowledgement and CSAT link (%s)', (mode) => {
  let relay: SmtpSink;
  let harness: Harness;
  let tenant: TenantFixture;
  let inbox: EmailInboxFixture;
  let customer: Transporter;
  let eve: AgentClient;

  beforeAll(async () => {
    relay = await SmtpSink.start();
    harness = await startHarness(mode, {
      SMTP_RELAY_URL: `smtp://127.0.0.1:${relay.port}`,
      AUTO_ACK_CHANNELS: 'chat,email',
      CSAT_CHANNELS: 'chat,email',
      CSAT_LINK_BASE_URL: LINK_BASE,
      OFFER_TIMEOUT_SECONDS: '120',
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'eve', capacity: { email: 1 } }]);
    inbox = await createEmailInbox(harness.prisma, tenant);
    customer = smtpClientFor(harness);
    const { email, password } = tenant.agents[0];
    eve = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
  }, 120_000);

  afterAll(async () => {
    eve?.close();
    customer?.close();
    await harness?.close();
    await relay?.close();
  });

  const post = (path: string, body: string, type: string) =>
    fetch(`${harness.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('acknowledges the waiting mail, then surveys with a signed link that stores the rating once', async () => {
    await customer.sendMail({
      from: 'Ann <ann@example.com>',
      to: inbox.address,
      subject: 'Broken kettle',
      text: 'It stopped working after a week.',
      messageId: '<ann-kettle@example.com>',
    });
    // Nobody is signed in: the acknowledgement says so honestly, threaded to the customer's mail.
    const ack = await relay.next((m) => m.inReplyTo === '<ann-kettle@example.com>');
    expect(ack.text).toContain("We'll reply as soon as someone is available.");
    expect(ack.to).toMatchObject({ value: [expect.objectContaining({ address: 'ann@example.com' })] });

    expect((await eve.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    const offer = await eve.next('offer.created');
    expect((await eve.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    const conversationId = offer.conversationId as string;
    expect((await eve.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);

    const survey = await relay.next((m) => (m.text ?? '').includes(`${LINK_BASE}/v1/csat/`));
    expect(survey.inReplyTo).toBe('<ann-kettle@example.com>');
    const token = /\/v1\/csat\/(\S+)/.exec(survey.text ?? '')?.[1] ?? '';
    const path = `/v1/csat/${token}`;
    const page = await fetch(`${harness.url}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');

    // One character changed: the signature no longer matches.
    const tampered = `/v1/csat/${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expect((await fetch(`${harness.url}${tampered}`)).status).toBe(404);
    expect((await post(tampered, 'score=1', 'application/x-www-form-urlencoded')).status).toBe(404);

    const answered = await post(
      path,
      'score=5&comment=Replaced+at+once',
      'application/x-www-form-urlencoded',
    );
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Thank you');
    const again = await post(path, JSON.stringify({ score: 1 }), 'application/json');
    expect(again.status).toBe(409);
    expect(await harness.prisma.csatResponse.findMany({ where: { conversationId } })).toEqual([
      expect.objectContaining({
        score: 5,
        comment: 'Replaced at once',
        channel: 'email',
        agentId: tenant.agents[0].id,
      }),
    ]);
  });
});
