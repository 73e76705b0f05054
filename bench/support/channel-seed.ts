// Seeds the channel benchmark's tenants on top of the ingest benchmark's (SLA policy, queue, available agents):
// per tenant one WhatsApp inbox whose app secret is sealed under the run's SECRETS_KEY (the gateway opens it as
// in production), one email inbox and one chat inbox, all queuing into the bench queue, and a console login
// for every agent so the benchmark can hold their sockets and see offers pushed, and an API key for the REST
// baseline.
import { randomBytes, randomUUID } from 'node:crypto';
import { argon2id, hash } from 'argon2';
import { generateApiKey, inboxSecretsContext, SecretBox, type PrismaClient } from '@switchboard/persistence';
import { BENCH_QUEUE, seedBenchTenants } from './bench-tenants';

export interface ChannelTenant {
  readonly id: string;
  readonly slug: string;
  readonly whatsapp: { readonly inboxId: string; readonly phoneNumberId: string };
  readonly emailAddress: string;
  readonly chatInboxId: string;
  readonly agentEmails: readonly string[];
  /** An integrator key of the tenant, for the REST baseline. */
  readonly apiKey: string;
}

export interface ChannelSeed {
  readonly tenants: readonly ChannelTenant[];
  /** Every WhatsApp inbox's app secret (one per run: the signatures are what is measured, not key variety). */
  readonly appSecret: string;
  /** Every agent's console password. */
  readonly password: string;
}

export interface ChannelSeedOptions {
  readonly runId: string;
  readonly tenants: number;
  readonly agentsPerTenant: number;
  readonly capacityPerClass: number;
  /** The gateway's SECRETS_KEY, base64. */
  readonly secretsKey: string;
}

export async function seedChannelTenants(
  prisma: PrismaClient,
  options: ChannelSeedOptions,
): Promise<ChannelSeed> {
  const ids = await seedBenchTenants(prisma, options);
  const box = new SecretBox(Buffer.from(options.secretsKey, 'base64'));
  const appSecret = randomBytes(24).toString('base64url');
  const password = randomBytes(12).toString('base64url');
  // A cheap argon2id (as the load harness uses): logins are set-up here, not what is measured.
  const passwordHash = await hash(password, {
    type: argon2id,
    memoryCost: 1024,
    timeCost: 1,
    parallelism: 1,
  });
  const tenants: ChannelTenant[] = [];
  for (const [t, tenantId] of ids.entries()) {
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const queue = await prisma.queue.findFirstOrThrow({ where: { tenantId, name: BENCH_QUEUE } });
    const inbox = (channel: string, address: string, extra: object = {}) =>
      prisma.inbox.create({
        data: { tenantId, channel, name: `${channel} ${t}`, address, defaultQueueId: queue.id, ...extra },
      });
    const phoneNumberId = `1555${options.runId}${t}`;
    const whatsappId = randomUUID();
    const sealed = box.seal(
      JSON.stringify({ appSecret, verifyToken: 'bench' }),
      inboxSecretsContext(whatsappId),
    );
    await inbox('whatsapp', phoneNumberId, { id: whatsappId, secretsCiphertext: sealed });
    const emailAddress = `support-${t}@bench-${options.runId}.test`;
    await inbox('email', emailAddress);
    const chat = await inbox('chat', `chat-${options.runId}-${t}`);
    const agents = await prisma.agent.findMany({ where: { tenantId }, orderBy: { email: 'asc' } });
    await prisma.user.createMany({
      data: agents.map((a) => ({
        tenantId,
        email: a.email,
        passwordHash,
        role: 'agent' as const,
        agentId: a.id,
      })),
    });
    const key = generateApiKey();
    await prisma.apiKey.create({
      data: { tenantId, name: 'bench', prefix: key.prefix, secretHash: key.secretHash },
    });
    tenants.push({
      id: tenantId,
      slug: tenant.slug,
      whatsapp: { inboxId: whatsappId, phoneNumberId },
      emailAddress,
      chatInboxId: chat.id,
      agentEmails: agents.map((a) => a.email),
      apiKey: key.key,
    });
  }
  return { tenants, appSecret, password };
}
