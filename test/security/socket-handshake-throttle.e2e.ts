// Socket handshakes are throttled per client address before any token is verified, as REST requests are:
// a flood of handshakes gets 403 refusals naming RATE_LIMITED, REST stays healthy, and once the window
// passes a console connects again.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const IP_PER_SECOND = 10;
const FLOOD = 60;

/** An engine.io handshake as a browser's polling transport opens it: the throttle answers before any token. */
async function rawHandshake(url: string): Promise<{ status: number; message?: string }> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
  const text = await response.text();
  if (response.status !== 403) return { status: response.status };
  return { status: 403, message: (JSON.parse(text) as { message: string }).message };
}

function consoleHandshake(url: string, token: string): Promise<string> {
  const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('CONNECTED'));
    socket.once('connect_error', (error: Error) => resolve(error.message));
  }).finally(() => socket.close());
}

describe('socket handshake throttling (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_IP_PER_SECOND: String(IP_PER_SECOND),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    });
    tenant = await createTenantFixture(harness.prisma);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuses a flood of handshakes from one address with RATE_LIMITED, and admits a console once the window passes', async () => {
    const answers = await Promise.all(Array.from({ length: FLOOD }, () => rawHandshake(harness.url)));
    const limited = answers.filter((a) => a.status === 403);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(IP_PER_SECOND * 2);
    expect(limited.length).toBeGreaterThanOrEqual(FLOOD - IP_PER_SECOND * 2);
    expect(limited.length + answers.filter((a) => a.status === 200).length).toBe(FLOOD);
    expect(limited[0].message).toMatch(
      /^RATE_LIMITED: too many socket handshakes from this address; retry in \d+ s$/,
    );

    // REST keeps its own allowance, and the server is healthy.
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    const agent = tenant.agents[0];
    const token = await AgentClient.login(harness.url, tenant.slug, agent.email, agent.password);
    // The refusal lasts until the window ends: retry until it does.
    const deadline = Date.now() + 10_000;
    let answer = await consoleHandshake(harness.url, token);
    while (answer !== 'CONNECTED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await consoleHandshake(harness.url, token);
    }
    expect(answer).toBe('CONNECTED');
  });
});
