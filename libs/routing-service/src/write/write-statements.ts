// The parts of the router's two statements, one common table expression per table, each set-based over
// array parameters. Only the parts a write set needs are included.
import type { StampedEvent } from '../events/event-outbox';
import { ts, type SqlParams } from './sql-params';
import type { WriteSet } from './write-set';

/** UPDATEs of rows stored before this batch. */
export function changeParts(p: SqlParams, tenant: string, s: WriteSet): string[] {
  const parts: string[] = [];
  if (s.conversationChanges.size > 0) {
    const r = [...s.conversationChanges];
    parts.push(`conv AS (UPDATE conversations c SET
        status = COALESCE(v.status::conversation_status, c.status),
        last_message_at = GREATEST(c.last_message_at, COALESCE(${ts('v.last')}, c.last_message_at)),
        queue_id = CASE WHEN v.set_queue THEN v.queue ELSE c.queue_id END,
        resolved_at = CASE WHEN v.set_resolved THEN ${ts('v.resolved')} ELSE c.resolved_at END,
        -- Resolving or reopening clears it; only an abandon sets it, together with resolved_at.
        abandoned_at = CASE WHEN v.set_resolved THEN ${ts('v.abandoned')} ELSE c.abandoned_at END,
        sla_clocks = CASE WHEN v.set_sla THEN v.clocks::json ELSE c.sla_clocks END,
        -- The clocks' earliest deadline wins over a planned one: they are applied later in the batch.
        sla_deadline = CASE WHEN v.set_sla THEN ${ts('v.clock_deadline')}
                            WHEN v.set_deadline THEN ${ts('v.deadline')} ELSE c.sla_deadline END,
        first_response_at = COALESCE(c.first_response_at, ${ts('v.first')}),
        escalations = COALESCE(v.escalations::jsonb, c.escalations),
        disposition = CASE WHEN v.set_wrap THEN v.disposition ELSE c.disposition END,
        wrap_up_notes = CASE WHEN v.set_wrap THEN v.wrap_notes ELSE c.wrap_up_notes END,
        updated_at = now()
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, x]) => x.status ?? null))}::text[],
                  ${p.add(r.map(([, x]) => x.lastMessageAt ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.queueId !== undefined))}::bool[],
                  ${p.add(r.map(([, x]) => x.queueId ?? null))}::text[],
                  ${p.add(r.map(([, x]) => x.resolvedAt !== undefined))}::bool[],
                  ${p.add(r.map(([, x]) => x.resolvedAt ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.slaDeadline !== undefined))}::bool[],
                  ${p.add(r.map(([, x]) => x.slaDeadline ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.sla !== undefined))}::bool[],
                  ${p.add(r.map(([, x]) => x.sla?.clocks ?? null))}::text[],
                  ${p.add(r.map(([, x]) => x.sla?.deadline ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.firstResponseAt ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.escalations ?? null))}::text[],
                  ${p.add(r.map(([, x]) => x.abandonedAt ?? null))}::float8[],
                  ${p.add(r.map(([, x]) => x.wrapUp !== undefined))}::bool[],
                  ${p.add(r.map(([, x]) => x.wrapUp?.disposition ?? null))}::text[],
                  ${p.add(r.map(([, x]) => x.wrapUp?.notes ?? null))}::text[])
        AS v(id, status, last, set_queue, queue, set_resolved, resolved, set_deadline, deadline, set_sla, clocks,
             clock_deadline, first, escalations, abandoned, set_wrap, disposition, wrap_notes)
      WHERE c.id = v.id AND c.tenant_id = ${tenant} RETURNING 1)`);
  }
  if (s.offerOutcomes.size > 0) {
    const r = [...s.offerOutcomes];
    parts.push(`closed AS (UPDATE offers o SET status = v.status::offer_status, responded_at = ${ts('v.at')}
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, x]) => x.status))}::text[],
                  ${p.add(r.map(([, x]) => x.at))}::float8[]) AS v(id, status, at)
      WHERE o.id = v.id AND o.tenant_id = ${tenant} RETURNING 1)`);
  }
  if (s.assignmentEnds.size > 0) {
    const r = [...s.assignmentEnds];
    parts.push(`ended AS (UPDATE assignments a SET ended_at = ${ts('v.at')}
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, at]) => at))}::float8[])
        AS v(conversation, at)
      WHERE a.conversation_id = v.conversation AND a.tenant_id = ${tenant} AND a.ended_at IS NULL RETURNING 1)`);
  }
  if (s.agentStatuses.size > 0) {
    const r = [...s.agentStatuses];
    parts.push(`agent AS (UPDATE agents a SET status = v.status::agent_status, updated_at = now()
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, x]) => x))}::text[]) AS v(id, status)
      WHERE a.id = v.id AND a.tenant_id = ${tenant} RETURNING 1)`);
  }
  if (s.deliveryUpdates.size > 0) {
    const r = [...s.deliveryUpdates];
    parts.push(`dlv AS (UPDATE messages m SET delivery_status = v.status::delivery_status,
        delivery_status_at = ${ts('v.at')},
        provider_message_id = COALESCE(v.provider, m.provider_message_id),
        delivery_error = COALESCE(v.reason, m.delivery_error)
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, x]) => x.status))}::text[],
                  ${p.add(r.map(([, x]) => x.at))}::float8[], ${p.add(r.map(([, x]) => x.providerMessageId))}::text[],
                  ${p.add(r.map(([, x]) => x.reason))}::text[]) AS v(id, status, at, provider, reason)
      WHERE m.id = v.id AND m.tenant_id = ${tenant} AND m.direction = 'outbound' RETURNING 1)`);
  }
  if (s.followUpChanges.size > 0) {
    const r = [...s.followUpChanges];
    // Only a scheduled follow-up changes, so a fired one can never be fired (or cancelled) again.
    parts.push(`fu AS (UPDATE follow_ups f SET status = v.status::follow_up_status,
        fired_at = CASE WHEN v.status = 'fired' THEN ${ts('v.at')} ELSE f.fired_at END,
        cancelled_at = CASE WHEN v.status = 'cancelled' THEN ${ts('v.at')} ELSE f.cancelled_at END
      FROM unnest(${p.add(r.map(([id]) => id))}::text[], ${p.add(r.map(([, x]) => x.status))}::text[],
                  ${p.add(r.map(([, x]) => x.at))}::float8[]) AS v(id, status, at)
      WHERE f.id = v.id AND f.tenant_id = ${tenant} AND f.status = 'scheduled' RETURNING 1)`);
  }
  if (s.assignments.length > 0) {
    const r = s.assignments;
    // A wait prediction is scored by the assignment that answers its conversation (ADR 0025).
    parts.push(`answered AS (UPDATE wait_estimates w SET answered_at = ${ts('v.at')},
        actual_ms = GREATEST(0, round(v.at - extract(epoch FROM w.arrived_at) * 1000))::int,
        error_ms = abs(w.predicted_ms - GREATEST(0, round(v.at - extract(epoch FROM w.arrived_at) * 1000)))::int
      FROM unnest(${p.add(r.map((x) => x.conversationId))}::text[], ${p.add(r.map((x) => x.assignedAt))}::float8[])
        AS v(conversation, at)
      WHERE w.conversation_id = v.conversation AND w.tenant_id = ${tenant} AND w.answered_at IS NULL
        AND w.predicted_ms IS NOT NULL RETURNING 1)`);
  }
  return parts;
}

