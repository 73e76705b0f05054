// Stores a customer's answer to the CSAT survey: one per conversation, only for a conversation that was
// surveyed, and only from the customer it was sent to. A second answer is refused (CONFLICT), never stored twice.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Channel } from '@switchboard/contracts';
import { InjectPrisma, Prisma, type PrismaClient } from '@switchboard/persistence';
import { z } from 'zod';

/** Kept short: the survey asks for a comment "if you like", not an essay. */
export const CSAT_COMMENT_MAX = 2000;

export const CsatAnswerSchema = z.strictObject({
  conversationId: z.string().min(1).max(100),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(CSAT_COMMENT_MAX).optional(),
});
export type CsatAnswer = z.infer<typeof CsatAnswerSchema>;

/** Who answers: the customer's address on the channel the survey went out on. */
export interface CsatRespondent {
  tenantId: string;
  channel: Channel;
  address: string;
}

export interface StoredCsat {
  conversationId: string;
  score: number;
  agentId: string | null;
}

@Injectable()
export class RecordCsatAnswer {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(respondent: CsatRespondent, answer: CsatAnswer): Promise<StoredCsat> {
    const conversation = await this.prisma.conversation.findFirst({
      where: {
        id: answer.conversationId,
        tenantId: respondent.tenantId,
        channel: respondent.channel,
        customer: { identities: { some: { channel: respondent.channel, address: respondent.address } } },
        // Only a surveyed conversation takes an answer (the survey's key names it).
        messages: { some: { systemKind: 'csat-survey' } },
      },
      select: {
        id: true,
        assignments: { orderBy: { assignedAt: 'desc' }, take: 1, select: { agentId: true } },
      },
    });
    // The same answer for a stranger's conversation and for an unknown one: nothing to learn from it.
    if (!conversation) throw new DomainError(ErrorCode.NotFound, 'No survey for this conversation');
    const agentId = conversation.assignments[0]?.agentId ?? null;
    try {
      await this.prisma.csatResponse.create({
        data: {
          tenantId: respondent.tenantId,
          conversationId: conversation.id,
          agentId,
          score: answer.score,
          comment: answer.comment || null,
          channel: respondent.channel,
        },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new DomainError(ErrorCode.Conflict, 'This conversation was already rated');
      throw error;
    }
    return { conversationId: conversation.id, score: answer.score, agentId };
  }
}
