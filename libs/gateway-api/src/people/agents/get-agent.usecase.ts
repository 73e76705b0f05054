// One agent with their current load per channel class, counted from live offers and open assignments.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  ChannelSchema,
  channelClassOf,
  DomainError,
  ErrorCode,
  type ChannelClass,
} from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toAgentView, type AgentDetailView, type ChannelLoad } from './agent.view';

@Injectable()
export class GetAgent {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<AgentDetailView> {
    const { tenantId } = principal;
    const agent = await this.prisma.agent.findFirst({ where: { id, tenantId } });
    if (!agent) throw new DomainError(ErrorCode.NotFound, `Agent ${id} not found`);
    const [offers, assignments] = await Promise.all([
      this.prisma.offer.findMany({
        where: { tenantId, agentId: id, status: 'pending' },
        select: { conversation: { select: { channel: true } } },
      }),
      this.prisma.assignment.findMany({
        where: { tenantId, agentId: id, endedAt: null },
        select: { conversation: { select: { channel: true } } },
      }),
    ]);
    const load = emptyLoad();
    for (const offer of offers) countInto(load, offer.conversation.channel, 'pendingOffers');
    for (const assignment of assignments) countInto(load, assignment.conversation.channel, 'openAssignments');
    return { ...toAgentView(agent), load };
  }
}

function emptyLoad(): Record<ChannelClass, ChannelLoad> {
  const zero = (): ChannelLoad => ({ pendingOffers: 0, openAssignments: 0 });
  return { chat: zero(), email: zero(), social: zero(), voice: zero() };
}

function countInto(load: Record<ChannelClass, ChannelLoad>, channel: string, kind: keyof ChannelLoad): void {
  // Conversation.channel is free text in the database; anything unknown is not a capacity class.
  const parsed = ChannelSchema.safeParse(channel);
  if (parsed.success) load[channelClassOf(parsed.data)][kind] += 1;
}
