// The demo seed converges to the same realistic tenant on every run, with logins the auth layer can verify
// and configuration the admin API itself would accept.
import { verify } from 'argon2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AgentCapacitySchema,
  AgentLanguagesSchema,
  AgentSkillsSchema,
  ChannelSchema,
  effectivePolicy,
  inboxAddressIssue,
  QueuePolicyDocumentSchema,
  QueuePolicyWriteSchema,
  SlaTargetsSchema,
  TimeZoneSchema,
  WeeklyHoursSchema,
} from '@switchboard/contracts';
import {
  generateApiKey,
  generateSecretsKey,
  inboxSecretsContext,
  type PrismaClient,
  randomDemoInboxCredentials,
  SecretBox,
  verifyApiKey,
} from '@switchboard/persistence';
import { samePasswordForAll, seedDemoTenant } from '../../libs/persistence/src/seed/demo-seed.service';
import { createTestDatabase, type TestDatabase } from './test-database';

describe('demo seed', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('is idempotent and keeps a pinned API key verifiable', async () => {
    db = await createTestDatabase();
    const pinned = generateApiKey().key;
    const first = await seedDemoTenant(db.prisma, {
      passwords: samePasswordForAll('pw-one'),
      apiKey: pinned,
    });
    const before = await countRows(db.prisma);
    const second = await seedDemoTenant(db.prisma, {
      passwords: samePasswordForAll('pw-two'),
      apiKey: pinned,
    });

    // Inboxes are created once: a re-run lists none as created.
    expect(first.createdInboxes).toHaveLength(first.inboxes);
    expect(second).toEqual({
      ...first,
      apiKey: pinned,
      passwords: samePasswordForAll('pw-two'),
      createdInboxes: [],
    });
    expect(await countRows(db.prisma)).toEqual(before);
    expect(before).toMatchObject({
      tenants: 1,
      queues: first.queues,
      agents: first.agents,
      users: first.users,
      skills: first.skills,
      teams: first.teams,
      routingPolicies: first.routingPolicies,
      slaPolicies: first.slaPolicies,
      inboxes: first.inboxes,
      apiKeys: 1,
    });
    // An unchanged policy document is not a new revision.
    const versions = await db.prisma.routingPolicy.findMany({ select: { version: true } });
    expect(versions.every((policy) => policy.version === 1)).toBe(true);

    const key = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: second.apiKeyPrefix } });
    expect(verifyApiKey(pinned, key.secretHash)).toBe(true);

    const agentUser = await db.prisma.user.findFirstOrThrow({
      where: { email: 'agent1@demo.test' },
      include: { agent: true },
    });
    expect(agentUser.role).toBe('agent');
    expect(agentUser.agent?.displayName).toBe('Ada Lovelace');
    expect(await verify(agentUser.passwordHash, 'pw-two')).toBe(true);
  });

  it('creates a key once and keeps it on later runs', async () => {
    db = await createTestDatabase();
    const first = await seedDemoTenant(db.prisma, {});
    expect(first.apiKeySource).toBe('created');
    expect(first.apiKey).toMatch(/^sb_/);
    const second = await seedDemoTenant(db.prisma, {});
    expect(second.apiKeySource).toBe('existing');
    expect(second.apiKeyPrefix).toBe(first.apiKeyPrefix);
    expect(second.apiKey).toBeNull();
  });

  it('gives each role a random password on first run, and keeps them on later unpinned runs', async () => {
    db = await createTestDatabase();
    const first = await seedDemoTenant(db.prisma, {});
    const passwords = first.passwords!;
    expect(new Set([passwords.admin, passwords.supervisor, passwords.agent]).size).toBe(3);
    for (const password of Object.values(passwords)) expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const second = await seedDemoTenant(db.prisma, {});
    expect(second.passwords).toBeNull();
    const hashOf = async (email: string): Promise<string> =>
      (await db!.prisma.user.findFirstOrThrow({ where: { email } })).passwordHash;
    expect(await verify(await hashOf('admin@demo.test'), passwords.admin)).toBe(true);
    expect(await verify(await hashOf('supervisor@demo.test'), passwords.supervisor)).toBe(true);
    expect(await verify(await hashOf('agent7@demo.test'), passwords.agent)).toBe(true);
    expect(await verify(await hashOf('admin@demo.test'), passwords.agent)).toBe(false);
  });

  it('builds a realistic contact center', async () => {
    db = await createTestDatabase();
    const result = await seedDemoTenant(db.prisma, {});
    const { prisma } = db;
    expect(result).toMatchObject({ queues: 3, agents: 20, users: 22 });

    const staff = await prisma.user.findMany({ where: { role: { in: ['supervisor', 'admin'] } } });
    expect(staff.map((user) => user.role).sort()).toEqual(['admin', 'supervisor']);

    // Every agent skill comes from the catalog, and the tenant speaks the five demo languages.
    const catalog = new Set((await prisma.skill.findMany()).map((skill) => skill.name));
    const agents = await prisma.agent.findMany({ include: { teamMemberships: true } });
    for (const agent of agents) {
      expect(AgentSkillsSchema.parse(agent.skills)).toEqual(agent.skills);
      expect(AgentCapacitySchema.parse(agent.capacity)).toEqual(agent.capacity);
      expect(AgentLanguagesSchema.parse(agent.languages)).toEqual(agent.languages);
      expect(Object.keys(agent.skills as object).every((skill) => catalog.has(skill))).toBe(true);
      expect(agent.teamMemberships.length).toBeGreaterThan(0);
      expect(agent.active).toBe(true);
    }
    const languages = new Set(agents.flatMap((agent) => agent.languages));
    expect([...languages].sort()).toEqual(['de', 'en', 'es', 'fr', 'pt-BR']);

    // Each queue names a routing policy and an SLA policy on the business-hours calendar, and every
    // document passes the admin API's write validation.
    const queues = await prisma.queue.findMany({ include: { routingPolicy: true, slaPolicy: true } });
    expect(queues.map((queue) => queue.name).sort()).toEqual(['billing', 'general', 'technical']);
    for (const queue of queues) {
      const named = QueuePolicyWriteSchema.parse(queue.routingPolicy?.document);
      const inline = QueuePolicyWriteSchema.parse(queue.policy);
      expect(QueuePolicyDocumentSchema.safeParse(effectivePolicy(named, inline)).error).toBeUndefined();
      expect(SlaTargetsSchema.parse(queue.slaPolicy?.targets)).toEqual(queue.slaPolicy?.targets);
      expect(queue.slaPolicy?.calendarId).not.toBeNull();
    }

    const calendar = await prisma.businessHoursCalendar.findFirstOrThrow({ include: { holidays: true } });
    expect(TimeZoneSchema.parse(calendar.timeZone)).toBe('Europe/Lisbon');
    expect(WeeklyHoursSchema.parse(calendar.weekly)).toContainEqual({
      day: 6,
      open: '09:00',
      close: '13:00',
    });
    expect(calendar.holidays.map((holiday) => holiday.date.toISOString().slice(0, 10))).toContain(
      '2026-12-25',
    );

    const inboxChannels = new Set((await prisma.inbox.findMany()).map((inbox) => inbox.channel));
    expect([...inboxChannels].sort()).toEqual([...ChannelSchema.options].sort());
    // Every address is one the admin API would accept for its channel.
    for (const inbox of await prisma.inbox.findMany()) {
      const channel = ChannelSchema.parse(inbox.channel);
      expect(inboxAddressIssue(channel, inbox.address), inbox.address).toBeUndefined();
    }
  });

  it("seals each inbox's channel secrets, opening only for that inbox", async () => {
    db = await createTestDatabase();
    const box = new SecretBox(generateSecretsKey());
    const credentials = randomDemoInboxCredentials();
    const result = await seedDemoTenant(db.prisma, { inboxes: { sealer: box, credentials } });
    const whatsapp = credentials.find((c) => c.channel === 'whatsapp')!;
    expect(Object.keys(whatsapp.secrets).sort()).toEqual(['accessToken', 'appSecret', 'verifyToken']);
    expect(result.createdInboxes).toContainEqual(whatsapp);
    const row = await db.prisma.inbox.findUniqueOrThrow({ where: { id: whatsapp.id } });
    expect(row.secretsCiphertext).not.toContain(whatsapp.secrets.appSecret);
    expect(JSON.parse(box.open(row.secretsCiphertext!, inboxSecretsContext(row.id)))).toEqual(
      whatsapp.secrets,
    );
    const email = await db.prisma.inbox.findFirstOrThrow({
      where: { channel: 'email', address: 'support@demo.test' },
    });
    expect(email.secretsCiphertext).toBeNull();
  });
});

async function countRows(prisma: PrismaClient): Promise<Record<string, number>> {
  const [tenants, queues, agents, users, skills, teams, teamMembers] = await Promise.all([
    prisma.tenant.count(),
    prisma.queue.count(),
    prisma.agent.count(),
    prisma.user.count(),
    prisma.skill.count(),
    prisma.team.count(),
    prisma.teamMember.count(),
  ]);
  const [routingPolicies, slaPolicies, calendars, holidays, inboxes, apiKeys] = await Promise.all([
    prisma.routingPolicy.count(),
    prisma.slaPolicy.count(),
    prisma.businessHoursCalendar.count(),
    prisma.holiday.count(),
    prisma.inbox.count(),
    prisma.apiKey.count(),
  ]);
  return {
    tenants,
    queues,
    agents,
    users,
    skills,
    teams,
    teamMembers,
    routingPolicies,
    slaPolicies,
    calendars,
    holidays,
    inboxes,
    apiKeys,
  };
}
