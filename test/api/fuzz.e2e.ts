// Sends over a thousand hostile payloads to every write endpoint in the OpenAPI document. Every one must get
// a 4xx with a problem+json body, and the engine must stay healthy and keep routing afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { AgentClient } from '../support/agent-client';
import { socketTransportBytes } from '@switchboard/platform';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { hostileBodies, MALFORMED_JSON, type JsonSchemaLike } from '../support/hostile-payloads';

interface Operation {
  method: string;
  path: string;
  schema: JsonSchemaLike;
}

type OpenApiPaths = Record<
  string,
  Record<string, { requestBody?: { content?: { 'application/json'?: { schema?: JsonSchemaLike } } } }>
>;

const PAYLOADS_PER_ENDPOINT = 1000;
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('hostile payloads against every write endpoint (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let token: string;
  let operations: Operation[];

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_INGEST_PER_SECOND: '1000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_PER_SECOND: '1000000',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '1000000',
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '1000000',
      // Large enough that most hostile commands reach validation; bigger ones get MESSAGE_TOO_LARGE.
      SOCKET_MAX_MESSAGE_BYTES: String(256 * 1024),
    });
    tenant = await createTenantFixture(harness.prisma);
    token = (await ApiClient.as(harness.url, harness.prisma, tenant, 'admin')).token!;
    const document = (await (await fetch(`${harness.url}/docs/openapi.json`)).json()) as {
      paths: OpenApiPaths;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['post', 'put', 'patch'].includes(method))
        // Logout takes no body and would end the session every later request uses.
        .filter(([method]) => !(method === 'post' && path === '/v1/auth/logout'))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[^}]+\}/g, UNKNOWN_ID),
          schema: operation.requestBody?.content?.['application/json']?.schema ?? {},
        })),
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function send(operation: Operation, body: string): Promise<{ status: number; type: string | null }> {
    const response = await fetch(`${harness.url}${operation.path}`, {
      method: operation.method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-api-key': tenant.apiKey,
      },
      body,
    });
    await response.arrayBuffer();
    return { status: response.status, type: response.headers.get('content-type') };
  }

  it('finds the write endpoints to attack', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /v1/contacts', 'POST /v1/auth/login']),
    );
  });

  it(
    'answers every hostile payload with a 4xx problem+json and never a 5xx',
    { timeout: 900_000 },
    async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const operation of operations) {
        const bodies = [
          ...hostileBodies(operation.schema, PAYLOADS_PER_ENDPOINT).map((b) => JSON.stringify(b)),
          ...MALFORMED_JSON,
        ];
        for (const body of bodies) {
          const { status, type } = await send(operation, body);
          sent++;
          if (status < 400 || status >= 500 || !type?.includes('application/problem+json')) {
            failures.push(`${operation.method} ${operation.path} -> ${status} for ${body.slice(0, 120)}`);
          }
        }
      }
      expect(sent).toBeGreaterThanOrEqual(operations.length * PAYLOADS_PER_ENDPOINT);
      expect(failures.slice(0, 10)).toEqual([]);
    },
  );

  it('is still healthy and still routes afterwards', async () => {
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    const { email, password } = tenant.agents[0];
    const agent = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    await agent.command({ type: 'status.set', status: 'available' });
    const accepted = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'after-fuzz',
        from: { address: 'a@b.c' },
        body: 'still there?',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(accepted.status).toBe(202);
    expect((await agent.next('offer.created')).preview).toBe('still there?');
    agent.close();
  });

  it('survives hostile socket commands without dropping the connection', async () => {
    const { email, password } = tenant.agents[0];
    const agent = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    // Frames over socket.io's transport buffer are refused by closing that one socket; everything else gets an
    // error ack (MESSAGE_TOO_LARGE above SOCKET_MAX_MESSAGE_BYTES).
    const transportBytes = socketTransportBytes(harness.config.sockets.maxMessageBytes);
    const withinFrameLimit = hostileBodies({ properties: { type: { type: 'string' } } }, 300).filter(
      (body) => Buffer.byteLength(JSON.stringify(body)) < transportBytes - 1024,
    );
    for (const body of withinFrameLimit) {
      const ack = (await agent.socket.timeout(5000).emitWithAck('command', body)) as { ok: boolean };
      expect(ack.ok).toBe(false);
    }
    expect(agent.socket.connected).toBe(true);
    agent.close();
  });
});
