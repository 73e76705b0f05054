// Hostile but valid content (long unicode with astral, emoji, RTL and combining marks, control characters,
// SQL/HTML/script injection strings, bodies at the size limit) is stored and read back intact through the
// public API; what PostgreSQL cannot store, unsafe URLs and oversized input are refused with a 4xx naming
// the field. Never a 500. The sibling fuzz.e2e.ts covers malformed bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { cut, hostileLine, INJECTIONS, longUnicode, UNICODE } from '../support/hostile-text';

interface Problem {
  code?: string;
  errors?: Array<{ path: string; message: string }>;
}

interface MessageView {
  channelMessageId: string;
  body: string;
  attachments: unknown;
}

const NUL = '\u0000';
const LONE_SURROGATE = 'broken \ud83d half';

describe('hostile but valid content round-trips; the unstorable is refused by field (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('embedded', { RATE_LIMIT_INGEST_PER_SECOND: '100000' });
    tenant = await createTenantFixture(harness.prisma);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** `body` as a value, or as JSON text already (for shapes JSON.stringify cannot write). */
  async function ingest(body: unknown): Promise<ApiResponse<Problem>> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : {}) as Problem,
    };
  }

  /** The stored messages of the customer at `address`, read through the customer and conversation APIs. */
  async function messagesOf(address: string): Promise<MessageView[]> {
    const customers = await admin.get<{ items: Array<{ id: string }> }>(
      `/v1/customers?channel=email&address=${encodeURIComponent(address)}`,
    );
    expect(customers.status).toBe(200);
    const customer = customers.body.items[0];
    if (!customer) return [];
    const conversations = await admin.get<{ items: Array<{ id: string }> }>(
      `/v1/conversations?customerId=${customer.id}`,
    );
    const messages: MessageView[] = [];
    for (const { id } of conversations.body.items) {
      const detail = await admin.get<{ messages: MessageView[] }>(`/v1/conversations/${id}`);
      expect(detail.status).toBe(200);
      messages.push(...detail.body.messages);
    }
    return messages;
  }

  function expectRefused(answer: ApiResponse<Problem>, path: string, status = 400): void {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors?.map((e) => e.path)).toContain(path);
  }

  it('stores an inbound contact with hostile text in every field and reads it back intact', async () => {
    const line = hostileLine('contact');
    const address = cut(`${UNICODE.rtl} ${INJECTIONS[0]} ${UNICODE.astral}`, 320);
    const contact = {
      channel: 'email',
      channelMessageId: cut(`<${hostileLine('id')}>`, 256),
      from: { address, displayName: cut(line, 200) },
      subject: cut(line, 998),
      body: `${line}\n${longUnicode(50_000)}`,
      threadKey: cut(`<${UNICODE.emoji}${INJECTIONS[2]}@example.com>`, 998),
      sentAt: new Date().toISOString(),
      attachments: [
        {
          name: cut(`${UNICODE.combining} ${INJECTIONS[4]}.pdf`, 255),
          contentType: 'text/html; charset="<script>alert(1)</script>"',
          sizeBytes: 0,
          url: 'https://bücher.example/𝕊/a.pdf?q=%27%3B%20DROP%20TABLE&x=<script>#🚀',
        },
      ],
    };
    const accepted = await ingest(contact);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);

    await expect.poll(async () => (await messagesOf(address)).length, { timeout: 30_000 }).toBe(1);
    const [stored] = await messagesOf(address);
    expect(stored.channelMessageId).toBe(contact.channelMessageId);
    expect(stored.body).toBe(contact.body);
    expect(stored.attachments).toEqual(contact.attachments);
    const customers = await admin.get<{ items: Array<{ displayName: string | null }> }>(
      `/v1/customers?channel=email&address=${encodeURIComponent(address)}`,
    );
    expect(customers.body.items[0]?.displayName).toBe(contact.from.displayName);
  });

  it('takes a body at the contract limit (100,000 characters of astral text), about 400 kB of JSON', async () => {
    const address = `limit-${Date.now()}@example.com`;
    const body = longUnicode(100_000);
    const accepted = await ingest({
      channel: 'email',
      channelMessageId: 'limit-1',
      from: { address },
      body,
      sentAt: new Date().toISOString(),
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    await expect.poll(async () => (await messagesOf(address))[0]?.body, { timeout: 30_000 }).toBe(body);
  });

  it('stores hostile names and descriptions through the admin API and reads them back intact', async () => {
    // Names are trimmed on write: the hostile text starts and ends with something visible.
    const name = cut(hostileLine('team'), 100).trim();
    const description = cut(hostileLine('team description'), 500);
    const team = await admin.post<{ id: string }>('/v1/teams', { name, description });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    expect((await admin.get(`/v1/teams/${team.body.id}`)).body).toMatchObject({ name, description });

    const policyName = cut(hostileLine('policy'), 100).trim();
    const policyDescription = cut(hostileLine('policy description'), 1000);
    const policy = await admin.post<{ id: string }>('/v1/routing-policies', {
      name: policyName,
      description: policyDescription,
      document: { strategy: 'longest-idle' },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    expect((await admin.get(`/v1/routing-policies/${policy.body.id}`)).body).toMatchObject({
      name: policyName,
      description: policyDescription,
    });

    const displayName = cut(hostileLine('agent'), 200).trim();
    const agent = await admin.post<{ id: string }>('/v1/agents', {
      displayName,
      email: `hostile-${Date.now()}@example.com`,
      capacity: { chat: 1 },
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    expect((await admin.get(`/v1/agents/${agent.body.id}`)).body).toMatchObject({ displayName });
  });

  it('refuses NUL and unpaired surrogates in ingest, admin bodies and queries, naming the field', async () => {
    const base = { channel: 'email', from: { address: 'x@example.com' }, sentAt: new Date().toISOString() };
    expectRefused(await ingest({ ...base, channelMessageId: `nul${NUL}`, body: 'a' }), 'channelMessageId');
    expectRefused(await ingest({ ...base, channelMessageId: 'ls-1', body: LONE_SURROGATE }), 'body');
    expectRefused(await ingest({ ...base, channelMessageId: 'ls-2', body: 'a', queue: `q${NUL}` }), 'queue');

    expectRefused(await admin.post('/v1/teams', { name: `team${NUL}` }), 'name');
    expectRefused(await admin.post('/v1/teams', { name: 'ok', description: LONE_SURROGATE }), 'description');
    expectRefused(
      await admin.post('/v1/agents', { displayName: 'A', email: `a${NUL}@example.com`, capacity: {} }),
      'email',
    );
    expectRefused(
      await admin.post('/v1/users', {
        email: 'u@example.com',
        password: `p${NUL}ssword-long`,
        role: 'agent',
      }),
      'password',
    );
    expectRefused(await admin.get(`/v1/teams?q=${encodeURIComponent(`x${NUL}`)}`), 'q');
    expectRefused(await admin.get(`/v1/conversations?queueId=${encodeURIComponent(`q${NUL}`)}`), 'queueId');
    // A forged cursor that decodes to NUL.
    expectRefused(await admin.get('/v1/teams?cursor=AA'), 'cursor');
  });

  it('refuses javascript:, data:, file: and (by default) http: attachment URLs, naming the field', async () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'http://cdn.example/a.pdf',
    ]) {
      const answer = await ingest({
        channel: 'email',
        channelMessageId: `url-${url}`,
        from: { address: 'x@example.com' },
        body: 'see attachment',
        sentAt: new Date().toISOString(),
        attachments: [{ name: 'a', contentType: 'text/plain', sizeBytes: 1, url }],
      });
      expectRefused(answer, 'attachments.0.url');
      expect(answer.body.errors).toContainEqual({
        path: 'attachments.0.url',
        message: 'must be an https: URL',
      });
    }
  });

  it('refuses text over its limit and deep nesting with a 400 naming the field, a body over the request limit with a 413', async () => {
    const base = { channel: 'email', from: { address: 'x@example.com' }, sentAt: new Date().toISOString() };
    expectRefused(await ingest({ ...base, channelMessageId: 'big-1', body: 'x'.repeat(100_001) }), 'body');
    // Limits count characters (code points), so 101 astral characters are over a 100-character name.
    expectRefused(await admin.post('/v1/teams', { name: '𝕊'.repeat(101) }), 'name');
    // 200,000 levels of nesting (400 kB) parse, then fail the type check at the top, without recursion.
    // Written as text: JSON.stringify itself recurses and would overflow here.
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deepContact = JSON.stringify({ ...base, channelMessageId: 'deep-1' }).replace(
      /}$/,
      `,"body":${deep}}`,
    );
    expectRefused(await ingest(deepContact), 'body');
    expectRefused(
      await admin.request('POST', '/v1/agents', `{"displayName":"A","email":"a@b.co","capacity":${deep}}`),
      'capacity',
    );
    const tooLarge = await ingest({ ...base, channelMessageId: 'big-2', body: 'x'.repeat(3_000_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.type).toContain('application/problem+json');
  });

  it('answers hostile socket commands with an error ack naming the field, and accepts hostile valid text', async () => {
    const [fixture] = tenant.agents;
    const agent = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, fixture.email, fixture.password),
    );
    try {
      const refused = (await agent.socket
        .timeout(10_000)
        .emitWithAck('command', { type: 'offer.decline', offerId: 'o-1', reason: `no${NUL}` })) as {
        ok: boolean;
        code: string;
        message: string;
        errors: Array<{ path: string }>;
      };
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      expect(refused.message).toContain('reason');
      expect(refused.errors.map((e) => e.path)).toEqual(['reason']);

      // Valid but hostile: it reaches the router, which refuses the unknown offer (not a crash).
      const refusedByRouter = await agent.command({
        type: 'offer.decline',
        offerId: 'o-2',
        reason: cut(hostileLine('decline'), 500),
      });
      expect(refusedByRouter).toMatchObject({ ok: false, code: 'OFFER_NOT_LIVE' });
      await agent.next('command.rejected');
      expect(agent.socket.connected).toBe(true);
    } finally {
      agent.close();
    }
  });

  it('is still healthy', async () => {
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
  });
});
