// Converges the demo tenant's routing configuration. Each record is upserted on its natural key, so
// re-running the seed updates the demo's own records and leaves anything an admin added alone.
import { isDeepStrictEqual } from 'node:util';
import type { PrismaClient } from '../generated/prisma/client';
import {
  DEMO_CALENDAR,
  DEMO_HOLIDAYS,
  DEMO_INBOXES,
  DEMO_QUEUES,
  DEMO_ROUTING_POLICIES,
  DEMO_SKILLS,
  DEMO_SLA_POLICIES,
} from './demo-routing.data';
import { seedInboxes, type DemoInboxCredentials, type DemoInboxSeedOptions } from './demo-inboxes.seeder';

export interface RoutingSeedCounts {
  readonly skills: number;
  readonly routingPolicies: number;
  readonly slaPolicies: number;
  readonly queues: number;
  readonly inboxes: number;
  /** Inboxes this run created, with the secrets it gave them. */
  readonly createdInboxes: readonly DemoInboxCredentials[];
}

type IdsByName = ReadonlyMap<string, string>;

export async function seedRoutingConfiguration(
  prisma: PrismaClient,
  tenantId: string,
  inboxSeed?: DemoInboxSeedOptions,
): Promise<RoutingSeedCounts> {
  for (const skill of DEMO_SKILLS) {
    await prisma.skill.upsert({
      where: { tenantId_name: { tenantId, name: skill.name } },
      create: { tenantId, ...skill },
      update: { description: skill.description },
    });
  }
  const calendarId = await seedCalendar(prisma, tenantId);
  const slaPolicyIds = await seedSlaPolicies(prisma, tenantId, calendarId);
  const routingPolicyIds = await seedRoutingPolicies(prisma, tenantId);
  const queueIds = await seedQueues(prisma, tenantId, routingPolicyIds, slaPolicyIds);
  const createdInboxes = await seedInboxes(prisma, tenantId, queueIds, inboxSeed);
  return {
    skills: DEMO_SKILLS.length,
    routingPolicies: routingPolicyIds.size,
    slaPolicies: slaPolicyIds.size,
    queues: queueIds.size,
    inboxes: DEMO_INBOXES.length,
    createdInboxes,
  };
}

async function seedCalendar(prisma: PrismaClient, tenantId: string): Promise<string> {
  const hours = {
    timeZone: DEMO_CALENDAR.timeZone,
    weekly: DEMO_CALENDAR.weekly.map((slot) => ({ ...slot })),
  };
  const calendar = await prisma.businessHoursCalendar.upsert({
    where: { tenantId_name: { tenantId, name: DEMO_CALENDAR.name } },
    create: { tenantId, name: DEMO_CALENDAR.name, ...hours },
    update: hours,
  });
  for (const holiday of DEMO_HOLIDAYS) {
    // A DATE column: midnight UTC is the calendar day itself, whatever the process time zone.
    const date = new Date(`${holiday.date}T00:00:00.000Z`);
    await prisma.holiday.upsert({
      where: { calendarId_date: { calendarId: calendar.id, date } },
      create: { tenantId, calendarId: calendar.id, date, name: holiday.name },
      update: { name: holiday.name },
    });
  }
  return calendar.id;
}

async function seedSlaPolicies(
  prisma: PrismaClient,
  tenantId: string,
  calendarId: string,
): Promise<IdsByName> {
  const ids = new Map<string, string>();
  for (const policy of DEMO_SLA_POLICIES) {
    const fields = {
      description: policy.description,
      targets: policy.targets,
      calendarId: policy.useCalendar ? calendarId : null,
    };
    const row = await prisma.slaPolicy.upsert({
      where: { tenantId_name: { tenantId, name: policy.name } },
      create: { tenantId, name: policy.name, ...fields },
      update: fields,
    });
    ids.set(policy.name, row.id);
  }
  return ids;
}

async function seedRoutingPolicies(prisma: PrismaClient, tenantId: string): Promise<IdsByName> {
  const ids = new Map<string, string>();
  for (const policy of DEMO_ROUTING_POLICIES) {
    const existing = await prisma.routingPolicy.findUnique({
      where: { tenantId_name: { tenantId, name: policy.name } },
    });
    if (existing) {
      // Only a changed document is a new revision; re-running an unchanged seed keeps the version.
      // (A structural comparison: jsonb does not keep key order.)
      const changed = !isDeepStrictEqual(existing.document, policy.document);
      await prisma.routingPolicy.update({
        where: { id: existing.id },
        data: {
          description: policy.description,
          ...(changed ? { document: policy.document, version: { increment: 1 } } : {}),
        },
      });
      ids.set(policy.name, existing.id);
      continue;
    }
    const row = await prisma.routingPolicy.create({ data: { tenantId, ...policy } });
    ids.set(policy.name, row.id);
  }
  return ids;
}

async function seedQueues(
  prisma: PrismaClient,
  tenantId: string,
  routingPolicyIds: IdsByName,
  slaPolicyIds: IdsByName,
): Promise<IdsByName> {
  const ids = new Map<string, string>();
  for (const queue of DEMO_QUEUES) {
    const fields = {
      policy: queue.policy,
      routingPolicyId: idOf(routingPolicyIds, queue.routingPolicy),
      slaPolicyId: idOf(slaPolicyIds, queue.slaPolicy),
    };
    const row = await prisma.queue.upsert({
      where: { tenantId_name: { tenantId, name: queue.name } },
      create: { tenantId, name: queue.name, ...fields },
      update: fields,
    });
    ids.set(queue.name, row.id);
  }
  return ids;
}

function idOf(ids: IdsByName, name: string): string {
  const id = ids.get(name);
  // The data files reference each other by name; a typo there should fail the seed loudly.
  if (id === undefined) throw new Error(`Demo seed data refers to unknown name "${name}"`);
  return id;
}
