// Which inbox an envelope recipient is: `support+tag@acme.test` is the email inbox `support@acme.test`,
// whatever the case. Unknown recipients are refused while the sender is still in RCPT TO.
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { splitSubAddress } from '../threading/thread-token.util';

export interface EmailInbox {
  id: string;
  tenantId: string;
  name: string;
  address: string;
  /** The default queue's name, which the inbound record names. */
  queueName?: string;
}

export interface ResolvedRecipient {
  inbox: EmailInbox;
  /** The `+tag` of the address, which may be a thread's reply token. */
  tag?: string;
}

@Injectable()
export class EmailInboxDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async resolve(recipient: string): Promise<ResolvedRecipient | undefined> {
    const { base, tag } = splitSubAddress(recipient);
    const row = await this.prisma.inbox.findFirst({
      where: { channel: 'email', address: { equals: base, mode: 'insensitive' } },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        tenantId: true,
        name: true,
        address: true,
        defaultQueue: { select: { name: true } },
      },
    });
    if (!row) return undefined;
    const inbox: EmailInbox = {
      id: row.id,
      tenantId: row.tenantId,
      name: row.name,
      address: row.address,
      ...(row.defaultQueue ? { queueName: row.defaultQueue.name } : {}),
    };
    return { inbox, ...(tag ? { tag } : {}) };
  }

  async byId(tenantId: string, inboxId: string): Promise<EmailInbox | undefined> {
    const row = await this.prisma.inbox.findFirst({
      where: { tenantId, id: inboxId, channel: 'email' },
      select: { id: true, tenantId: true, name: true, address: true },
    });
    return row ?? undefined;
  }

  /** The tenant's oldest email inbox: where replies come from when the conversation does not name one. */
  async firstOf(tenantId: string): Promise<EmailInbox | undefined> {
    const row = await this.prisma.inbox.findFirst({
      where: { tenantId, channel: 'email' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, tenantId: true, name: true, address: true },
    });
    return row ?? undefined;
  }
}
