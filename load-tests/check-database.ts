// After a load run, with the engine stopped: what the database holds against what the integrators were told.
//   lost             contacts answered 202 whose message is not stored, or has no conversation
//   duplicated       channel message ids stored twice, and conversations that ever held two live offers at once
//   double_assigned  conversations that ever had two open assignments at once, and offers assigned twice
//   over_capacity    agents whose open assignments ever exceeded their capacity for a channel class, or max_units
//   latency_split    where each contact's time went, from the rows' timestamps: intake (posted -> stored by the
//                    router), queued (stored -> first offer: waiting for an eligible agent with a free slot) and
//                    held (assigned -> resolved: the agents' handling), as p50/p95 in ms, so a run whose agent
//                    pool is saturated is not read as an engine that fell behind
// Intervals come from the rows' own timestamps (offered_at..responded_at, assigned_at..ended_at), so these are
// checks over the whole run, not a snapshot of the end state. Prints one JSON object.
// Usage: tsx load-tests/check-database.ts <k6 console log>   (target: DATABASE_URL, else PGLITE_DATA_DIR)
import { readFileSync } from 'node:fs';
import { openDatabase, type PrismaClient, resolveDatabaseTarget } from '@switchboard/persistence';
import { readRunLog } from './load-run-log';

const CLASS_OF = `CASE c.channel WHEN 'chat' THEN 'chat' WHEN 'email' THEN 'email' WHEN 'voice' THEN 'voice'
  ELSE 'social' END`;

const STORED = `
  SELECT m.channel_message_id AS id, count(*)::int AS n, bool_and(c.id IS NOT NULL) AS threaded
  FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
  WHERE m.channel_message_id LIKE $1
  GROUP BY 1`;

const DUPLICATE_MESSAGES = `
  SELECT count(*)::int AS n FROM (
    SELECT 1 FROM messages GROUP BY tenant_id, channel, channel_message_id HAVING count(*) > 1) d`;

/**
 * Conversations where some row starts before an earlier row of the same conversation has ended. Intervals are
 * half-open, [start, end): a row closed in the millisecond it was made (an offer rescinded in the same batch
 * that made it) was never live and overlaps nothing, and of rows starting together the one ending first counts
 * as the earlier.
 */
function overlapping(table: string, start: string, end: string): string {
  return `
  SELECT count(DISTINCT conversation_id)::int AS n FROM (
    SELECT conversation_id, s,
           max(e) OVER (
             PARTITION BY conversation_id ORDER BY s, e, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) AS prev_end
    FROM (SELECT conversation_id, id, ${start} AS s, coalesce(${end}, 'infinity'::timestamptz) AS e FROM ${table}) r
    WHERE e > s) x
  WHERE s < prev_end`;
}

const OFFERS_ASSIGNED_TWICE = `
  SELECT count(*)::int AS n FROM (
    SELECT 1 FROM assignments WHERE offer_id IS NOT NULL GROUP BY offer_id HAVING count(*) > 1) d`;

// A sweep over assignment starts (+1) and ends (-1); at the same instant an end frees room before a start.
const OVER_CAPACITY = `
  WITH a AS (
    SELECT a.agent_id, ${CLASS_OF} AS cls, a.assigned_at, a.ended_at
    FROM assignments a JOIN conversations c ON c.id = a.conversation_id),
  ev AS (
    SELECT agent_id, cls, assigned_at AS t, 1 AS d FROM a
    UNION ALL SELECT agent_id, cls, ended_at, -1 FROM a WHERE ended_at IS NOT NULL),
  per_class AS (
    SELECT agent_id, cls, max(open) AS peak FROM (
      SELECT agent_id, cls, sum(d) OVER (PARTITION BY agent_id, cls ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS open
      FROM ev) s GROUP BY 1, 2),
  total AS (
    SELECT agent_id, max(open) AS peak FROM (
      SELECT agent_id, sum(d) OVER (PARTITION BY agent_id ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS open
      FROM ev) s GROUP BY 1),
  bad AS (
    SELECT p.agent_id FROM per_class p JOIN agents g ON g.id = p.agent_id
    WHERE p.peak > coalesce((g.capacity ->> p.cls)::int, 0)
    UNION
    SELECT t.agent_id FROM total t JOIN agents g ON g.id = t.agent_id
    WHERE g.max_units IS NOT NULL AND t.peak > g.max_units)
  SELECT (SELECT count(*)::int FROM bad) AS n,
         (SELECT coalesce(max(peak), 0)::int FROM total) AS peak`;

