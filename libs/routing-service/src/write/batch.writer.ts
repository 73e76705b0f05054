// Writes one tenant's write set in one transaction with a fixed handful of set-based statements (one per
// table touched, `unnest` over array parameters), whatever the batch size. The first statement is the fence:
// it only matches while this router still holds the tenant's epoch, so a stale owner writes nothing.
import type { SqlExecutor, SqlTransactor } from '@switchboard/persistence';
import type { StampedEvent } from '../events/event-outbox';
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

const ts = (column: string): string => `to_timestamp(${column} / 1000.0)`;

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
  const t = c.tenantId;
  const fenced = await tx.query(
    `UPDATE tenant_owners SET last_seq = $3, published_seq = GREATEST(published_seq, $4)
      WHERE tenant_id = $1 AND epoch = $2 RETURNING 1 AS ok`,
    [t, c.epoch, c.lastSeq, c.publishedSeq],
  );
  if (fenced.length !== 1) throw new FencedOutError(t, c.epoch);
  const s = c.set;
  await insertCustomers(tx, t, s);
  await insertConversations(tx, t, s);
  await insertMessages(tx, t, s);
  await updateConversations(tx, t, s);
  await insertSlaEvents(tx, t, s);
  // Older offers close before new ones open: a conversation holds at most one pending offer.
  await closeOffers(tx, t, s);
  await insertOffers(tx, t, s);
  await endAssignments(tx, t, s);
  await insertAssignments(tx, t, s);
  await updateAgentStatuses(tx, t, s);
  await insertDecisionLogs(tx, t, s);
  await insertEvents(tx, t, c.events);
}

async function insertCustomers(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.customers.length > 0) {
    const r = s.customers;
    await tx.query(
      `INSERT INTO customers (id, tenant_id, display_name, preferred_language, created_at)
       SELECT v.id, $1, v.name, v.lang, ${ts('v.at')}
         FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[]) AS v(id, name, lang, at)`,
      [
        t,
        r.map((x) => x.id),
        r.map((x) => x.displayName),
        r.map((x) => x.preferredLanguage),
        r.map((x) => x.createdAt),
      ],
    );
  }
  if (s.identities.length > 0) {
    const r = s.identities;
    await tx.query(
      `INSERT INTO customer_identities (id, tenant_id, customer_id, channel, address)
       SELECT v.id, $1, v.customer, v.channel, v.address
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, customer, channel, address)`,
      [t, r.map((x) => x.id), r.map((x) => x.customerId), r.map((x) => x.channel), r.map((x) => x.address)],
    );
  }
}

async function insertConversations(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.conversations.length === 0) return;
  const r = s.conversations;
  await tx.query(
    `INSERT INTO conversations (id, tenant_id, customer_id, channel, queue_id, priority, tier, subject, language,
                                thread_key, required_skills, last_message_at, created_at, updated_at, sla_deadline)
     SELECT v.id, $1, v.customer, v.channel, v.queue, v.priority, v.tier, v.subject, v.language, v.thread,
            v.skills::jsonb, ${ts('v.last')}, ${ts('v.created')}, now(), ${ts('v.deadline')}
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int4[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::float8[], $13::float8[], $14::float8[])
         AS v(id, customer, channel, queue, priority, tier, subject, language, thread, skills, last, created, deadline)`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.customerId),
      r.map((x) => x.channel),
      r.map((x) => x.queueId),
      r.map((x) => x.priority),
      r.map((x) => x.tier),
      r.map((x) => x.subject),
      r.map((x) => x.language),
      r.map((x) => x.threadKey),
      r.map((x) => x.requiredSkills),
      r.map((x) => x.lastMessageAt),
      r.map((x) => x.createdAt),
      r.map((x) => x.slaDeadline),
    ],
  );
}

async function insertMessages(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.messages.length === 0) return;
  const r = s.messages;
  const inserted = await tx.query(
    `INSERT INTO messages (id, tenant_id, conversation_id, direction, channel, channel_message_id, body, attachments, sent_at)
     SELECT v.id, $1, v.conversation, 'inbound', v.channel, v.cmid, v.body, v.attachments::jsonb, ${ts('v.sent')}
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[])
         AS v(id, conversation, channel, cmid, body, attachments, sent)
     ON CONFLICT (tenant_id, channel, channel_message_id) DO NOTHING
     RETURNING 1 AS ok`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.conversationId),
      r.map((x) => x.channel),
      r.map((x) => x.channelMessageId),
      r.map((x) => x.body),
      r.map((x) => x.attachments),
      r.map((x) => x.sentAt),
    ],
  );
  // Dedupe ran before planning; a conflict here means the plan is stale, so nothing of it may commit.
  if (inserted.length !== r.length) throw new StalePlanError(t, r.length - inserted.length);
}

async function updateConversations(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.conversationChanges.size === 0) return;
  const r = [...s.conversationChanges];
  await tx.query(
    `UPDATE conversations c SET
        status = COALESCE(v.status::conversation_status, c.status),
        last_message_at = GREATEST(c.last_message_at, COALESCE(${ts('v.last')}, c.last_message_at)),
        queue_id = CASE WHEN v.set_queue THEN v.queue ELSE c.queue_id END,
        resolved_at = COALESCE(${ts('v.resolved')}, c.resolved_at),
        updated_at = now()
       FROM unnest($2::text[], $3::text[], $4::float8[], $5::bool[], $6::text[], $7::float8[])
         AS v(id, status, last, set_queue, queue, resolved)
      WHERE c.id = v.id AND c.tenant_id = $1`,
    [
      t,
      r.map(([id]) => id),
      r.map(([, x]) => x.status ?? null),
      r.map(([, x]) => x.lastMessageAt ?? null),
      r.map(([, x]) => x.queueId !== undefined),
      r.map(([, x]) => x.queueId ?? null),
      r.map(([, x]) => x.resolvedAt ?? null),
    ],
  );
}