/**
 * INSERTs, children after parents. Foreign keys are checked at the end of the statement, so a message may
 * reference a conversation inserted by an earlier part of the same statement. `m` and `r` are always
 * present: the caller counts the messages and replies it stored.
 */
export function insertParts(
  p: SqlParams,
  tenant: string,
  s: WriteSet,
  events: readonly StampedEvent[],
): string[] {
  const parts: string[] = [];
  const cols = <T>(rows: readonly T[], pick: (row: T) => unknown, type: string): string =>
    `${p.add(rows.map(pick))}::${type}[]`;
  if (s.customers.length > 0) {
    const r = s.customers;
    parts.push(`cu AS (INSERT INTO customers (id, tenant_id, display_name, preferred_language, created_at)
      SELECT v.id, ${tenant}, v.name, v.lang, ${ts('v.at')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.displayName, 'text')},
                    ${cols(r, (x) => x.preferredLanguage, 'text')}, ${cols(r, (x) => x.createdAt, 'float8')})
          AS v(id, name, lang, at))`);
  }
  if (s.identities.length > 0) {
    const r = s.identities;
    parts.push(`ci AS (INSERT INTO customer_identities (id, tenant_id, customer_id, channel, address)
      SELECT v.id, ${tenant}, v.customer, v.channel, v.address
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.customerId, 'text')},
                    ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.address, 'text')})
          AS v(id, customer, channel, address))`);
  }
  if (s.conversations.length > 0) {
    const r = s.conversations;
    parts.push(`cv AS (INSERT INTO conversations (id, tenant_id, customer_id, channel, queue_id, inbox_id, priority,
        tier, subject, language, thread_key, required_skills, last_message_at, created_at, updated_at,
        sla_deadline, status, resolved_at, sla_clocks, first_response_at, escalations)
      SELECT v.id, ${tenant}, v.customer, v.channel, v.queue, v.inbox, v.priority, v.tier, v.subject, v.language,
             v.thread, v.skills::jsonb, ${ts('v.last')}, ${ts('v.created')}, now(), ${ts('v.deadline')},
             v.status::conversation_status, ${ts('v.resolved')}, v.clocks::json, ${ts('v.first')},
             COALESCE(v.escalations::jsonb, '[]'::jsonb)
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.customerId, 'text')},
                    ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.queueId, 'text')},
                    ${cols(r, (x) => x.inboxId, 'text')},
                    ${cols(r, (x) => x.priority, 'int4')}, ${cols(r, (x) => x.tier, 'text')},
                    ${cols(r, (x) => x.subject, 'text')}, ${cols(r, (x) => x.language, 'text')},
                    ${cols(r, (x) => x.threadKey, 'text')}, ${cols(r, (x) => x.requiredSkills, 'text')},
                    ${cols(r, (x) => x.lastMessageAt, 'float8')}, ${cols(r, (x) => x.createdAt, 'float8')},
                    ${cols(r, (x) => x.slaDeadline, 'float8')}, ${cols(r, (x) => x.status, 'text')},
                    ${cols(r, (x) => x.resolvedAt, 'float8')}, ${cols(r, (x) => x.slaClocks ?? null, 'text')},
                    ${cols(r, (x) => x.firstResponseAt ?? null, 'float8')},
                    ${cols(r, (x) => x.escalations ?? null, 'text')})
          AS v(id, customer, channel, queue, inbox, priority, tier, subject, language, thread, skills, last,
               created, deadline, status, resolved, clocks, first, escalations))`);
  }
  const m = s.messages;
  parts.push(`m AS (INSERT INTO messages (id, tenant_id, conversation_id, direction, channel, channel_message_id,
      body, html, attachments, sent_at)
    SELECT v.id, ${tenant}, v.conversation, 'inbound', v.channel, v.cmid, v.body, v.html, v.attachments::jsonb,
           ${ts('v.sent')}
      FROM unnest(${cols(m, (x) => x.id, 'text')}, ${cols(m, (x) => x.conversationId, 'text')},
                  ${cols(m, (x) => x.channel, 'text')}, ${cols(m, (x) => x.channelMessageId, 'text')},
                  ${cols(m, (x) => x.body, 'text')}, ${cols(m, (x) => x.html, 'text')},
                  ${cols(m, (x) => x.attachments, 'text')}, ${cols(m, (x) => x.sentAt, 'float8')})
        AS v(id, conversation, channel, cmid, body, html, attachments, sent)
    ON CONFLICT (tenant_id, channel, channel_message_id) DO NOTHING RETURNING 1)`);
  // Replies are outbound messages under our own idempotency key: a conflict means the plan missed a stored one.
  const r = s.replies;
  parts.push(`r AS (INSERT INTO messages (id, tenant_id, conversation_id, direction, channel, channel_message_id,
      body, html, agent_id, sent_at, delivery_status, delivery_status_at, provider_message_id, delivery_error)
    SELECT v.id, ${tenant}, v.conversation, 'outbound', v.channel, v.cmid, v.body, v.html, v.agent, ${ts('v.sent')},
           v.status::delivery_status, ${ts('v.status_at')}, v.provider, v.error
      FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                  ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.channelMessageId, 'text')},
                  ${cols(r, (x) => x.body, 'text')}, ${cols(r, (x) => x.html, 'text')},
                  ${cols(r, (x) => x.agentId, 'text')}, ${cols(r, (x) => x.sentAt, 'float8')},
                  ${cols(r, (x) => x.deliveryStatus, 'text')}, ${cols(r, (x) => x.deliveryStatusAt, 'float8')},
                  ${cols(r, (x) => x.providerMessageId, 'text')}, ${cols(r, (x) => x.deliveryError, 'text')})
        AS v(id, conversation, channel, cmid, body, html, agent, sent, status, status_at, provider, error)
    ON CONFLICT (tenant_id, channel, channel_message_id) DO NOTHING RETURNING 1)`);
  if (s.slaEvents.length > 0) {
    const r = s.slaEvents;
    parts.push(`se AS (INSERT INTO sla_events (id, tenant_id, conversation_id, kind, at, deadline, payload)
      SELECT v.id, ${tenant}, v.conversation, v.kind::sla_event_kind, ${ts('v.at')}, ${ts('v.deadline')}, v.payload::jsonb
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.kind, 'text')}, ${cols(r, (x) => x.at, 'float8')},
                    ${cols(r, (x) => x.deadline, 'float8')}, ${cols(r, (x) => x.payload, 'text')})
          AS v(id, conversation, kind, at, deadline, payload))`);
  }
  if (s.offers.length > 0) {
    const r = s.offers;
    parts.push(`o AS (INSERT INTO offers (id, tenant_id, conversation_id, agent_id, status, offered_at, expires_at,
        responded_at, reason)
      SELECT v.id, ${tenant}, v.conversation, v.agent, v.status::offer_status, ${ts('v.offered')}, ${ts('v.expires')},
             ${ts('v.responded')}, v.reason::jsonb
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.agentId, 'text')}, ${cols(r, (x) => x.status, 'text')},
                    ${cols(r, (x) => x.offeredAt, 'float8')}, ${cols(r, (x) => x.expiresAt, 'float8')},
                    ${cols(r, (x) => x.respondedAt, 'float8')}, ${cols(r, (x) => x.reason, 'text')})
          AS v(id, conversation, agent, status, offered, expires, responded, reason))`);
  }
  if (s.assignments.length > 0) {
    const r = s.assignments;
    // An assignment keeps the reason its offer was made for: carried along when the offer is in this batch,
    // copied from the stored offer otherwise.
    parts.push(`a AS (INSERT INTO assignments (id, tenant_id, conversation_id, agent_id, offer_id, assigned_at,
        ended_at, reason)
      SELECT v.id, ${tenant}, v.conversation, v.agent, v.offer, ${ts('v.assigned')}, ${ts('v.ended')},
             COALESCE(v.reason::jsonb, stored.reason, '{}'::jsonb)
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.agentId, 'text')}, ${cols(r, (x) => x.offerId, 'text')},
                    ${cols(r, (x) => x.assignedAt, 'float8')}, ${cols(r, (x) => x.endedAt, 'float8')},
                    ${cols(r, (x) => x.reason, 'text')})
          AS v(id, conversation, agent, offer, assigned, ended, reason)
        LEFT JOIN offers stored ON stored.id = v.offer)`);
  }
  if (s.decisionLogs.length > 0) {
    const r = s.decisionLogs;
    parts.push(`dl AS (INSERT INTO decision_logs (id, tenant_id, conversation_id, kind, payload, created_at)
      SELECT v.id, ${tenant}, v.conversation, v.kind, v.payload::jsonb, ${ts('v.at')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.kind, 'text')}, ${cols(r, (x) => x.payload, 'text')},
                    ${cols(r, (x) => x.at, 'float8')})
          AS v(id, conversation, kind, payload, at))`);
  }
  if (s.followUps.length > 0) {
    const r = s.followUps;
    parts.push(`fi AS (INSERT INTO follow_ups (id, tenant_id, conversation_id, agent_id, due_at, note, status,
        created_at, fired_at, cancelled_at)
      SELECT v.id, ${tenant}, v.conversation, v.agent, ${ts('v.due')}, v.note, v.status::follow_up_status,
             ${ts('v.created')}, ${ts('v.fired')}, ${ts('v.cancelled')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.agentId, 'text')}, ${cols(r, (x) => x.dueAt, 'float8')},
                    ${cols(r, (x) => x.note, 'text')}, ${cols(r, (x) => x.status, 'text')},
                    ${cols(r, (x) => x.createdAt, 'float8')}, ${cols(r, (x) => x.firedAt, 'float8')},
                    ${cols(r, (x) => x.cancelledAt, 'float8')})
          AS v(id, conversation, agent, due, note, status, created, fired, cancelled))`);
  }
  if (s.systemMessages.length > 0) {
    const r = s.systemMessages;
    parts.push(`sys AS (INSERT INTO messages (id, tenant_id, conversation_id, direction, channel, channel_message_id,
        body, html, system_kind, sent_at, delivery_status, delivery_status_at)
      SELECT v.id, ${tenant}, v.conversation, 'outbound', v.channel, v.cmid, v.body, v.html, v.kind, ${ts('v.sent')},
             'queued'::delivery_status, ${ts('v.sent')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.channelMessageId, 'text')},
                    ${cols(r, (x) => x.body, 'text')}, ${cols(r, (x) => x.html, 'text')},
                    ${cols(r, (x) => x.kind, 'text')}, ${cols(r, (x) => x.sentAt, 'float8')})
          AS v(id, conversation, channel, cmid, body, html, kind, sent)
      ON CONFLICT (tenant_id, channel, channel_message_id) DO NOTHING)`);
  }
  if (s.notes.length > 0) {
    const r = s.notes;
    // Internal: no delivery status, and nothing ever reads it as something to send.
    parts.push(`note AS (INSERT INTO messages (id, tenant_id, conversation_id, direction, channel,
        channel_message_id, body, agent_id, sent_at)
      SELECT v.id, ${tenant}, v.conversation, 'internal', v.channel, v.cmid, v.body, v.agent, ${ts('v.sent')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.channelMessageId, 'text')},
                    ${cols(r, (x) => x.body, 'text')}, ${cols(r, (x) => x.agentId, 'text')},
                    ${cols(r, (x) => x.sentAt, 'float8')})
          AS v(id, conversation, channel, cmid, body, agent, sent)
      ON CONFLICT (tenant_id, channel, channel_message_id) DO NOTHING)`);
  }
  if (s.waitEstimates.length > 0) {
    const r = s.waitEstimates;
    parts.push(`we AS (INSERT INTO wait_estimates (id, tenant_id, conversation_id, queue_id, channel, arrived_at,
        made_at, predicted_ms, basis)
      SELECT v.id, ${tenant}, v.conversation, v.queue, v.channel, ${ts('v.arrived')}, ${ts('v.made')}, v.predicted,
             v.basis::jsonb
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.queueId, 'text')}, ${cols(r, (x) => x.channel, 'text')},
                    ${cols(r, (x) => x.arrivedAt, 'float8')}, ${cols(r, (x) => x.madeAt, 'float8')},
                    ${cols(r, (x) => x.predictedMs, 'int4')}, ${cols(r, (x) => x.basis, 'text')})
          AS v(id, conversation, queue, channel, arrived, made, predicted, basis))`);
  }
  if (s.csatAnswers.length > 0) {
    const r = s.csatAnswers;
    // One answer per conversation: the first stored wins, as at the survey page.
    parts.push(`csat AS (INSERT INTO csat_responses (id, tenant_id, conversation_id, agent_id, score, channel, created_at)
      SELECT v.id, ${tenant}, v.conversation, v.agent, v.score, v.channel, ${ts('v.at')}
        FROM unnest(${cols(r, (x) => x.id, 'text')}, ${cols(r, (x) => x.conversationId, 'text')},
                    ${cols(r, (x) => x.agentId, 'text')}, ${cols(r, (x) => x.score, 'int4')},
                    ${cols(r, (x) => x.channel, 'text')}, ${cols(r, (x) => x.at, 'float8')})
          AS v(id, conversation, agent, score, channel, at)
      ON CONFLICT (conversation_id) DO NOTHING)`);
  }
  if (events.length > 0) {
    const r = events;
    parts.push(`ev AS (INSERT INTO routing_events (tenant_id, seq, event_id, type, agent_id, payload, created_at)
      SELECT ${tenant}, v.seq, v.id, v.type, v.agent, v.payload::json, v.at::timestamptz
        FROM unnest(${cols(r, (x) => x.event.seq, 'int8')}, ${cols(r, (x) => x.event.eventId, 'text')},
                    ${cols(r, (x) => x.event.type, 'text')},
                    ${cols(r, (x) => ('agentId' in x.event ? x.event.agentId : null), 'text')},
                    ${cols(r, (x) => x.json, 'text')}, ${cols(r, (x) => x.event.at, 'text')})
          AS v(seq, id, type, agent, payload, at))`);
  }
  return parts;
}
