// The live day tally a router restores on takeover, on both databases: it sums the stored quarter-hour rows
// of the tenant's own local day, so a Kolkata tenant's "today" starts at 18:30 UTC, not at UTC midnight.
import { openDatabase, PGLITE_MEMORY, type Database } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDayTally } from '../../libs/routing-service/src/metrics/tenant-metrics.loader';
import { createTenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

const HOUR = 3_600_000;
// 2026-03-28 18:30 UTC is midnight of the 29th in Kolkata (UTC+05:30).
const KOLKATA_MIDNIGHT = Date.parse('2026-03-28T18:30:00Z');

describe.each(['pglite', 'postgres'] as const)('live day tally restore (%s)', (kind) => {
  let database: Database;
  let server: TestDatabase | undefined;

  beforeAll(async () => {
    if (kind === 'pglite') {
      database = openDatabase({ kind: 'pglite', dataDir: PGLITE_MEMORY });
      await database.migrate();
      return;
    }
    server = await createTestDatabase({ kind: 'postgres' });
    if (server.target.kind !== 'postgres') throw new Error('expected postgres');
    database = openDatabase({ kind: 'postgres', url: server.target.url });
  });
  afterAll(async () => {
    await database?.close();
    await server?.drop();
  });

  /** One answered contact of `waitMs` in the quarter hour starting at `at`, for the tenant and its queue. */
  async function storeAnswered(tenantId: string, queueId: string, at: number, waitMs: number): Promise<void> {
    for (const [dimension, dimensionId] of [
      ['tenant', tenantId],
      ['queue', queueId],
    ]) {
      await database.sql.query(
        `INSERT INTO metric_rollups (tenant_id, dimension, dimension_id, bucket_interval, bucket_start,
                                     answered, answered_wait_ms_sum)
         VALUES ($1, $2, $3, '15m', to_timestamp($4::float8 / 1000), 1, $5)`,
        [tenantId, dimension, dimensionId, at, waitMs],
      );
    }
  }

  it("sums the quarter hours of the tenant's local day and nothing of the day before", async () => {
    const tenant = await createTenantFixture(database.prisma, []);
    const queue = await database.prisma.queue.create({ data: { tenantId: tenant.id, name: 'Sales' } });
    await storeAnswered(tenant.id, queue.id, KOLKATA_MIDNIGHT - 15 * 60_000, 9_000); // 23:45, the 28th
    await storeAnswered(tenant.id, queue.id, KOLKATA_MIDNIGHT, 2_000); // 00:00, the 29th
    await storeAnswered(tenant.id, queue.id, KOLKATA_MIDNIGHT + 9 * HOUR, 4_000); // 09:00, the 29th

    const morning = KOLKATA_MIDNIGHT + 10 * HOUR;
    const kolkata = await loadDayTally(database.sql, tenant.id, 'Asia/Kolkata', morning);
    expect(kolkata.figuresOf(queue.id, morning)).toMatchObject({ answered: 2, asaMs: 3_000 });
    expect(kolkata.figuresOf(null, morning)).toMatchObject({ answered: 0 });

    // At that instant (04:30 UTC on the 29th) UTC's day began at 00:00: only the 03:30 UTC row is in it.
    const utc = await loadDayTally(database.sql, tenant.id, 'UTC', morning);
    expect(utc.figuresOf(queue.id, morning)).toMatchObject({ answered: 1, asaMs: 4_000 });
  });
});
