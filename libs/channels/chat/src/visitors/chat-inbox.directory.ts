// The chat inboxes a widget may open a session on, with the default queue their conversations go to.
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface ChatInbox {
  id: string;
  tenantId: string;
  name: string;
  /** The default queue's name, which the inbound record names. */
  queueName?: string;
}

@Injectable()
export class ChatInboxDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async byId(inboxId: string): Promise<ChatInbox | undefined> {
    const row = await this.prisma.inbox.findFirst({
      where: { id: inboxId, channel: 'chat' },
      select: { id: true, tenantId: true, name: true, defaultQueue: { select: { name: true } } },
    });
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      ...(row.defaultQueue ? { queueName: row.defaultQueue.name } : {}),
    };
  }
}
