// The inbox store behind the webhook endpoints: the inbox by the id in its URL (any tenant: the URL carries
// no other credential, the signature does), its default queue's name, and its sealed secrets opened with the
// process's SecretVault. An inactive inbox is unknown, so a disabled channel stops taking deliveries.
import { Inject, Injectable } from '@nestjs/common';
import { ChannelSchema } from '@switchboard/contracts';
import { openInboxSecrets, PRISMA_CLIENT, SecretVault, type PrismaClient } from '@switchboard/persistence';
import type { WebhookInbox, WebhookSecretsReader } from './webhook-secrets.port';

@Injectable()
export class StoredWebhookSecretsReader implements WebhookSecretsReader {
  constructor(
    @Inject(PRISMA_CLIENT) private readonly prisma: PrismaClient,
    private readonly vault: SecretVault,
  ) {}

  async read(inboxId: string): Promise<WebhookInbox | undefined> {
    const inbox = await this.prisma.inbox.findUnique({
      where: { id: inboxId },
      include: { defaultQueue: { select: { name: true } } },
    });
    const channel = ChannelSchema.safeParse(inbox?.channel);
    if (!inbox || !inbox.active || !channel.success) return undefined;
    const secrets = await openInboxSecrets(this.vault, inbox);
    return {
      inboxId: inbox.id,
      tenantId: inbox.tenantId,
      channel: channel.data,
      address: inbox.address,
      ...(inbox.defaultQueue ? { defaultQueueName: inbox.defaultQueue.name } : {}),
      ...(secrets.appSecret ? { appSecret: secrets.appSecret } : {}),
      ...(secrets.verifyToken ? { verifyToken: secrets.verifyToken } : {}),
      ...(secrets.consumerSecret ? { consumerSecret: secrets.consumerSecret } : {}),
      ...(secrets.accessToken ? { accessToken: secrets.accessToken } : {}),
    };
  }
}
