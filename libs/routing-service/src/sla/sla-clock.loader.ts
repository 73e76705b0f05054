// Reads the SLA clocks of a tenant's open conversations when a router takes the tenant over: one query,
// whatever the count. Their wake-ups are then scheduled again, so no deadline is lost to a restart.
import type { Channel } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import type { ConversationClocks } from '@switchboard/sla';
import { SlaClockBook } from './sla-clock.book';

interface ClockRow extends Record<string, unknown> {
  id: string;
  sla_clocks: ConversationClocks | string;
  queue_id: string | null;
  channel: Channel;
  tier: string;
  priority: number;
}

export async function loadSlaClocks(sql: SqlExecutor, tenantId: string): Promise<SlaClockBook> {
  const rows = await sql.query<ClockRow>(
    `SELECT id, sla_clocks, queue_id, channel, tier, priority FROM conversations
      WHERE tenant_id = $1 AND status <> 'resolved' AND sla_clocks IS NOT NULL`,
    [tenantId],
  );
  const book = new SlaClockBook();
  addRows(book, rows);
  return book;
}

/** Puts the stored clocks of resolved conversations a batch reopens back in the book: one query. */
export async function loadReopenedClocks(
  sql: SqlExecutor,
  tenantId: string,
  book: SlaClockBook,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  const rows = await sql.query<ClockRow>(
    `SELECT id, sla_clocks, queue_id, channel, tier, priority FROM conversations
      WHERE tenant_id = $1 AND id = ANY($2::text[]) AND sla_clocks IS NOT NULL`,
    [tenantId, conversationIds],
  );
  addRows(
    book,
    rows.filter((row) => book.get(row.id) === undefined),
  );
}

function addRows(book: SlaClockBook, rows: readonly ClockRow[]): void {
  for (const row of rows) {
    const clocks = typeof row.sla_clocks === 'string' ? parseClocks(row.sla_clocks) : row.sla_clocks;
    if (clocks?.version !== 1) continue;
    book.set(row.id, {
      clocks,
      subject: {
        queueId: row.queue_id,
        channel: row.channel,
        tier: row.tier,
        priority: Number(row.priority),
      },
    });
  }
}

function parseClocks(text: string): ConversationClocks | undefined {
  try {
    return JSON.parse(text) as ConversationClocks;
  } catch {
    return undefined;
  }
}
