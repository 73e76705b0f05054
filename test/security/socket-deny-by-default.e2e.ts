// Deny by default for sockets: every socket.io namespace the running server has (read from the server, not
// from a list, so a new gateway is covered the moment it exists) refuses a handshake with no token and one
// with a forged token, naming the reason; the root namespace, which serves nothing, refuses everyone.
import { AgentsGateway } from '@switchboard/gateway-api';
import { randomBytes } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';

async function handshakeError(url: string, auth: Record<string, unknown>): Promise<string> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, timeout: 10_000 });
  try {
    return await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('CONNECTED'));
      socket.once('connect_error', (error: Error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}

describe('deny by default on sockets (embedded)', () => {
  let harness: Harness;
  let namespaces: string[];
  let forgedToken: string;

  beforeAll(async () => {
    harness = await startHarness('embedded', { RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000' });
    // Any gateway's namespace leads to the one server every namespace belongs to.
    const gateway: unknown = harness.app.get(AgentsGateway);
    namespaces = [...(gateway as { namespace: Namespace }).namespace.server._nsps.keys()];
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const id = '01900000-0000-7000-8000-000000000000';
    const claims = { sub: id, tid: id, aid: id, role: 'admin', sid: id, exp: 4e9, iss: 'switchboard' };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    forgedToken = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('reads the namespaces from the running server', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['/', '/agents', '/supervisors', '/visitors']));
  });

  it('refuses anonymous and forged handshakes on every namespace, with a reason', async () => {
    const answers: string[] = [];
    for (const namespace of namespaces) {
      for (const [who, auth] of [
        ['anonymous', {}],
        ['forged', { token: forgedToken }],
      ] as const) {
        answers.push(`${namespace} ${who}: ${await handshakeError(`${harness.url}${namespace}`, auth)}`);
      }
    }
    for (const answer of answers) expect(answer).toMatch(/: (UNAUTHENTICATED|NAMESPACE_NOT_SERVED)\b/);
  });
});
