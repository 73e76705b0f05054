// Publishes a tenant's stored events in sequence order. Events reach this only after the transaction that
// stored them committed; a publish that fails leaves them queued and retried with backoff, and a crash
// leaves them in the event log, where the next owner finds them (seq > published_seq) and publishes them.
// Replies ride the same path: each `reply.created` event also goes out as an outbound record for the
// connectors, and a round counts as published only once both topics have it.
import { ROUTING_EVENT_V1, type RoutingEventBody, type RoutingEventV1 } from '@switchboard/contracts';
import { backoffDelay, type Bus } from '@switchboard/messaging';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { outboundMessagesOf } from './outbound-record.mapper';

/** An event with its JSON, serialized once for both the event log and the bus. */
export interface StampedEvent {
  event: RoutingEventV1;
  json: string;
}

export function stamped(event: RoutingEventV1): StampedEvent {
  return { event, json: JSON.stringify(event) };
}

/** One tenant's position in its event log, held by the tenant's owner. */
export interface TenantEventLog {
  lastSeq: number;
  publishedSeq: number;
  /** Committed, not yet published, in order. */
  pending: StampedEvent[];
  retry?: NodeJS.Timeout;
  attempts: number;
  /** The publish round in flight, if any. */
  draining?: Promise<void>;
}

export class EventOutbox {
  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly logger: Logger,
    /** Where replies go out to the connectors. */
    private readonly outboundTopic?: string,
  ) {}

  /** Numbers events after the tenant's last sequence; the caller stores them with the state they describe. */
  stamp(
    tenantId: string,
    log: TenantEventLog,
    bodies: readonly RoutingEventBody[],
    at: number,
  ): StampedEvent[] {
    const iso = new Date(at).toISOString();
    return bodies.map((body, i) => {
      const event: RoutingEventV1 = {
        ...body,
        schema: ROUTING_EVENT_V1,
        eventId: uuidv7(),
        tenantId,
        seq: log.lastSeq + i + 1,
        at: iso,
      };
      return stamped(event);
    });
  }

  /**
   * Publishes everything pending for the tenant, in order, in the background: the caller's next transaction
   * need not wait for the broker, because the events are already durable in the log. One drain runs per
   * tenant at a time; events committed meanwhile go out in its next round. Never rejects: on failure the
   * events stay queued and `retryLater` is called after a backoff.
   */
  drain(tenantId: string, log: TenantEventLog, retryLater: () => void): Promise<void> {
    if (log.draining) return log.draining;
    if (log.pending.length === 0) return Promise.resolve();
    // Cleared in a later microtask, never before the assignment below (which an async function that finishes
    // without awaiting would do, leaving a settled promise that swallows every later drain).
    const draining = this.drainLoop(tenantId, log, retryLater).finally(() => {
      if (log.draining === draining) log.draining = undefined;
    });
    log.draining = draining;
    return draining;
  }

  private async drainLoop(tenantId: string, log: TenantEventLog, retryLater: () => void): Promise<void> {
    while (log.pending.length > 0 && (await this.publishPending(tenantId, log, retryLater)));
  }

  private async publishPending(
    tenantId: string,
    log: TenantEventLog,
    retryLater: () => void,
  ): Promise<boolean> {
    // A copy: events committed while this publish is in flight join `pending` and go out in the next round.
    const batch = [...log.pending];
    try {
      await this.bus.publish(
        this.topic,
        batch.map(({ event, json }) => ({
          key: tenantId,
          value: json,
          headers: { 'x-event-type': event.type, 'x-event-seq': String(event.seq) },
        })),
      );
      const outbound = outboundMessagesOf(batch.map(({ event }) => event));
      if (this.outboundTopic && outbound.length > 0) await this.bus.publish(this.outboundTopic, outbound);
      log.pending = log.pending.slice(batch.length);
      log.publishedSeq = Math.max(log.publishedSeq, batch[batch.length - 1].event.seq);
      log.attempts = 0;
      return true;
    } catch (error) {
      const delay = backoffDelay(log.attempts++, { initialMs: 200, maxMs: 10_000, factor: 2 });
      this.logger.warn(
        { err: error, tenantId, pending: batch.length, delay },
        'publishing events failed; retrying',
      );
      clearTimeout(log.retry);
      log.retry = setTimeout(retryLater, delay);
      log.retry.unref();
      return false;
    }
  }
}
