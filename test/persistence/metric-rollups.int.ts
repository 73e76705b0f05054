// The router's rollup upsert and the reports' reader against both databases: the scripted day's facts,
// upserted in two halves (so every key that both halves touch goes through ON CONFLICT), read back equal to
// rolling the whole day up in memory.
import { openDatabase, PGLITE_MEMORY, type Database } from '@switchboard/persistence';
import { METRIC_DIMENSIONS, METRIC_INTERVALS, rollUp, type RollupRow } from '@switchboard/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRollupRows } from '../../libs/gateway-api/src/reports/rollup-rows.reader';
import {
  TENANT,
  TIME_ZONE,
  scriptedDayDepthFacts,
  scriptedDayFacts,
} from '../../libs/metrics/src/testing/scripted-day.fixture';
import { rollupUpsertPart } from '../../libs/routing-service/src/metrics/rollup-upsert.statement';
import { SqlParams } from '../../libs/routing-service/src/write/sql-params';
import { createTestDatabase, type TestDatabase } from './test-database';

type Kind = 'pglite' | 'postgres';

async function upsert(database: Database, rows: readonly RollupRow[]): Promise<void> {
  await database.sql.transaction(async (tx) => {
    const p = new SqlParams();
    const tenant = p.add(TENANT);
    await tx.query(`WITH ${rollupUpsertPart(p, tenant, rows)} SELECT 1`, p.values);
  });
}

describe.each<Kind>(['pglite', 'postgres'])('metric rollups on %s', (kind) => {
  let database: Database;
  let server: TestDatabase | undefined;

  beforeAll(async () => {
    if (kind === 'pglite') {
      database = openDatabase({ kind: 'pglite', dataDir: PGLITE_MEMORY });
      await database.migrate();
    } else {
      server = await createTestDatabase({ kind: 'postgres' });
      if (server.target.kind !== 'postgres') throw new Error('expected postgres');
      database = openDatabase({ kind: 'postgres', url: server.target.url });
    }
    await database.prisma.tenant.create({ data: { id: TENANT, slug: TENANT, name: 'Acme' } });
  });
  afterAll(async () => {
    await database?.close();
    await server?.drop();
  });

  it('stores two halves of a day as the whole day rolled up at once', async () => {
    // Depth spans on both sides of the cut: their day rows' maxDepth must merge by GREATEST, not add up.
    const facts = [...scriptedDayFacts(), ...scriptedDayDepthFacts()].sort(
      (a, b) => ('at' in a ? a.at : a.start) - ('at' in b ? b.at : b.start),
    );
    const half = Math.floor(facts.length / 2);
    await upsert(database, rollUp(facts.slice(0, half), { timeZone: TIME_ZONE }));
    await upsert(database, rollUp(facts.slice(half), { timeZone: TIME_ZONE }));

    const expected = rollUp(facts, { timeZone: TIME_ZONE });
    const stored: RollupRow[] = [];
    for (const dimension of METRIC_DIMENSIONS) {
      for (const interval of METRIC_INTERVALS) {
        stored.push(
          ...(await readRollupRows(database.sql, {
            tenantId: TENANT,
            dimension,
            interval,
            from: Date.parse('2026-03-01T00:00:00Z'),
            to: Date.parse('2026-03-05T00:00:00Z'),
          })),
        );
      }
    }
    const byKey = (rows: readonly RollupRow[]) =>
      [...rows].sort((a, b) =>
        `${a.dimension}${a.dimensionId}${a.interval}${a.bucketStart}` <
        `${b.dimension}${b.dimensionId}${b.interval}${b.bucketStart}`
          ? -1
          : 1,
      );
    expect(stored.length).toBeGreaterThan(0);
    expect(byKey(stored)).toEqual(byKey(expected));
  });

  it('reads only the ids asked for', async () => {
    const rows = await readRollupRows(database.sql, {
      tenantId: TENANT,
      dimension: 'queue',
      interval: '1d',
      from: Date.parse('2026-03-01T00:00:00Z'),
      to: Date.parse('2026-03-05T00:00:00Z'),
      ids: ['sales'],
    });
    expect(rows.map((r) => r.dimensionId)).toEqual(['sales']);
  });
});
