// Policy changes made through the admin API reach the router and re-evaluate waiting work at once: a contact
// stuck in a queue whose policy needs a skill nobody has is offered as soon as the admin drops that requirement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe.each<Mode>(['embedded', 'kafka+postgres'])(
  'queue policy changes re-evaluate routing (%s)',
  (mode) => {
    let harness: Harness;
    let tenant: TenantFixture;
    let admin: ApiClient;
    let alice: AgentClient;
    const queueIds = new Map<string, string>();
    let namedPolicyId: string;

    async function post(path: string, body: unknown): Promise<string> {
      const response = await admin.post<{ id: string }>(path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id;
    }

    async function send(id: string, queue: string): Promise<void> {
      const response = await fetch(`${harness.url}/v1/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
        body: JSON.stringify({
          channel: 'chat',
          channelMessageId: id,
          from: { address: `${id}@example.com` },
          body: id,
          sentAt: new Date().toISOString(),
          queue,
        }),
      });
      expect(response.status).toBe(202);
    }

    /** Sends a contact to the queue and proves it waits there without an offer. */
    async function stuckIn(queue: string, id: string): Promise<string> {
      await send(id, queue);
      const queueId = queueIds.get(queue)!;
      await expect
        .poll(() => harness.prisma.conversation.findFirst({ where: { tenantId: tenant.id, queueId } }), {
          timeout: 20_000,
        })
        .toMatchObject({ status: 'queued' });
      // Give the router time to (wrongly) offer it; nobody qualifies, so nothing may arrive.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(alice.events.filter((e) => e.name === 'offer.created' && e.payload.preview === id)).toHaveLength(
        0,
      );
      return (await harness.prisma.conversation.findFirstOrThrow({ where: { tenantId: tenant.id, queueId } }))
        .id;
    }

    beforeAll(async () => {
      harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
      tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', skills: { general: 6 } }]);
      admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
      // Queues exist before the tenant's first contact: the router caches queue names per tenant.
      queueIds.set(
        'unicorns',
        await post('/v1/queues', {
          name: 'unicorns',
          policy: { requiredSkills: [{ skill: 'unicorn-taming', minProficiency: 5 }] },
        }),
      );
      namedPolicyId = await post('/v1/routing-policies', {
        name: 'needs-dragons',
        document: { requiredSkills: [{ skill: 'dragon-riding', minProficiency: 5 }] },
      });
      queueIds.set('dragons', await post('/v1/queues', { name: 'dragons', routingPolicyId: namedPolicyId }));

      const { email, password } = tenant.agents[0];
      alice = await AgentClient.connect(
        harness.url,
        await AgentClient.login(harness.url, tenant.slug, email, password),
      );
      expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
      await alice.next('agent.status-changed');
    });

    afterAll(async () => {
      alice?.close();
      await harness?.close();
    });

    it('offers a waiting contact once the admin removes the skill nobody has', async () => {
      const conversationId = await stuckIn('unicorns', 'stuck-1');
      const relaxed = await admin.patch(`/v1/queues/${queueIds.get('unicorns')}`, {
        policy: { strategy: 'longest-idle' },
      });
      expect(relaxed.status, JSON.stringify(relaxed.body)).toBe(200);
      const offer = await alice.next('offer.created', (e) => e.preview === 'stuck-1');
      expect(offer.conversationId).toBe(conversationId);
    });

    // Pending: the router still routes by the queue's inline policy only. Enable once it routes by
    // effectivePolicy(named document, inline policy) and re-reads queues on 'routing-policy' changes.
    it('offers a waiting contact once the admin relaxes the named routing policy of its queue', async () => {
      const conversationId = await stuckIn('dragons', 'stuck-2');
      const relaxed = await admin.patch(`/v1/routing-policies/${namedPolicyId}`, { document: {} });
      expect(relaxed.status, JSON.stringify(relaxed.body)).toBe(200);
      const offer = await alice.next('offer.created', (e) => e.preview === 'stuck-2');
      expect(offer.conversationId).toBe(conversationId);
    });
  },
);
