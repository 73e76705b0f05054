// Steps the end-to-end scenarios share: a fixture agent signed in on a socket (and made available), a web
// chat inbox, and a chat contact posted over REST with the integrator's key.
import { expect } from 'vitest';
import { AgentClient } from './agent-client';
import type { Harness } from './app-harness';
import type { TenantFixture } from './fixtures';

/** Signs in the tenant's agent at `index` and opens one console socket for them. */
export async function signIn(harness: Harness, tenant: TenantFixture, index = 0): Promise<AgentClient> {
  const { email, password } = tenant.agents[index];
  return AgentClient.connect(harness.url, await AgentClient.login(harness.url, tenant.slug, email, password));
}

/** Signs in the agent at `index` and sets them available; the router's ack must say ok. */
export async function availableAgent(
  harness: Harness,
  tenant: TenantFixture,
  index = 0,
): Promise<AgentClient> {
  const agent = await signIn(harness, tenant, index);
  expect(await agent.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
  return agent;
}

/** Creates a web chat inbox for the tenant; its id, which visitors open sessions on. */
export async function chatInbox(harness: Harness, tenant: TenantFixture, label: string): Promise<string> {
  const inbox = await harness.prisma.inbox.create({
    data: { tenantId: tenant.id, channel: 'chat', name: 'Website', address: `${label}-${tenant.id}` },
  });
  return inbox.id;
}

/** Posts a chat contact whose body is `Hello from <id>`; the gateway must accept it with a 202. */
export async function postChatContact(harness: Harness, tenant: TenantFixture, id: string): Promise<void> {
  const response = await fetch(`${harness.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify({
      channel: 'chat',
      channelMessageId: id,
      from: { address: `visitor-${id}@example.com` },
      body: `Hello from ${id}`,
      sentAt: new Date().toISOString(),
    }),
  });
  expect(response.status).toBe(202);
}
