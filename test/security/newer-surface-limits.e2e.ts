// The surfaces added after the first limits are limited like the rest, and say so clearly: the supervisors'
// `command` (reassign) per connection, the console snapshot and directory per user (429 problem+json), the
// visitors' namespace per connection, and the public webhook and CSAT routes per client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { httpFrom } from '../support/http-from';
import { VisitorClient } from '../support/visitor-client';

const API_PER_MINUTE = 6;
const SOCKET_PER_SECOND = 3;
const IP_PER_SECOND = 20;
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('limits on the console, web-chat, webhook and CSAT surfaces (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_API_PER_MINUTE: String(API_PER_MINUTE),
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: String(SOCKET_PER_SECOND),
      // Above the per-connection limit, so each case sees the per-connection refusal.
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '1000',
      RATE_LIMIT_IP_PER_SECOND: String(IP_PER_SECOND),
    });
    tenant = await createTenantFixture(harness.prisma);
  });
  afterAll(async () => {
    for (const close of closers) close();
    await harness?.close();
  });

  it('refuses supervisor commands over the per-connection limit with RATE_LIMITED and limit.exceeded', async () => {
    const supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    const socket = await AgentClient.connect(harness.url, supervisor.token ?? '', {
      namespace: '/supervisors',
    });
    closers.push(() => socket.close());
    const reassign = { type: 'conversation.transfer', conversationId: UNKNOWN_ID, queueId: UNKNOWN_ID };
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < SOCKET_PER_SECOND + 2; i++) codes.push((await socket.command(reassign)).code);
    // Within the limit the router judges each command; past it the gateway refuses it unsent.
    expect(codes.slice(0, SOCKET_PER_SECOND)).not.toContain('RATE_LIMITED');
    expect(codes.slice(SOCKET_PER_SECOND)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(await socket.next('limit.exceeded')).toMatchObject({ code: 'RATE_LIMITED', event: 'command' });
  });

  it('answers 429 problem+json with Retry-After once a user is over the limit on the console reads', async () => {
    const supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    const statuses: number[] = [];
    for (let i = 0; i < API_PER_MINUTE; i++) {
      const path = i % 2 === 0 ? '/v1/console/snapshot' : '/v1/console/directory';
      statuses.push((await supervisor.get(path)).status);
    }
    expect(statuses).toEqual(Array<number>(API_PER_MINUTE).fill(200));
    for (const path of ['/v1/console/snapshot', '/v1/console/directory']) {
      const refused = await fetch(`${harness.url}${path}`, {
        headers: { authorization: `Bearer ${supervisor.token ?? ''}` },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED');
    }
  });

  it('refuses visitor events over the per-connection limit with RATE_LIMITED and limit.exceeded', async () => {
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const inbox = await admin.post<{ id: string }>('/v1/inboxes', {
      channel: 'chat',
      name: 'Limits',
      address: 'limits-site',
    });
    expect(inbox.status).toBe(201);
    const session = await VisitorClient.session(harness.url, inbox.body.id);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    closers.push(() => visitor.close());
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < SOCKET_PER_SECOND + 2; i++) codes.push((await visitor.say(`m-${i}`, 'hello')).code);
    expect(codes.slice(0, SOCKET_PER_SECOND)).not.toContain('RATE_LIMITED');
    expect(codes.slice(SOCKET_PER_SECOND)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(await visitor.next('limit.exceeded')).toMatchObject({ code: 'RATE_LIMITED', event: 'message' });
  });

  it('limits the public webhook and CSAT routes per client address, before any signature or token check', async () => {
    for (const [ip, path] of [
      ['127.0.0.21', `/v1/channels/whatsapp/${UNKNOWN_ID}/webhook`],
      ['127.0.0.22', '/v1/csat/not-a-token'],
    ] as const) {
      const answers = await Promise.all(
        Array.from({ length: IP_PER_SECOND * 4 }, () =>
          httpFrom(ip, `${harness.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          }),
        ),
      );
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length, path).toBeGreaterThanOrEqual(IP_PER_SECOND * 3);
      expect(limited[0].headers['content-type']).toContain('application/problem+json');
      expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // The rest got the route's own answer, never a server error.
      expect(answers.every((a) => a.status < 500)).toBe(true);
    }
    expect((await httpFrom('127.0.0.23', `${harness.url}/health`)).status).toBe(200);
  });
});
