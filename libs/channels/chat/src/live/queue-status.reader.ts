// A waiting visitor's queue position and estimated wait, read from the database (so every gateway agrees,
// whichever saw which events). Position: the conversations of the same queue still waiting (queued or offered)
// that are ahead (higher priority, or same priority and older), plus one. Estimated wait: the position times
// the average time-to-assign of the queue's last 20 assignments in the past hour, or CHAT_DEFAULT_WAIT_SECONDS
// per position when there are none.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface QueueStatus {
  conversationId: string;
  position: number;
  estimatedWaitSeconds: number;
}

export interface ConversationSnapshot {
  conversationId: string;
  status: 'queued' | 'offered' | 'assigned' | 'resolved';
  agentId: string | null;
  agentDisplayName: string | null;
}

const RECENT_ASSIGNMENTS = 20;
const RECENT_WINDOW_MS = 60 * 60 * 1000;

@Injectable()
export class QueueStatusReader {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async statusOf(
    tenantId: string,
    conversationId: string,
    now = new Date(),
  ): Promise<QueueStatus | undefined> {
    const mine = await this.prisma.conversation.findFirst({
      where: { tenantId, id: conversationId, status: { in: ['queued', 'offered'] } },
      select: { queueId: true, priority: true, createdAt: true },
    });
    if (!mine) return undefined;
    const ahead = await this.prisma.conversation.count({
      where: {
        tenantId,
        queueId: mine.queueId,
        status: { in: ['queued', 'offered'] },
        id: { not: conversationId },
        OR: [
          { priority: { gt: mine.priority } },
          { priority: mine.priority, createdAt: { lte: mine.createdAt } },
        ],
      },
    });
    const position = ahead + 1;
    const perPosition =
      (await this.averageSecondsToAssign(tenantId, mine.queueId, now)) ?? this.config.chat.defaultWaitSeconds;
    return { conversationId, position, estimatedWaitSeconds: Math.round(position * perPosition) };
  }

  /** The visitor's open conversation (the latest one on their thread that is not resolved), with its agent. */
  async openConversationOf(tenantId: string, visitorId: string): Promise<ConversationSnapshot | undefined> {
    const row = await this.prisma.conversation.findFirst({
      where: { tenantId, channel: 'chat', threadKey: visitorId, status: { not: 'resolved' } },
      orderBy: { createdAt: 'desc' },
      select: {
        id: true,
        status: true,
        assignments: {
          where: { endedAt: null },
          take: 1,
          select: { agentId: true, agent: { select: { displayName: true } } },
        },
      },
    });
    if (!row) return undefined;
    const assignment = row.assignments[0];
    return {
      conversationId: row.id,
      status: row.status,
      agentId: assignment?.agentId ?? null,
      agentDisplayName: assignment?.agent.displayName ?? null,
    };
  }

  async agentDisplayName(tenantId: string, agentId: string): Promise<string | null> {
    const agent = await this.prisma.agent.findFirst({
      where: { tenantId, id: agentId },
      select: { displayName: true },
    });
    return agent?.displayName ?? null;
  }

  private async averageSecondsToAssign(
    tenantId: string,
    queueId: string | null,
    now: Date,
  ): Promise<number | undefined> {
    const recent = await this.prisma.assignment.findMany({
      where: {
        tenantId,
        assignedAt: { gte: new Date(now.getTime() - RECENT_WINDOW_MS) },
        conversation: { queueId },
      },
      orderBy: { assignedAt: 'desc' },
      take: RECENT_ASSIGNMENTS,
      select: { assignedAt: true, conversation: { select: { createdAt: true } } },
    });
    if (recent.length === 0) return undefined;
    const total = recent.reduce(
      (sum, a) => sum + (a.assignedAt.getTime() - a.conversation.createdAt.getTime()),
      0,
    );
    return Math.max(1, total / recent.length / 1000);
  }
}
