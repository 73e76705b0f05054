// Reads what a reconnecting visitor missed from the per-tenant routing event log (ADR 0008): the replies,
// assignments and resolutions of their chat conversations after the seq their widget last saw, in seq order.
import { Injectable } from '@nestjs/common';
import { RoutingEventV1Schema, parseWith } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import type { Visitor } from '../visitors/visitor-token.service';
import { QueueStatusReader } from './queue-status.reader';
import {
  assignedPush,
  REPLAYED_EVENT_TYPES,
  replyPush,
  resolvedPush,
  type VisitorPush,
} from './visitor-push.util';

/** A visitor's conversations looked at: their latest ones, which is all a widget shows. */
const RECENT_CONVERSATIONS = 10;
const PAGE = 200;
/** Bounds a replay to a visitor gone for very long; the widget shows the current state from `ready` anyway. */
const MAX_REPLAYED = 1_000;

@Injectable()
export class VisitorReplayReader {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly reader: QueueStatusReader,
  ) {}

  /** The tenant's highest committed seq: the cursor of a visitor who has none yet. */
  async highWater(tenantId: string): Promise<number> {
    const last = await this.prisma.routingEvent.findFirst({
      where: { tenantId },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    return last ? Number(last.seq) : 0;
  }

  /** The pushes the visitor missed after `afterSeq`, oldest first. */
  async missedSince(visitor: Visitor, afterSeq: number): Promise<VisitorPush[]> {
    const conversations = await this.prisma.conversation.findMany({
      where: { tenantId: visitor.tenantId, channel: 'chat', threadKey: visitor.visitorId },
      orderBy: { createdAt: 'desc' },
      take: RECENT_CONVERSATIONS,
      select: { id: true },
    });
    if (conversations.length === 0) return [];
    const pushes: VisitorPush[] = [];
    let cursor = BigInt(afterSeq);
    while (pushes.length < MAX_REPLAYED) {
      const rows = await this.prisma.routingEvent.findMany({
        where: {
          tenantId: visitor.tenantId,
          seq: { gt: cursor },
          type: { in: [...REPLAYED_EVENT_TYPES] },
          OR: conversations.map(({ id }) => ({ payload: { path: ['conversationId'], equals: id } })),
        },
        orderBy: { seq: 'asc' },
        take: PAGE,
        select: { seq: true, payload: true },
      });
      for (const row of rows) {
        const push = await this.pushOf(visitor, row.payload);
        if (push) pushes.push(push);
      }
      if (rows.length < PAGE) break;
      cursor = rows[rows.length - 1].seq;
    }
    return pushes.slice(0, MAX_REPLAYED);
  }

  private async pushOf(visitor: Visitor, payload: unknown): Promise<VisitorPush | undefined> {
    const parsed = parseWith(RoutingEventV1Schema, payload);
    if (!parsed.ok) return undefined;
    const event = parsed.value;
    if (event.type === 'reply.created')
      return event.channel === 'chat' && event.to.address === visitor.visitorId
        ? replyPush(event)
        : undefined;
    if (event.type === 'assignment.created')
      return assignedPush(event, await this.reader.agentDisplayName(event.tenantId, event.agentId));
    if (event.type === 'conversation.resolved') return resolvedPush(event);
    return undefined;
  }
}