const BY_STATUS = (table: string, where = ''): string =>
  `SELECT status::text AS status, count(*)::int AS n FROM ${table} ${where} GROUP BY 1 ORDER BY 1`;

/** p50/p95 (ms) of intake, queued and held over this run's contacts. */
const LATENCY_SPLIT = `
  WITH m AS (
    SELECT conversation_id, min(sent_at) AS sent, min(created_at) AS stored FROM messages
    WHERE direction = 'inbound' AND channel_message_id LIKE $1 GROUP BY 1),
  o AS (SELECT conversation_id, min(offered_at) AS offered FROM offers GROUP BY 1),
  a AS (SELECT conversation_id, min(assigned_at) AS assigned, max(ended_at) AS ended FROM assignments GROUP BY 1),
  d AS (
    SELECT extract(epoch FROM m.stored - m.sent) * 1000 AS intake,
           extract(epoch FROM o.offered - m.stored) * 1000 AS queued,
           extract(epoch FROM a.ended - a.assigned) * 1000 AS held
    FROM m LEFT JOIN o USING (conversation_id) LEFT JOIN a USING (conversation_id))
  SELECT
    percentile_cont(0.5) WITHIN GROUP (ORDER BY intake) AS intake_p50,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY intake) AS intake_p95,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(queued, 0)) AS queued_p50,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY greatest(queued, 0)) AS queued_p95,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY held) AS held_p50,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY held) AS held_p95
  FROM d`;

async function latencySplit(prisma: PrismaClient, pattern: string): Promise<Record<string, number | null>> {
  const [row] = await prisma.$queryRawUnsafe<Array<Record<string, number | null>>>(LATENCY_SPLIT, pattern);
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([key, value]) => [key, value === null ? null : Math.round(Number(value))]),
  );
}

async function count(prisma: PrismaClient, sql: string, ...values: unknown[]): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<Array<{ n: number }>>(sql, ...values);
  return rows[0]?.n ?? 0;
}

async function byStatus(prisma: PrismaClient, sql: string): Promise<Record<string, number>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ status: string; n: number }>>(sql);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function main(consoleLog: string): Promise<void> {
  const run = readRunLog(readFileSync(consoleLog, 'utf8'));
  if (!run.runId) throw new Error(`${consoleLog} names no run id: did k6 start?`);
  const database = openDatabase(resolveDatabaseTarget(process.env));
  try {
    const { prisma } = database;
    const prefix = `load-${run.runId}-`;
    const stored = await prisma.$queryRawUnsafe<Array<{ id: string; n: number; threaded: boolean }>>(
      STORED,
      `${prefix}%`,
    );
    const storedBySeq = new Map(stored.map((r) => [Number(r.id.slice(prefix.length)), r]));
    let lost = 0;
    for (const seq of run.accepted) {
      const row = storedBySeq.get(seq);
      if (!row || row.n !== 1 || !row.threaded) lost++;
    }
    const storedNotAccepted = [...storedBySeq.keys()].filter((seq) => !run.accepted.has(seq)).length;
    const duplicateMessages = await count(prisma, DUPLICATE_MESSAGES);
    const overlappingOffers = await count(prisma, overlapping('offers', 'offered_at', 'responded_at'));
    const overlappingAssignments = await count(prisma, overlapping('assignments', 'assigned_at', 'ended_at'));
    const offersAssignedTwice = await count(prisma, OFFERS_ASSIGNED_TWICE);
    const capacity = (await prisma.$queryRawUnsafe<Array<{ n: number; peak: number }>>(OVER_CAPACITY))[0];
    console.log(
      JSON.stringify({
        run_id: run.runId,
        posted: run.posted,
        accepted: run.accepted.size,
        stored: stored.length,
        lost,
        stored_not_accepted: storedNotAccepted,
        duplicated: duplicateMessages + overlappingOffers,
        duplicate_messages: duplicateMessages,
        conversations_with_two_live_offers: overlappingOffers,
        double_assigned: overlappingAssignments + offersAssignedTwice,
        conversations_with_two_open_assignments: overlappingAssignments,
        offers_assigned_twice: offersAssignedTwice,
        over_capacity: capacity?.n ?? 0,
        peak_open_assignments_per_agent: capacity?.peak ?? 0,
        conversations: await byStatus(prisma, BY_STATUS('conversations')),
        offers: await byStatus(prisma, BY_STATUS('offers')),
        latency_split: await latencySplit(prisma, `${prefix}%`),
        open_assignments: await count(
          prisma,
          'SELECT count(*)::int AS n FROM assignments WHERE ended_at IS NULL',
        ),
      }),
    );
  } finally {
    await database.close();
  }
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