async function insertSlaEvents(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.slaEvents.length === 0) return;
  const r = s.slaEvents;
  await tx.query(
    `INSERT INTO sla_events (id, tenant_id, conversation_id, kind, at, deadline, payload)
     SELECT v.id, $1, v.conversation, v.kind::sla_event_kind, ${ts('v.at')}, ${ts('v.deadline')}, v.payload::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
         AS v(id, conversation, kind, at, deadline, payload)`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.conversationId),
      r.map((x) => x.kind),
      r.map((x) => x.at),
      r.map((x) => x.deadline),
      r.map((x) => x.payload),
    ],
  );
}

async function closeOffers(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.offerOutcomes.size === 0) return;
  const r = [...s.offerOutcomes];
  await tx.query(
    `UPDATE offers o SET status = v.status::offer_status, responded_at = ${ts('v.at')}
       FROM unnest($2::text[], $3::text[], $4::float8[]) AS v(id, status, at)
      WHERE o.id = v.id AND o.tenant_id = $1`,
    [t, r.map(([id]) => id), r.map(([, x]) => x.status), r.map(([, x]) => x.at)],
  );
}

async function insertOffers(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.offers.length === 0) return;
  const r = s.offers;
  await tx.query(
    `INSERT INTO offers (id, tenant_id, conversation_id, agent_id, status, offered_at, expires_at, responded_at, reason)
     SELECT v.id, $1, v.conversation, v.agent, v.status::offer_status, ${ts('v.offered')}, ${ts('v.expires')},
            ${ts('v.responded')}, v.reason::jsonb
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::text[])
         AS v(id, conversation, agent, status, offered, expires, responded, reason)`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.conversationId),
      r.map((x) => x.agentId),
      r.map((x) => x.status),
      r.map((x) => x.offeredAt),
      r.map((x) => x.expiresAt),
      r.map((x) => x.respondedAt),
      r.map((x) => x.reason),
    ],
  );
}

async function endAssignments(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.assignmentEnds.size === 0) return;
  const r = [...s.assignmentEnds];
  await tx.query(
    `UPDATE assignments a SET ended_at = ${ts('v.at')}
       FROM unnest($2::text[], $3::float8[]) AS v(conversation, at)
      WHERE a.conversation_id = v.conversation AND a.tenant_id = $1 AND a.ended_at IS NULL`,
    [t, r.map(([id]) => id), r.map(([, at]) => at)],
  );
}

async function insertAssignments(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.assignments.length === 0) return;
  const r = s.assignments;
  // The assignment keeps the reason its offer was made for; the offer may be in this same batch.
  await tx.query(
    `INSERT INTO assignments (id, tenant_id, conversation_id, agent_id, offer_id, assigned_at, ended_at, reason)
     SELECT v.id, $1, v.conversation, v.agent, v.offer, ${ts('v.assigned')}, ${ts('v.ended')},
            COALESCE(o.reason, '{}'::jsonb)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[])
         AS v(id, conversation, agent, offer, assigned, ended)
       LEFT JOIN offers o ON o.id = v.offer`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.conversationId),
      r.map((x) => x.agentId),
      r.map((x) => x.offerId),
      r.map((x) => x.assignedAt),
      r.map((x) => x.endedAt),
    ],
  );
}

async function updateAgentStatuses(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.agentStatuses.size === 0) return;
  const r = [...s.agentStatuses];
  await tx.query(
    `UPDATE agents a SET status = v.status::agent_status, updated_at = now()
       FROM unnest($2::text[], $3::text[]) AS v(id, status)
      WHERE a.id = v.id AND a.tenant_id = $1`,
    [t, r.map(([id]) => id), r.map(([, status]) => status)],
  );
}

async function insertDecisionLogs(tx: SqlExecutor, t: string, s: WriteSet): Promise<void> {
  if (s.decisionLogs.length === 0) return;
  const r = s.decisionLogs;
  await tx.query(
    `INSERT INTO decision_logs (id, tenant_id, conversation_id, kind, payload, created_at)
     SELECT v.id, $1, v.conversation, v.kind, v.payload::jsonb, ${ts('v.at')}
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[])
         AS v(id, conversation, kind, payload, at)`,
    [
      t,
      r.map((x) => x.id),
      r.map((x) => x.conversationId),
      r.map((x) => x.kind),
      r.map((x) => x.payload),
      r.map((x) => x.at),
    ],
  );
}

async function insertEvents(tx: SqlExecutor, t: string, stamped: readonly StampedEvent[]): Promise<void> {
  const events = stamped.map((s) => s.event);
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO routing_events (tenant_id, seq, event_id, type, agent_id, payload, created_at)
     SELECT $1, v.seq, v.id, v.type, v.agent, v.payload::jsonb, v.at::timestamptz
       FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS v(seq, id, type, agent, payload, at)`,
    [
      t,
      events.map((e) => e.seq),
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => ('agentId' in e ? e.agentId : null)),
      stamped.map((s) => s.json),
      events.map((e) => e.at),
    ],
  );
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
