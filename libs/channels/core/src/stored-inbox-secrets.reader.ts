// The inbox store behind the senders: the conversation's inbox (or the tenant's oldest active inbox of the
// channel when the conversation records none), its sealed secrets opened with the process's SecretVault.
import { Inject, Injectable } from '@nestjs/common';
import { openInboxSecrets, PRISMA_CLIENT, SecretVault, type PrismaClient } from '@switchboard/persistence';
import type { InboxCredentials, InboxRef, InboxSecretsReader } from './inbox-secrets.port';

@Injectable()
export class StoredInboxSecretsReader implements InboxSecretsReader {
  constructor(
    @Inject(PRISMA_CLIENT) private readonly prisma: PrismaClient,
    private readonly vault: SecretVault,
  ) {}

  async read(ref: InboxRef): Promise<InboxCredentials | undefined> {
    const inbox = await this.prisma.inbox.findFirst({
      where: {
        tenantId: ref.tenantId,
        channel: ref.channel,
        active: true,
        ...(ref.inboxId ? { id: ref.inboxId } : {}),
      },
      orderBy: { createdAt: 'asc' },
    });
    if (!inbox) return undefined;
    const secrets = await openInboxSecrets(this.vault, inbox);
    if (!secrets.accessToken) return undefined;
    return { inboxId: inbox.id, accountId: inbox.address, accessToken: secrets.accessToken };
  }
}
