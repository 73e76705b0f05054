// The chat inboxes a widget may open a session on, with the default queue their conversations go to and the
// sites allowed to embed them.
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface ChatInbox {
  id: string;
  tenantId: string;
  name: string;
  /** The default queue's name, which the inbound record names. */
  queueName?: string;
  /** The sites that may embed this inbox's widget; empty means the server-wide CHAT_ORIGINS. */
  allowedOrigins: string[];
}

@Injectable()
export class ChatInboxDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async byId(inboxId: string): Promise<ChatInbox | undefined> {
    const row = await this.prisma.inbox.findFirst({
      where: { id: inboxId, channel: 'chat' },
      select: {
        id: true,
        tenantId: true,
        name: true,
        allowedOrigins: true,
        defaultQueue: { select: { name: true } },
      },
    });
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      allowedOrigins: row.allowedOrigins,
      ...(row.defaultQueue ? { queueName: row.defaultQueue.name } : {}),
    };
  }
}
