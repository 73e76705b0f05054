// What only the edge can refuse, through HTTP on the embedded default: text PostgreSQL cannot store or index (a
// 400 naming the field, not a 202 whose router batch then fails) and a queue the tenant does not have (a 404
// naming queue). Refused messages are never queued; a message accepted after them is routed as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Answer {
  status: number;
  type: string | null;
  body: { code?: string; errors?: Array<{ path: string; message: string }> } & Record<string, unknown>;
}

const contact = (id: string, extra: Record<string, unknown> = {}) => ({
  channel: 'chat',
  channelMessageId: id,
  from: { address: `visitor-${id}`, displayName: 'Visitor' },
  body: `Hello from ${id}`,
  sentAt: new Date().toISOString(),
  ...extra,
});

describe('ingest validation at the edge (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('embedded');
    tenant = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function ingest(body: unknown): Promise<Answer> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      // JSON.stringify writes NUL and unpaired surrogates as \u escapes, as any integrator's encoder would.
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Answer['body'],
    };
  }

  /** Waits until the router has stored `id`, then returns every channel message id stored for the tenant. */
  async function storedOnceRouted(id: string): Promise<string[]> {
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, channelMessageId: id } }), {
        timeout: 20_000,
      })
      .toBe(1);
    // Customers' messages only: the router's own acknowledgements are outbound rows of the same conversations.
    const rows = await harness.prisma.message.findMany({
      where: { tenantId: tenant.id, direction: 'inbound' },
    });
    return rows.map((m) => m.channelMessageId).sort();
  }

  it('refuses NUL in the body with 400 problem+json naming body', async () => {
    const refused = await ingest(contact('nul-1', { body: 'before\u0000after' }));
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.errors).toEqual([
      { path: 'body', message: 'must not contain the NUL character (U+0000)' },
    ]);
  });

  it('refuses unstorable text in any field, naming each one', async () => {
    const refused = await ingest(
      contact('nul-2', {
        subject: 'x\u0000',
        from: { address: 'visitor', displayName: 'broken \ud83d' },
        attachments: [{ name: 'a\u0000.pdf', contentType: 'application/pdf', sizeBytes: 1 }],
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'subject', message: 'must not contain the NUL character (U+0000)' },
        { path: 'from.displayName', message: 'must not contain unpaired UTF-16 surrogates' },
        { path: 'attachments.0.name', message: 'must not contain the NUL character (U+0000)' },
      ]),
    );
  });

  it('refuses a threadKey too wide for its index with 400 naming threadKey and the byte limit', async () => {
    // 998 characters, within the character limit, but 2994 bytes of UTF-8: more than a btree entry holds.
    const refused = await ingest(contact('wide-1', { threadKey: '\u4e00'.repeat(998) }));
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.errors).toEqual([
      { path: 'threadKey', message: 'must be at most 2000 bytes in UTF-8' },
    ]);
  });

  it('refuses a queue the tenant does not have with 404 naming queue, and takes it once created', async () => {
    const refused = await ingest(contact('q-1', { queue: 'vip' }));
    expect(refused.status).toBe(404);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND', errors: [{ path: 'queue' }] });

    // Another tenant's queue of that name does not count.
    const other = await createTenantFixture(harness.prisma, []);
    await harness.prisma.queue.create({ data: { tenantId: other.id, name: 'vip' } });
    expect((await ingest(contact('q-2', { queue: 'vip' }))).status).toBe(404);

    // A queue created a moment ago is usable at once: misses are never cached.
    expect((await admin.post('/v1/queues', { name: 'vip' })).status).toBe(201);
    expect((await ingest(contact('q-3', { queue: 'vip' }))).status).toBe(202);
  });

  it('never queues a refused message: only the accepted ones are stored', async () => {
    expect((await ingest(contact('ok-1'))).status).toBe(202);
    const stored = await storedOnceRouted('ok-1');
    expect(stored).toEqual(['ok-1', 'q-3']);
    const conversation = await harness.prisma.conversation.findFirstOrThrow({
      where: { tenantId: tenant.id, queue: { name: 'vip' } },
    });
    expect(conversation.status).toBe('queued');
  });

  it('refuses NUL in admin names and search terms with 400 naming the field, not 500', async () => {
    const team = await admin.post('/v1/teams', { name: 'night\u0000shift' });
    expect(team.status).toBe(400);
    expect(team.body).toMatchObject({ errors: [{ path: 'name' }] });
    const search = await admin.get('/v1/teams?q=%00');
    expect(search.status).toBe(400);
    expect(search.body).toMatchObject({ errors: [{ path: 'q' }] });
  });

  it('refuses NUL in the login tenant with 400 naming tenant, not 500', async () => {
    const response = await fetch(`${harness.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'de\u0000mo', email: 'a@b.test', password: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: 'tenant' }] });
  });
});
