// The sockets benchmark's fleet: many agents, seeded set-based with a live session each, holding idle sockets
// on `/agents` with tokens minted by the real TokenService, and noting when each pushed offer arrives.
import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@switchboard/auth';
import type { PrismaClient } from '@switchboard/persistence';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export interface FleetAgent {
  readonly agentId: string;
  readonly token: string;
}

export interface Fleet {
  readonly tenantId: string;
  readonly agents: readonly FleetAgent[];
}

/** One tenant, `count` agents each with a user and a live session: three createMany statements. */
export async function seedFleet(
  prisma: PrismaClient,
  runId: string,
  count: number,
  jwtSecret: string,
): Promise<Fleet> {
  const tenant = await prisma.tenant.create({ data: { slug: `sockets-${runId}`, name: 'Sockets bench' } });
  const rows = Array.from({ length: count }, (_, i) => ({
    i,
    agentId: randomUUID(),
    userId: randomUUID(),
    sessionId: randomUUID(),
  }));
  await prisma.agent.createMany({
    data: rows.map(({ i, agentId }) => ({
      id: agentId,
      tenantId: tenant.id,
      displayName: `Agent ${i + 1}`,
      email: `agent${i + 1}@sockets.test`,
      status: 'offline' as const,
      skills: {},
      languages: ['en'],
      capacity: { chat: 1, email: 1, social: 1, voice: 0 },
    })),
  });
  await prisma.user.createMany({
    data: rows.map(({ i, agentId, userId }) => ({
      id: userId,
      tenantId: tenant.id,
      email: `agent${i + 1}@sockets.test`,
      // Never used: the bench signs its tokens directly, no one logs in with a password.
      passwordHash: 'unusable',
      role: 'agent' as const,
      agentId,
    })),
  });
  const expiresAt = new Date(Date.now() + 24 * 3600_000);
  await prisma.session.createMany({
    data: rows.map(({ userId, sessionId }) => ({ id: sessionId, tenantId: tenant.id, userId, expiresAt })),
  });
  const tokens = new TokenService(
    new JwtService({
      secret: jwtSecret,
      signOptions: { algorithm: 'HS256', expiresIn: '2h', issuer: 'switchboard' },
    }),
  );
  const agents = await Promise.all(
    rows.map(async ({ agentId, userId, sessionId }) => {
      const { token } = await tokens.issue({
        kind: 'user',
        userId,
        tenantId: tenant.id,
        agentId,
        role: 'agent',
        sessionId,
      });
      return { agentId, token };
    }),
  );
  return { tenantId: tenant.id, agents };
}

/** Idle agent sockets; `receivedAt` maps an offer id to Date.now() when it reached its socket. */
export class SocketFleet {
  readonly receivedAt = new Map<string, number>();
  private readonly sockets: Socket[] = [];

  get size(): number {
    return this.sockets.length;
  }

  /** Opens one socket per agent, `parallel` handshakes at a time. */
  async connect(url: string, agents: readonly FleetAgent[], parallel: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < agents.length) {
        const agent = agents[next++];
        this.sockets.push(await this.open(url, agent.token));
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private async open(url: string, token: string): Promise<Socket> {
    const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
    socket.on('offer.created', (payload: { offerId?: string }) => {
      if (payload.offerId) this.receivedAt.set(payload.offerId, Date.now());
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }
}
