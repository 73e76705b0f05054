// Writes one tenant's write set in one transaction of two set-based statements, whatever the batch size:
// first the fence and every change to rows stored before (conversations, offers, assignments, agents), then
// every insert (customers, identities, conversations, messages, replies, SLA events, offers, assignments, decision logs,
// the events and the metric rollups they roll up to). Each statement is a chain of `WITH … AS (INSERT/UPDATE … FROM unnest(…))` parts, one per
// table, so a batch costs two round trips. Changes come first: a conversation's previous offer must be closed
// before its next one is inserted (one pending offer per conversation is a unique index).
import type { RollupRow } from '@switchboard/metrics';
import type { SqlExecutor, SqlTransactor } from '@switchboard/persistence';
import type { StampedEvent } from '../events/event-outbox';
import { rollupUpsertPart } from '../metrics/rollup-upsert.statement';
import { SqlParams } from './sql-params';
import { changeParts, insertParts } from './write-statements';
import type { WriteSet } from './write-set';

export interface BatchCommit {
  tenantId: string;
  epoch: number;
  set: WriteSet;
  /** The set's events, numbered and stamped; stored in the event log with the state they describe. */
  events: readonly StampedEvent[];
  /** The tenant's highest sequence number once this commits. */
  lastSeq: number;
  /** Everything up to here is known to be published. */
  publishedSeq: number;
  /** The metric rollups of the set's events, upserted by the insert statement (docs/metrics.md). */
  rollups?: readonly RollupRow[];
}

/** Another router has taken this tenant over; this one must stop writing for it. */
export class FencedOutError extends Error {
  constructor(
    readonly tenantId: string,
    readonly epoch: number,
  ) {
    super(`Tenant ${tenantId}: epoch ${epoch} is no longer the owner's; another router took it over`);
    this.name = 'FencedOutError';
  }
}

/** The database already holds a message this batch planned as new: the plan was made on stale memory. */
export class StalePlanError extends Error {
  constructor(
    readonly tenantId: string,
    readonly conflicts: number,
  ) {
    super(`Tenant ${tenantId}: ${conflicts} planned messages were already stored; rebuilding its state`);
    this.name = 'StalePlanError';
  }
}

export class BatchWriter {
  constructor(
    private readonly sql: SqlTransactor,
    private readonly statementTimeoutMs: number,
  ) {}

  async commit(commit: BatchCommit): Promise<void> {
    await this.sql.transaction((tx) => writeAll(tx, commit), {
      statementTimeoutMs: this.statementTimeoutMs,
    });
  }
}

async function writeAll(tx: SqlExecutor, c: BatchCommit): Promise<void> {
  await fenceAndChange(tx, c);
  if (c.set.hasInserts()) await insertAll(tx, c);
}

async function fenceAndChange(tx: SqlExecutor, c: BatchCommit): Promise<void> {
  const p = new SqlParams();
  const tenant = p.add(c.tenantId);
  // The fence: it matches only while this router holds the epoch, and it takes the row lock a takeover waits on.
  const parts = [
    `fence AS (UPDATE tenant_owners SET last_seq = ${p.add(c.lastSeq)},
       published_seq = GREATEST(published_seq, ${p.add(c.publishedSeq)})
     WHERE tenant_id = ${tenant} AND epoch = ${p.add(c.epoch)} RETURNING 1)`,
    ...changeParts(p, tenant, c.set),
  ];
  const [row] = await tx.query<{ fenced: string | number }>(
    `WITH ${parts.join(',\n')} SELECT (SELECT count(*) FROM fence) AS fenced`,
    p.values,
  );
  // Whatever else the statement changed is rolled back with the transaction.
  if (Number(row.fenced) !== 1) throw new FencedOutError(c.tenantId, c.epoch);
}

async function insertAll(tx: SqlExecutor, c: BatchCommit): Promise<void> {
  const p = new SqlParams();
  const tenant = p.add(c.tenantId);
  const parts = insertParts(p, tenant, c.set, c.events);
  if (c.rollups !== undefined && c.rollups.length > 0) parts.push(rollupUpsertPart(p, tenant, c.rollups));
  const [row] = await tx.query<{ messages: string | number; replies: string | number }>(
    `WITH ${parts.join(',\n')} SELECT (SELECT count(*) FROM m) AS messages, (SELECT count(*) FROM r) AS replies`,
    p.values,
  );
  // Dedupe ran before planning; a conflict here means the plan is stale, so nothing of it may commit.
  const conflicts =
    c.set.messages.length - Number(row.messages) + (c.set.replies.length - Number(row.replies));
  if (conflicts !== 0) throw new StalePlanError(c.tenantId, conflicts);
}
