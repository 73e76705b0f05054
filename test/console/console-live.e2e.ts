// The console end to end, in Chromium against the full engine (Kafka and PostgreSQL, and embedded): two agents and a
// supervisor sign in; a web chat contact arrives through Kafka; one agent is offered it and accepts (the
// other never sees it); the reply reaches the visitor; the wallboard follows live; and an agent whose page
// was offline while a second contact arrived gets the missed offer when it is back, without a reload; a supervisor
// reassigns a breached conversation from the wallboard to a colleague picked by name.
// Needs `npm run build` (or `npm run build:console`) first.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { root } from '../support/processes';
import { VisitorClient } from '../support/visitor-client';
import {
  axeViolations,
  launchBrowser,
  openConsole,
  screenshot,
  signIn,
  type ConsolePage,
} from './support/browser';
import { createConsoleUser } from './support/console-users';

const SHOP = 'https://shop.example';

// On Kafka and PostgreSQL (the web chat message reaches the router through Kafka), and on the embedded default.
describe.each<Mode>(['kafka+postgres', 'embedded'])('live console (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inboxId: string;
  let browser: Browser;
  let agents: ConsolePage[] = [];
  let supervisor: ConsolePage;
  const visitors: VisitorClient[] = [];
  /** The agent left available after the second test (the other stepped away). */
  let availableIndex = 0;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/console/index.html')))
      throw new Error('run `npm run build:console` first');
    harness = await startHarness(
      mode,
      // Presence: a page offline for a moment keeps its agent's offers (within the grace period).
      { OFFER_TIMEOUT_SECONDS: '120', CHAT_ORIGINS: SHOP, PRESENCE_GRACE_MS: '120000' },
      { console: true },
    );
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'ana', capacity: { chat: 2 } },
      { name: 'ben', capacity: { chat: 2 } },
    ]);
    const inbox = await harness.prisma.inbox.create({
      data: { tenantId: tenant.id, channel: 'chat', name: 'Website', address: 'website' },
    });
    inboxId = inbox.id;
    const boss = await createConsoleUser(harness.prisma, tenant, 'supervisor');
    browser = await launchBrowser();
    agents = await Promise.all(tenant.agents.map(() => openConsole(browser, harness.url)));
    supervisor = await openConsole(browser, harness.url);
    await Promise.all([
      ...agents.map(({ page }, i) =>
        signIn(page, tenant.slug, tenant.agents[i].email, tenant.agents[i].password),
      ),
      signIn(supervisor.page, tenant.slug, boss.email, boss.password),
    ]);
  });

  afterAll(async () => {
    for (const visitor of visitors) visitor.close();
    await browser?.close();
    await harness?.close();
  });

  async function visitorSays(body: string): Promise<{ visitor: VisitorClient; conversationId: string }> {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token, SHOP);
    visitors.push(visitor);
    expect(await visitor.say(`m-${visitors.length}`, body)).toMatchObject({ ok: true });
    const stored = await visitor.next('message.stored');
    return { visitor, conversationId: stored.conversationId as string };
  }

  const offerCard = (page: Page, text: string) => page.locator('.offer', { hasText: text });
  const live = (page: Page) => page.locator('[data-connection="live"]').waitFor();

  it('routes a contact to one agent, who accepts it by keyboard and replies to the visitor', async () => {
    await Promise.all([...agents, supervisor].map(({ page }) => live(page)));
    for (const { page } of agents) await page.getByLabel('My status').selectOption('available');
    // The wallboard follows the agents' status live (presence events).
    for (const agent of tenant.agents)
      await supervisor.page.locator(`tr[data-agent-id="${agent.id}"]`, { hasText: 'available' }).waitFor();

    const first = await visitorSays('Hello, I need help with my order');
    const winner = await Promise.any(
      agents.map(async (agent, index) => {
        await offerCard(agent.page, 'Hello, I need help with my order').waitFor();
        return index;
      }),
    );
    const [offered, other] = [agents[winner], agents[1 - winner]];
    expect(await axeViolations(offered.page)).toEqual([]);
    await screenshot(offered.page, 'agent-offer');

    await offered.page.keyboard.press('a');
    await offered.page
      .getByRole('list', { name: 'My conversations' })
      .getByText('Hello, I need help with my order')
      .waitFor();
    await offerCard(offered.page, 'Hello, I need help with my order').waitFor({ state: 'detached' });
    // The router made exactly one offer, to the winner; the other agent's page never showed it.
    const history = await harness.prisma.offer.findMany({ where: { conversationId: first.conversationId } });
    expect(history.map((o) => o.agentId)).toEqual([tenant.agents[winner].id]);
    expect(await offerCard(other.page, 'Hello, I need help with my order').count()).toBe(0);

    await offered.page.getByLabel('Reply to the customer').fill('Let me look at order 1234');
    await offered.page.getByLabel('Reply to the customer').press('Control+Enter');
    const reply = await first.visitor.next('reply', (r) => r.body === 'Let me look at order 1234');
    expect(reply.conversationId).toBe(first.conversationId);
    expect(await first.visitor.emit('receipt', { messageId: reply.messageId })).toEqual({ ok: true });
    await offered.page
      .locator(`[data-message-id="${String(reply.messageId)}"]`, { hasText: 'delivered' })
      .waitFor();
    expect(await axeViolations(offered.page)).toEqual([]);
    await screenshot(offered.page, 'agent-conversation');

    await offered.page.keyboard.press('Escape');
    await offered.page.keyboard.press('?');
    await offered.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await axeViolations(offered.page)).toEqual([]);
    await screenshot(offered.page, 'agent-help');
    await offered.page.keyboard.press('Escape');

    expect(await axeViolations(supervisor.page)).toEqual([]);
    await screenshot(supervisor.page, 'wallboard');
    for (const { problems } of [...agents, supervisor]) expect(problems).toEqual([]);
  });

  it('shows an offer made while the page was offline once it is back, without a reload', async () => {
    const holder = await harness.prisma.assignment.findFirstOrThrow({
      where: { tenantId: tenant.id, endedAt: null },
    });
    const index = tenant.agents.findIndex((a) => a.id === holder.agentId);
    const [mine, other] = [agents[index], agents[1 - index]];
    availableIndex = index;
    // The other agent steps away, so the next contact can only go to the agent who will be offline.
    await other.page.getByLabel('My status').selectOption('away');
    await supervisor.page
      .locator(`tr[data-agent-id="${tenant.agents[1 - index].id}"]`, { hasText: 'away' })
      .waitFor();

    await mine.context.setOffline(true);
    await mine.page.locator('[data-connection="offline"]').waitFor();
    const second = await visitorSays('Are you open on Sundays?');
    // The router has offered it (to the offline page's agent) before the page comes back.
    await expect
      .poll(() => harness.prisma.offer.count({ where: { conversationId: second.conversationId } }), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await offerCard(mine.page, 'Are you open on Sundays?').count()).toBe(0);

    await mine.context.setOffline(false);
    await offerCard(mine.page, 'Are you open on Sundays?').waitFor();
    await live(mine.page);
    await screenshot(mine.page, 'agent-after-reconnect');
    expect(mine.problems).toEqual([]);
  });

  it('keeps an internal note from the visitor, and wraps the conversation up', async () => {
    const holder = await harness.prisma.assignment.findFirstOrThrow({
      where: { tenantId: tenant.id, endedAt: null },
      orderBy: { assignedAt: 'asc' },
    });
    const { page, problems } = agents[tenant.agents.findIndex((a) => a.id === holder.agentId)];
    const first = visitors[0];
    await page.getByRole('list', { name: 'My conversations' }).getByText('Let me look at order 1234').click();

    await page.getByRole('button', { name: 'Internal note' }).click();
    await page.getByLabel('Internal note (never sent to the customer)').fill('VIP customer, be quick');
    await page.getByLabel('Internal note (never sent to the customer)').press('Control+Enter');
    await page.locator('.message-note', { hasText: 'VIP customer, be quick' }).waitFor();

    // A later reply reaches the visitor; by then the note would have too, had it been sent.
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.getByLabel('Reply to the customer').fill('Anything else?');
    await page.getByLabel('Reply to the customer').press('Control+Enter');
    await first.next('reply', (r) => r.body === 'Anything else?');
    expect(first.received()).not.toContain('reply:VIP customer, be quick');

    // A transfer the router refuses (the colleague stepped away) shows the router's answer, and changes nothing.
    const colleague = tenant.agents.find((a) => a.id !== holder.agentId);
    await page.getByRole('button', { name: 'Transfer' }).click();
    // The picker lists colleagues and queues by name from the console directory.
    const picker = page.getByLabel('Transfer to');
    // ...but never the agent themselves.
    expect(await picker.locator(`option[value="agent:${holder.agentId}"]`).count()).toBe(0);
    await picker.selectOption(`agent:${colleague?.id ?? ''}`);
    await expect
      .poll(() => picker.locator('option:checked').textContent())
      .toBe(`${colleague?.email.split('@')[0] ?? ''} (away)`);
    await page.getByRole('button', { name: 'Transfer' }).last().click();
    await page.getByRole('status').filter({ hasText: 'AGENT_UNAVAILABLE' }).waitFor();
    await page.getByRole('button', { name: 'Transfer' }).first().click();

    await page.getByRole('button', { name: 'Wrap up' }).click();
    await page.getByLabel('Disposition').selectOption('resolved');
    await page.getByLabel('Notes').fill('Order found');
    await page.getByRole('button', { name: 'Wrap up' }).last().click();
    await page
      .getByRole('list', { name: 'My conversations' })
      .getByText('Anything else?')
      .waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('shows an SLA breach live: the wallboard lists it and the agent sees the badge turn red', async () => {
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const sla = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'two-seconds',
      targets: { firstResponseMs: { chat: 2000 }, nextResponseMs: {}, overrides: [] },
    });
    expect(sla.status).toBe(201);
    expect((await admin.post('/v1/queues', { name: 'fast', slaPolicyId: sla.body.id })).status).toBe(201);
    const contact = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'sla-1',
        from: { address: 'sam@example.com', displayName: 'Slow Sam' },
        body: 'Is anyone there?',
        sentAt: new Date().toISOString(),
        queue: 'fast',
      }),
    });
    expect(contact.status).toBe(202);

    const { page } = agents[availableIndex];
    await offerCard(page, 'Is anyone there?')
      .getByRole('button', { name: /Accept/ })
      .click();
    const item = page
      .getByRole('list', { name: 'My conversations' })
      .getByRole('listitem')
      .filter({ hasText: 'Is anyone there?' });
    await item.waitFor();
    // Only the live sla.breached event puts a breach on the wallboard (the snapshot was loaded before it).
    await supervisor.page.locator('.breaches li', { hasText: 'First response' }).waitFor();
    await item.locator('[data-sla="breached"]').waitFor();
    expect(await axeViolations(supervisor.page)).toEqual([]);
    // Queues created after the wallboard loaded are named, as is the router's implicit default queue.
    const fast = await harness.prisma.queue.findFirstOrThrow({
      where: { tenantId: tenant.id, name: 'fast' },
    });
    await supervisor.page.locator(`tr[data-queue-id="${fast.id}"] th`, { hasText: /^fast$/ }).waitFor();
    await supervisor.page.locator('tr[data-queue-id="default"] th', { hasText: /^Default$/ }).waitFor();
    await supervisor.page.locator('.breaches li', { hasText: 'fast' }).waitFor();
    await screenshot(supervisor.page, 'wallboard-breach');
    await screenshot(page, 'agent-sla-breached');
  });

  it('lets a supervisor reassign a conversation from the wallboard to a colleague, who is offered it', async () => {
    const other = 1 - availableIndex;
    await agents[other].page.getByLabel('My status').selectOption('available');
    const colleague = tenant.agents[other];
    await supervisor.page.locator(`tr[data-agent-id="${colleague.id}"]`, { hasText: 'available' }).waitFor();
    await supervisor.page.locator('.breaches li', { hasText: 'First response' }).getByRole('button').click();
    await supervisor.page.getByLabel('Reassign to').selectOption(`agent:${colleague.id}`);
    await supervisor.page.getByRole('button', { name: 'Reassign' }).click();
    await supervisor.page.getByRole('status').filter({ hasText: 'Reassigned' }).waitFor();
    await offerCard(agents[other].page, 'Is anyone there?').waitFor();
    expect(await axeViolations(supervisor.page)).toEqual([]);
    await screenshot(supervisor.page, 'wallboard-reassigned');
    for (const { problems } of [...agents, supervisor]) expect(problems).toEqual([]);
  });
});
