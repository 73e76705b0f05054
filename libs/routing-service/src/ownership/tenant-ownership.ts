// Taking a tenant over: bump its epoch (fencing out whichever router held it before), learn where its event
// log stands, and read back the events that were stored but may never have been published.
import { RoutingEventV1Schema, type RoutingEventV1 } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';

export interface Ownership {
  epoch: number;
  lastSeq: number;
  publishedSeq: number;
}

export async function acquireTenant(sql: SqlExecutor, tenantId: string, owner: string): Promise<Ownership> {
  // The bump waits for the previous owner's in-flight transaction (it holds this row), so everything that
  // owner committed is visible to the rebuild that follows, and nothing it tries afterwards can commit.
  const [row] = await sql.query<{
    epoch: string | number;
    last_seq: string | number;
    published_seq: string | number;
  }>(
    `INSERT INTO tenant_owners (tenant_id, epoch, owner, acquired_at) VALUES ($1, 1, $2, now())
     ON CONFLICT (tenant_id) DO UPDATE
       SET epoch = tenant_owners.epoch + 1, owner = EXCLUDED.owner, acquired_at = now()
     RETURNING epoch, last_seq, published_seq`,
    [tenantId, owner],
  );
  return { epoch: Number(row.epoch), lastSeq: Number(row.last_seq), publishedSeq: Number(row.published_seq) };
}

/** Events after `afterSeq`, in order: what a crash may have left unpublished. */
export async function eventsAfter(
  sql: SqlExecutor,
  tenantId: string,
  afterSeq: number,
): Promise<RoutingEventV1[]> {
  const rows = await sql.query<{ payload: unknown }>(
    `SELECT payload FROM routing_events WHERE tenant_id = $1 AND seq > $2 ORDER BY seq`,
    [tenantId, afterSeq],
  );
  return rows.flatMap((row) => {
    const parsed = RoutingEventV1Schema.safeParse(row.payload);
    return parsed.success ? [parsed.data] : [];
  });
}
