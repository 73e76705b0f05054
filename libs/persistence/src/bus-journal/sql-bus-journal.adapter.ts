// The in-process bus's journal in SQL: the log in `bus_journal`, consumer positions in `bus_positions`.
// It shares the process's one database connection, so each call is a single statement: one INSERT per
// append whatever its size, one upsert per committed batch, one DELETE per trim.
import type { BusJournal, JournalEntry } from '@switchboard/messaging';
import type { PrismaClient } from '../generated/prisma/client';

type SqlClient = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

interface EntryRow {
  offset: string;
  key: string | null;
  value: Uint8Array;
  headers: Record<string, string> | null;
}

export class SqlBusJournal implements BusJournal {
  constructor(private readonly prisma: SqlClient) {}

  async nextOffsets(): Promise<Map<string, number>> {
    // A position can be past every stored row (all consumed and trimmed), so it counts as well.
    const rows = await this.prisma.$queryRaw<Array<{ topic: string; next: string }>>`
      SELECT topic, MAX(next)::text AS next FROM (
        SELECT topic, MAX("offset") + 1 AS next FROM bus_journal GROUP BY topic
        UNION ALL
        SELECT topic, MAX("offset") AS next FROM bus_positions GROUP BY topic
      ) AS ends
      GROUP BY topic`;
    return new Map(rows.map((row) => [row.topic, Number(row.next)]));
  }

  async append(topic: string, entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.prisma.$executeRaw`
      INSERT INTO bus_journal (topic, "offset", key, value, headers)
      SELECT ${topic}, e.o, e.k, e.v, e.h::jsonb
      FROM unnest(
        ${entries.map((e) => e.offset)}::bigint[],
        ${entries.map((e) => e.key)}::text[],
        ${entries.map((e) => e.value)}::bytea[],
        ${entries.map((e) => JSON.stringify(e.headers))}::text[]
      ) AS e(o, k, v, h)`;
  }

  async read(topic: string, fromOffset: number, limit: number): Promise<JournalEntry[]> {
    const rows = await this.prisma.$queryRaw<EntryRow[]>`
      SELECT "offset"::text AS "offset", key, value, headers
      FROM bus_journal
      WHERE topic = ${topic} AND "offset" >= ${fromOffset}
      ORDER BY "offset"
      LIMIT ${limit}`;
    return rows.map((row) => ({
      offset: Number(row.offset),
      key: row.key,
      value: Buffer.from(row.value.buffer, row.value.byteOffset, row.value.byteLength),
      headers: row.headers ?? {},
    }));
  }

  async positions(groupId: string): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<Array<{ topic: string; position: string }>>`
      SELECT topic, "offset"::text AS position FROM bus_positions WHERE group_id = ${groupId}`;
    return new Map(rows.map((row) => [row.topic, Number(row.position)]));
  }

  async commit(groupId: string, topic: string, position: number): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO bus_positions (group_id, topic, "offset") VALUES (${groupId}, ${topic}, ${position})
      ON CONFLICT (group_id, topic) DO UPDATE SET "offset" = EXCLUDED."offset"`;
  }

  trim(topic: string, beforeOffset: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM bus_journal WHERE topic = ${topic} AND "offset" < ${beforeOffset}`;
  }
}
