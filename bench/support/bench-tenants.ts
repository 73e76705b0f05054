// Seeds the ingest benchmark's tenants into a fresh database: each gets one SLA policy, one queue and a pool of
// agents who are already available with room for every conversation the run will open, so routing never
// waits on capacity. Offers last an hour: nobody accepts them, and none may expire mid-run.
import type { QueuePolicyDocument, SlaTargets } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';

export const BENCH_QUEUE = 'general';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SLA_TARGETS: SlaTargets = {
  firstResponseMs: { chat: MINUTE, email: 4 * HOUR, social: 15 * MINUTE, voice: 20_000 },
  nextResponseMs: { chat: 2 * MINUTE, email: 8 * HOUR, social: 30 * MINUTE },
  resolutionMs: {},
  overrides: [{ tiers: ['platinum'], firstResponseMs: { chat: 30_000, social: 5 * MINUTE } }],
};

const QUEUE_POLICY: QueuePolicyDocument = {
  strategy: 'longest-idle',
  agingPointsPerMinute: 1,
  offerTimeoutMs: { chat: HOUR, email: HOUR, social: HOUR, voice: HOUR },
  maxMissedOffers: 3,
};

export interface BenchTenantsOptions {
  readonly runId: string;
  readonly tenants: number;
  readonly agentsPerTenant: number;
  /** Concurrent conversations each agent may hold per channel class. */
  readonly capacityPerClass: number;
}

export async function seedBenchTenants(
  prisma: PrismaClient,
  options: BenchTenantsOptions,
): Promise<string[]> {
  const ids: string[] = [];
  for (let t = 0; t < options.tenants; t++) {
    const tenant = await prisma.tenant.create({
      data: { slug: `bench-${options.runId}-${t}`, name: `Ingest bench ${t}` },
    });
    const sla = await prisma.slaPolicy.create({
      data: { tenantId: tenant.id, name: 'bench', targets: SLA_TARGETS },
    });
    await prisma.queue.create({
      data: { tenantId: tenant.id, name: BENCH_QUEUE, policy: QUEUE_POLICY, slaPolicyId: sla.id },
    });
    const cap = options.capacityPerClass;
    await prisma.agent.createMany({
      data: Array.from({ length: options.agentsPerTenant }, (_, a) => ({
        tenantId: tenant.id,
        displayName: `Bench agent ${a + 1}`,
        email: `agent${a + 1}@bench-${t}.test`,
        status: 'available' as const,
        skills: { general: 5 },
        languages: ['en'],
        capacity: { chat: cap, email: cap, social: cap, voice: 0 },
      })),
    });
    ids.push(tenant.id);
  }
  return ids;
}
