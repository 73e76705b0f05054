// Stores a customer's answer to the CSAT survey: one per conversation, only for a conversation that was
// surveyed, and only from the customer it was sent to. A second answer is refused (CONFLICT), never stored twice.
// Once stored, the answer goes to the router, which announces it as `csat.received` (ADR 0025).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import {
  ChannelSchema,
  CSAT_ANSWER_V1,
  DomainError,
  ErrorCode,
  storable,
  type Channel,
  type CsatAnswerV1,
} from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { InjectPrisma, Prisma, type PrismaClient } from '@switchboard/persistence';
import { z } from 'zod';

/** Kept short: the survey asks for a comment "if you like", not an essay. */
export const CSAT_COMMENT_MAX = 2000;

export const CsatAnswerSchema = z.strictObject({
  conversationId: storable(z.string().min(1).max(100)),
  score: z.number().int().min(1).max(5),
  // Stored in PostgreSQL text: NUL and unpaired surrogates are refused here (a 4xx), not by the database.
  comment: storable(z.string().trim().max(CSAT_COMMENT_MAX)).optional(),
});
export type CsatAnswer = z.infer<typeof CsatAnswerSchema>;

/**
 * Who answers: a customer known by their address on the channel (the chat socket), or the holder of a signed
 * survey link (email), whose signature already names the tenant and conversation.
 */
export type CsatRespondent =
  { tenantId: string; channel: Channel; address: string } | { tenantId: string; signedLink: true };

export interface StoredCsat {
  conversationId: string;
  score: number;
  agentId: string | null;
}

@Injectable()
export class RecordCsatAnswer {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(respondent: CsatRespondent, answer: CsatAnswer): Promise<StoredCsat> {
    const conversation = await this.prisma.conversation.findFirst({
      where: {
        id: answer.conversationId,
        tenantId: respondent.tenantId,
        ...('address' in respondent
          ? {
              channel: respondent.channel,
              customer: {
                identities: { some: { channel: respondent.channel, address: respondent.address } },
              },
            }
          : {}),
        // Only a surveyed conversation takes an answer (the survey's key names it).
        messages: { some: { systemKind: 'csat-survey' } },
      },
      select: {
        id: true,
        queueId: true,
        channel: true,
        assignments: { orderBy: { assignedAt: 'desc' }, take: 1, select: { agentId: true } },
      },
    });
    // The same answer for a stranger's conversation and for an unknown one: nothing to learn from it.
    if (!conversation) throw new DomainError(ErrorCode.NotFound, 'No survey for this conversation');
    const agentId = conversation.assignments[0]?.agentId ?? null;
    const channel = ChannelSchema.parse(conversation.channel);
    const comment = answer.comment || null;
    let at: Date;
    try {
      ({ createdAt: at } = await this.prisma.csatResponse.create({
        data: {
          tenantId: respondent.tenantId,
          conversationId: conversation.id,
          agentId,
          score: answer.score,
          comment,
          channel,
        },
        select: { createdAt: true },
      }));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new DomainError(ErrorCode.Conflict, 'This conversation was already rated');
      throw error;
    }
    const record: CsatAnswerV1 = {
      schema: CSAT_ANSWER_V1,
      tenantId: respondent.tenantId,
      conversationId: conversation.id,
      queueId: conversation.queueId,
      channel,
      agentId,
      score: answer.score,
      comment,
      at: at.toISOString(),
    };
    // Stored first, announced second: a failed publish loses the announcement, never the answer (ADR 0025).
    await this.bus.publish(this.config.topics.agentCommands, [
      { key: record.tenantId, value: JSON.stringify(record) },
    ]);
    return { conversationId: conversation.id, score: answer.score, agentId };
  }
}
