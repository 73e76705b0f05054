// Console sign-in for session tests: the whole login/refresh body, and polling until a token is refused.
import { expect } from 'vitest';

export interface SessionBody {
  token: string;
  tokenType: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  tenantId: string;
  agentId: string | null;
  role: string;
}

export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export async function signIn(
  baseUrl: string,
  tenant: string,
  email: string,
  password: string,
): Promise<SessionBody> {
  const response = await postJson(baseUrl, '/v1/auth/login', { tenant, email, password });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as SessionBody;
}

export async function refresh(
  baseUrl: string,
  refreshToken: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return postJson(baseUrl, '/v1/auth/refresh', { refreshToken });
}

/** GET as the token holder; any route open to every role proves whether the token is accepted. */
export async function statusWith(baseUrl: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/conversations?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Polls until the token is refused, failing after `withinMs`. Revocation reaches other requests after at most
 * the session cache window, so callers pass that window plus some slack. Returns how long it took.
 */
export async function refusedWithin(baseUrl: string, token: string, withinMs: number): Promise<number> {
  const started = Date.now();
  let status = 0;
  while (Date.now() - started <= withinMs) {
    status = await statusWith(baseUrl, token);
    if (status === 401) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the token was still accepted (${status}) ${withinMs} ms after its session was revoked`);
}
