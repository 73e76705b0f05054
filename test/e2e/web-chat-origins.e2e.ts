// Per-inbox chat origins over HTTP and socket.io, on the embedded default (the rule does not touch the bus):
// an inbox's allowed origins are set through /v1/inboxes; its widget may then be embedded by those sites only,
// even one that CHAT_ORIGINS does not list, while an inbox without the setting keeps the server-wide CHAT_ORIGINS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { VisitorClient } from '../support/visitor-client';

const SHOP = 'https://shop.example';
const BRAND = 'https://brand.example';

interface InboxBody {
  id: string;
  allowedOrigins: string[];
}

describe('web chat per-inbox origins (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('embedded', { CHAT_ORIGINS: SHOP });
    tenant = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function sessionFrom(origin: string, inboxId: string): Promise<Response> {
    return fetch(`${harness.url}/v1/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ inboxId }),
    });
  }

  it('lets only the inbox’s own origins in, with a clear refusal for the others', async () => {
    const created = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'chat',
      name: 'Brand site',
      address: 'brand-site',
      allowedOrigins: ['HTTPS://Brand.example/'],
    });
    expect(created.status).toBe(201);
    expect(created.body.allowedOrigins).toEqual([BRAND]);
    const inboxId = created.body.id;

    // The listed site: CORS on the session route, a session, and a visitor socket (CHAT_ORIGINS lacks it).
    const preflight = await fetch(`${harness.url}/v1/chat/sessions`, {
      method: 'OPTIONS',
      headers: { origin: BRAND, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(BRAND);
    const allowed = await sessionFrom(BRAND, inboxId);
    expect(allowed.status).toBe(201);
    const { token } = (await allowed.json()) as { token: string };
    const visitor = await VisitorClient.connect(harness.url, token, BRAND);
    expect(await visitor.next('ready')).toMatchObject({ inboxId });
    visitor.close();

    // The server-wide site is not this inbox's: refused at the session and at the socket, with the reason.
    const refused = await sessionFrom(SHOP, inboxId);
    expect(refused.status).toBe(403);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('FORBIDDEN');
    expect(problem.detail).toMatch(/^ORIGIN_NOT_ALLOWED: this site may not embed this chat inbox/);
    await expect(VisitorClient.connect(harness.url, token, SHOP)).rejects.toThrow(
      /ORIGIN_NOT_ALLOWED: this site may not embed this chat inbox/,
    );
    // The listed origin opens nothing else: not the agents' namespace's REST, nor another inbox.
    const consoleApi = await fetch(`${harness.url}/v1/queues`, {
      method: 'OPTIONS',
      headers: { origin: BRAND, 'access-control-request-method': 'GET' },
    });
    expect(consoleApi.headers.get('access-control-allow-origin')).toBeNull();

    // Cleared, the inbox is back to the server-wide list.
    const cleared = await admin.patch<InboxBody>(`/v1/inboxes/${inboxId}`, { allowedOrigins: [] });
    expect(cleared.body.allowedOrigins).toEqual([]);
    expect((await sessionFrom(SHOP, inboxId)).status).toBe(201);
    (await VisitorClient.connect(harness.url, token, SHOP)).close();
  });

  it('keeps CHAT_ORIGINS for an inbox without the setting, and refuses origins on other channels', async () => {
    const plain = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'chat',
      name: 'Shop site',
      address: 'shop-site',
    });
    expect(plain.body.allowedOrigins).toEqual([]);
    const session = await sessionFrom(SHOP, plain.body.id);
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    (await VisitorClient.connect(harness.url, token, SHOP)).close();
    // A site only another inbox lists passes the transport, but not this inbox's handshake.
    await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'chat',
      name: 'Brand only',
      address: 'brand-only',
      allowedOrigins: [BRAND],
    });
    await expect(VisitorClient.connect(harness.url, token, BRAND)).rejects.toThrow(/ORIGIN_NOT_ALLOWED/);
    await expect(VisitorClient.connect(harness.url, token, 'https://evil.example')).rejects.toThrow();

    const email = await admin.post('/v1/inboxes', {
      channel: 'email',
      name: 'Mail',
      address: `support-${tenant.slug}@example.com`,
      allowedOrigins: [BRAND],
    });
    expect(email.status).toBe(400);
    const bad = await admin.post('/v1/inboxes', {
      channel: 'chat',
      name: 'Bad',
      address: 'bad-origins',
      allowedOrigins: ['https://brand.example/path'],
    });
    expect(bad.status).toBe(400);
  });
});
