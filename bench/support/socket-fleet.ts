// The socket benchmark's agents: seeded set-based in SQL (tenant, agents, users, live sessions), signed in by
// minting their access tokens directly, and each holding one idle console socket on `/agents` (websocket).
import { JwtService } from '@nestjs/jwt';
import type { PrismaClient } from '@switchboard/persistence';
import { io, type Socket } from 'socket.io-client';

export interface FleetSeed {
  tenantId: string;
  agentIds: string[];
  tokens: string[];
}

/** One tenant with `count` agents, each with a user and a live session; tokens signed like the gateway's. */
export async function seedFleet(
  prisma: PrismaClient,
  options: { runId: string; count: number; jwtSecret: string },
): Promise<FleetSeed> {
  const { runId, count } = options;
  const tenant = await prisma.tenant.create({ data: { slug: `sockets-${runId}`, name: `Sockets ${runId}` } });
  const t = tenant.id;
  await prisma.$executeRawUnsafe(
    `INSERT INTO agents (id, tenant_id, display_name, email, status, capacity, updated_at)
     SELECT 'sa-' || i, $1, 'agent ' || i, 'agent' || i || '@bench.test', 'available',
            '{"chat": 5}'::jsonb, now()
       FROM generate_series(1, $2::int) AS i`,
    t,
    count,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO users (id, tenant_id, email, password_hash, role, agent_id)
     SELECT 'su-' || i, $1, 'agent' || i || '@bench.test', 'unused', 'agent', 'sa-' || i
       FROM generate_series(1, $2::int) AS i`,
    t,
    count,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO sessions (id, tenant_id, user_id, expires_at)
     SELECT 'ss-' || i, $1, 'su-' || i, now() + interval '1 day' FROM generate_series(1, $2::int) AS i`,
    t,
    count,
  );
  const jwt = new JwtService({
    secret: options.jwtSecret,
    signOptions: { algorithm: 'HS256', expiresIn: 3600, issuer: 'switchboard' },
  });
  const agentIds = Array.from({ length: count }, (_, i) => `sa-${i + 1}`);
  const tokens = agentIds.map((aid, i) =>
    jwt.sign({ sub: `su-${i + 1}`, tid: t, aid, role: 'agent', sid: `ss-${i + 1}` }),
  );
  return { tenantId: t, agentIds, tokens };
}

/** Idle console sockets; notes when each offer reaches its agent (performance.now()). */
export class SocketFleet {
  readonly receivedAt = new Map<number, number>();
  private readonly sockets: Socket[] = [];

  get connected(): number {
    return this.sockets.length;
  }

  /** Connects every token, `parallel` handshakes at a time. */
  async connect(baseUrl: string, tokens: readonly string[], parallel: number): Promise<void> {
    for (let from = 0; from < tokens.length; from += parallel)
      await Promise.all(tokens.slice(from, from + parallel).map((token) => this.open(baseUrl, token)));
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private async open(baseUrl: string, token: string): Promise<void> {
    const socket = io(`${baseUrl}/agents`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.on('offer.created', (event: { seq?: number }) => {
      if (typeof event.seq === 'number') this.receivedAt.set(event.seq, performance.now());
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    this.sockets.push(socket);
  }
}
