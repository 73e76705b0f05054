// Recent handle times per queue, for the wait estimate: an EWMA per queue kept in the tenant's memory, fed as
// assignments end, and rebuilt with one query when a router takes the tenant over.
import { observeHandleTime, type HandleTimeEwma } from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';
import type { WriteSet } from '../write/write-set';

/** How far back a takeover looks for finished assignments: enough for the EWMA to settle. */
const HISTORY_LIMIT = 500;
/** The implicit default queue has no id; its handle times are kept under this key. */
const DEFAULT_QUEUE_KEY = '';

interface OpenAssignment {
  queueKey: string;
  assignedAt: number;
}

export class HandleTimeBook {
  private readonly byQueue = new Map<string, HandleTimeEwma>();
  private readonly open = new Map<string, OpenAssignment>();

  /** The queue's recent mean handle time, or null without history. */
  meanMs(queueId: string | null): number | null {
    return this.byQueue.get(queueId ?? DEFAULT_QUEUE_KEY)?.meanMs ?? null;
  }

  assigned(conversationId: string, queueId: string | null, at: number): void {
    this.open.set(conversationId, { queueKey: queueId ?? DEFAULT_QUEUE_KEY, assignedAt: at });
  }

  /** An assignment ended (resolved or handed on): its length is one handle time of its queue. */
  ended(conversationId: string, at: number): void {
    const open = this.open.get(conversationId);
    if (!open) return;
    this.open.delete(conversationId);
    this.observe(open.queueKey, at - open.assignedAt);
  }

  /** Follows a batch's assignments: new ones open, ended ones are measured. */
  follow(set: WriteSet, queueOf: (conversationId: string) => string | null): void {
    for (const row of set.assignments) {
      this.assigned(row.conversationId, queueOf(row.conversationId), row.assignedAt);
      if (row.endedAt !== null) this.ended(row.conversationId, row.endedAt);
    }
    for (const [conversationId, at] of set.assignmentEnds) this.ended(conversationId, at);
  }

  private observe(queueKey: string, handleMs: number): void {
    if (!(handleMs >= 0)) return;
    this.byQueue.set(queueKey, observeHandleTime(this.byQueue.get(queueKey) ?? null, handleMs));
  }

  /** One query: the latest finished assignments (oldest first, so the EWMA ends on the newest) and open ones. */
  static async load(sql: SqlExecutor, tenantId: string): Promise<HandleTimeBook> {
    const rows = await sql.query<{
      conversation_id: string;
      queue_id: string | null;
      assigned_ms: number | string;
      ended_ms: number | string | null;
    }>(
      `SELECT * FROM (
         SELECT a.conversation_id, c.queue_id, extract(epoch FROM a.assigned_at) * 1000 AS assigned_ms,
                extract(epoch FROM a.ended_at) * 1000 AS ended_ms
           FROM assignments a JOIN conversations c ON c.id = a.conversation_id
          WHERE a.tenant_id = $1 AND a.ended_at IS NOT NULL
          ORDER BY a.ended_at DESC LIMIT $2) finished
       UNION ALL
       SELECT a.conversation_id, c.queue_id, extract(epoch FROM a.assigned_at) * 1000, NULL
         FROM assignments a JOIN conversations c ON c.id = a.conversation_id
        WHERE a.tenant_id = $1 AND a.ended_at IS NULL`,
      [tenantId, HISTORY_LIMIT],
    );
    const book = new HandleTimeBook();
    const finished = rows.filter((r) => r.ended_ms !== null);
    finished.sort((a, b) => Number(a.ended_ms) - Number(b.ended_ms));
    for (const r of finished)
      book.observe(r.queue_id ?? DEFAULT_QUEUE_KEY, Number(r.ended_ms) - Number(r.assigned_ms));
    for (const r of rows)
      if (r.ended_ms === null) book.assigned(r.conversation_id, r.queue_id, Number(r.assigned_ms));
    return book;
  }
}
