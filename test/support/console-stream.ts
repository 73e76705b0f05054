// Drives the console stream from outside: supervisors to log in, and routing events committed and published as
// the router does (the row in the event log first, then the record on the routing-events topic).
import { JwtService } from '@nestjs/jwt';
import { hashPassword } from '@switchboard/auth';
import type { RoutingEventV1 } from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import type { Prisma, PrismaClient } from '@switchboard/persistence';
import { randomBytes } from 'node:crypto';
import { AgentClient } from './agent-client';
import type { TenantFixture } from './fixtures';

/** Creates a supervisor login in the tenant and returns its email; the fixture's password signs it in. */
export async function createSupervisor(prisma: PrismaClient, tenant: TenantFixture): Promise<string> {
  const email = `sup-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
  const passwordHash = await hashPassword(tenant.agents[0].password);
  await prisma.user.create({ data: { tenantId: tenant.id, email, passwordHash, role: 'supervisor' } });
  return email;
}

/** Signs a user of the tenant in and opens the console stream on a namespace. */
export async function openConsole(
  baseUrl: string,
  tenant: TenantFixture,
  email: string,
  options: { namespace?: '/agents' | '/supervisors'; lastSeq?: number } = {},
): Promise<AgentClient> {
  const token = await AgentClient.login(baseUrl, tenant.slug, email, tenant.agents[0].password);
  return AgentClient.connect(baseUrl, token, {
    namespace: options.namespace ?? '/agents',
    auth: options.lastSeq === undefined ? {} : { lastSeq: options.lastSeq },
  });
}

/** A correctly signed token whose expiry has passed. */
export function expiredToken(secret: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) - 60;
  return new JwtService({ secret, signOptions: { issuer: 'switchboard' } }).signAsync({
    sub: 'u1',
    tid: 't1',
    aid: null,
    role: 'supervisor',
    sid: 's1',
    exp,
  });
}

/** Commits events to the tenant's event log, then publishes them, as the router does after its batch. */
export async function commitEvents(
  prisma: PrismaClient,
  bus: Bus,
  topic: string,
  events: readonly RoutingEventV1[],
): Promise<void> {
  await prisma.routingEvent.createMany({
    data: events.map((event) => ({
      tenantId: event.tenantId,
      seq: BigInt(event.seq),
      eventId: event.eventId,
      type: event.type,
      agentId: 'agentId' in event ? event.agentId : null,
      payload: JSON.parse(JSON.stringify(event)) as Prisma.InputJsonValue,
    })),
  });
  await bus.publish(
    topic,
    events.map((event) => ({ key: event.tenantId, value: JSON.stringify(event) })),
  );
}

/** The seqs of the durable events a client received, in arrival order. */
export function receivedSeqs(client: AgentClient): number[] {
  return client.events
    .map(({ payload }) => payload.seq)
    .filter((seq): seq is number => typeof seq === 'number');
}
