// Stamps the envelope on routing events and publishes them keyed by tenant, which keeps each tenant's
// events in order for every gateway.
import { ROUTING_EVENT_V1, type RoutingEventBody, type RoutingEventV1 } from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';

export class RoutingEventPublisher {
  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly now: () => number,
  ) {}

  async publish(tenantId: string, bodies: readonly RoutingEventBody[]): Promise<RoutingEventV1[]> {
    if (bodies.length === 0) return [];
    const at = new Date(this.now()).toISOString();
    const events = bodies.map((body) => stamp(body, tenantId, at));
    await this.bus.publish(
      this.topic,
      events.map((event) => ({
        key: tenantId,
        value: JSON.stringify(event),
        headers: { 'x-event-type': event.type },
      })),
    );
    return events;
  }
}

function stamp(body: RoutingEventBody, tenantId: string, at: string): RoutingEventV1 {
  // The body's own type member decides which event this is; the envelope fields are common to all.
  return { ...body, schema: ROUTING_EVENT_V1, eventId: randomUUID(), tenantId, at };
}
