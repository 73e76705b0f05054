// One inbox of the caller's tenant; another tenant's id is simply not found.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../routing-config/shared/tenant-refs.util';
import { InboxSecretsStore } from './inbox-secrets.store';
import { toInboxView, type InboxView } from './inbox.view';

@Injectable()
export class GetInbox {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly secrets: InboxSecretsStore,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<InboxView> {
    const inbox = await this.prisma.inbox.findFirst({ where: { id, tenantId: principal.tenantId } });
    if (!inbox) throw notFound('Inbox', id);
    return toInboxView(inbox, await this.secrets.open(inbox.id, inbox.secretsCiphertext));
  }
}
