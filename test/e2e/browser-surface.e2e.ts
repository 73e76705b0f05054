// What a browser sees: security headers everywhere, the OpenAPI UI still served under its own content
// policy, and one origin allow-list for REST CORS and the socket.io handshake (foreign origins refused).
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const CONSOLE = 'https://console.example.com';
const FOREIGN = 'https://evil.example';

describe('browser surface (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let token: string;

  beforeAll(async () => {
    harness = await startHarness('embedded', { CORS_ORIGINS: CONSOLE });
    tenant = await createTenantFixture(harness.prisma);
    token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
  });
  afterAll(async () => {
    await harness?.close();
  });

  const preflight = (origin: string) =>
    fetch(`${harness.url}/v1/contacts`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key',
      },
    });

  it('sends security headers, with a content policy that allows nothing on the API', async () => {
    for (const path of ['/health', '/v1/agents', '/no-such-route']) {
      const headers = (await fetch(`${harness.url}${path}`)).headers;
      expect(headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('strict-transport-security')).toContain('max-age=');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('serves the OpenAPI UI with a policy its own scripts and styles satisfy', async () => {
    const page = await fetch(`${harness.url}/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await page.text();
    // script-src 'self' forbids inline scripts: every script must come from a same-origin URL that loads.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const response = await fetch(new URL(asset, `${harness.url}/docs`));
      expect(response.status, asset).toBe(200);
    }
    expect((await fetch(`${harness.url}/docs/openapi.json`)).status).toBe(200);
  });

  it('gives a foreign origin no CORS headers, on requests and on preflights', async () => {
    const simple = await fetch(`${harness.url}/health`, { headers: { origin: FOREIGN } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(FOREIGN);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('allows a listed origin, with credentials', async () => {
    const pre = await preflight(CONSOLE);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    const simple = await fetch(`${harness.url}/health`, { headers: { origin: CONSOLE } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(simple.headers.get('vary')).toContain('Origin');
  });

  function handshake(origin: string | null, transport: 'websocket' | 'polling') {
    const socket = io(`${harness.url}/agents`, {
      auth: { token, stream: 'routing-events' },
      transports: [transport],
      reconnection: false,
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    return new Promise<{ connected: boolean; error?: Error & { description?: unknown } }>((resolve) => {
      socket.once('ready', () => resolve({ connected: true }));
      socket.once('connect_error', (error) => resolve({ connected: false, error }));
    }).finally(() => socket.close());
  }

  it.each(['websocket', 'polling'] as const)(
    'refuses a socket handshake from a foreign origin (%s)',
    async (transport) => {
      const result = await handshake(FOREIGN, transport);
      expect(result.connected).toBe(false);
      // The transport refuses the handshake (HTTP 403) before any session exists.
      const description = result.error?.description;
      if (transport === 'polling') expect(description).toBe(403);
      else expect((description as Error).message).toBe('Unexpected server response: 400');
    },
  );

  it('names the reason when it refuses a handshake', async () => {
    const response = await fetch(`${harness.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: FOREIGN },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/^ORIGIN_NOT_ALLOWED/);
  });

  it.each(['websocket', 'polling'] as const)(
    'accepts the listed origin, the server’s own origin and non-browser clients (%s)',
    async (transport) => {
      expect((await handshake(CONSOLE, transport)).connected).toBe(true);
      expect((await handshake(harness.url, transport)).connected).toBe(true);
      expect((await handshake(null, transport)).connected).toBe(true);
    },
  );
});
