// Constraints of the configuration and SLA model on both engines: one CSAT answer per conversation with a
// score of 1..5, unique inbox addresses and holidays, and policies that cannot vanish from under a queue.
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseTarget, Prisma } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from './test-database';

const kinds: DatabaseTarget['kind'][] = ['postgres', 'pglite'];

describe.each(kinds)('routing model on %s', (kind) => {
  const test = kind === 'postgres' && !process.env.DATABASE_URL ? it.skip : it;
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  test('accepts one CSAT answer per conversation, scored 1..5', async () => {
    db = await createTestDatabase({ kind });
    const { prisma } = db;
    const tenant = await prisma.tenant.create({ data: { slug: 'acme', name: 'Acme' } });
    const customer = await prisma.customer.create({ data: { tenantId: tenant.id } });
    const conversation = await prisma.conversation.create({
      data: { tenantId: tenant.id, customerId: customer.id, channel: 'chat', lastMessageAt: new Date() },
    });
    const answer = { tenantId: tenant.id, conversationId: conversation.id };

    for (const score of [0, 6]) {
      const failure = await prisma.csatResponse
        .create({ data: { ...answer, score } })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(String(failure)).toMatch(/csat_responses_score_range|check constraint/i);
    }
    await prisma.csatResponse.create({ data: { ...answer, score: 5, comment: 'Quick and kind' } });
    await expect(prisma.csatResponse.create({ data: { ...answer, score: 4 } })).rejects.toMatchObject({
      code: 'P2002',
    });
  });

  test('keeps inbox addresses and holidays unique, and protects policies in use', async () => {
    db = await createTestDatabase({ kind });
    const { prisma } = db;
    const tenant = await prisma.tenant.create({ data: { slug: 'acme', name: 'Acme' } });
    const tenantId = tenant.id;
    const inbox = { tenantId, channel: 'email', name: 'Support', address: 'support@acme.test' };
    await prisma.inbox.create({ data: inbox });
    await expect(prisma.inbox.create({ data: { ...inbox, name: 'Again' } })).rejects.toMatchObject({
      code: 'P2002',
    });
    // An address names one inbox of one tenant: another tenant cannot claim it either.
    const other = await prisma.tenant.create({ data: { slug: 'other', name: 'Other' } });
    await expect(prisma.inbox.create({ data: { ...inbox, tenantId: other.id } })).rejects.toMatchObject({
      code: 'P2002',
    });
    // The same address on another channel is another inbox.
    await prisma.inbox.create({ data: { ...inbox, channel: 'chat' } });

    const calendar = await prisma.businessHoursCalendar.create({
      data: { tenantId, name: 'office', timeZone: 'Europe/Lisbon' },
    });
    const date = new Date('2026-12-25T00:00:00Z');
    await prisma.holiday.create({ data: { tenantId, calendarId: calendar.id, date, name: 'Christmas' } });
    await expect(
      prisma.holiday.create({ data: { tenantId, calendarId: calendar.id, date, name: 'Twice' } }),
    ).rejects.toMatchObject({ code: 'P2002' });

    const sla = await prisma.slaPolicy.create({
      data: { tenantId, name: 'standard', calendarId: calendar.id },
    });
    const routing = await prisma.routingPolicy.create({ data: { tenantId, name: 'best-fit' } });
    await prisma.queue.create({
      data: { tenantId, name: 'general', routingPolicyId: routing.id, slaPolicyId: sla.id },
    });
    for (const remove of [
      () => prisma.routingPolicy.delete({ where: { id: routing.id } }),
      () => prisma.slaPolicy.delete({ where: { id: sla.id } }),
      () => prisma.businessHoursCalendar.delete({ where: { id: calendar.id } }),
    ]) {
      const failure = await remove().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    }
  });
});
