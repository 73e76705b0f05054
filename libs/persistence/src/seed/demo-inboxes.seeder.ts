// The demo tenant's inboxes: one (at least) per channel, each with random secrets for its channel, sealed with
// the deployment's secret box. Secrets are set when an inbox is created; a re-run leaves existing ones alone.
import { randomBytes } from 'node:crypto';
import { INBOX_SECRET_NAMES, type InboxSecretName } from '@switchboard/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { PrismaClient } from '../generated/prisma/client';
import { DEMO_INBOXES, type DemoInbox } from './demo-routing.data';

export type InboxSecrets = Partial<Record<InboxSecretName, string>>;

/** One demo inbox as a newcomer needs it: where to send, and with which secrets. */
export interface DemoInboxCredentials {
  readonly id: string;
  readonly channel: DemoInbox['channel'];
  readonly name: string;
  readonly address: string;
  readonly secrets: InboxSecrets;
}

export interface DemoInboxSeedOptions {
  /** A SecretBox or the process's SecretVault. */
  readonly sealer: { seal(plaintext: string, context: string): string | Promise<string> };
  readonly credentials: readonly DemoInboxCredentials[];
}

/** Fresh ids and random secrets (192 bits each, base64url) for every demo inbox. */
export function randomDemoInboxCredentials(): DemoInboxCredentials[] {
  return DEMO_INBOXES.map((inbox) => ({
    id: uuidv7(),
    channel: inbox.channel,
    name: inbox.name,
    address: inbox.address,
    secrets: Object.fromEntries(
      INBOX_SECRET_NAMES[inbox.channel].map((name) => [name, randomBytes(24).toString('base64url')]),
    ),
  }));
}

/** The sealing context of an inbox's secrets: a ciphertext only opens on the row it was sealed for. */
export function inboxSecretsContext(inboxId: string): string {
  return `inbox:${inboxId}`;
}

export async function seedInboxes(
  prisma: PrismaClient,
  tenantId: string,
  queueIds: ReadonlyMap<string, string>,
  options: DemoInboxSeedOptions | undefined,
): Promise<DemoInboxCredentials[]> {
  // Only inboxes created now are listed: existing ones keep their secrets, which nobody can read back.
  const created: DemoInboxCredentials[] = [];
  for (const inbox of DEMO_INBOXES) {
    const profile = { name: inbox.name, defaultQueueId: queueIds.get(inbox.defaultQueue) ?? null };
    const given = options?.credentials.find(
      (c) => c.channel === inbox.channel && c.address === inbox.address,
    );
    const id = given?.id ?? uuidv7();
    const secrets =
      options && given && Object.keys(given.secrets).length > 0
        ? {
            secretsCiphertext: await options.sealer.seal(
              JSON.stringify(given.secrets),
              inboxSecretsContext(id),
            ),
          }
        : {};
    const row = await prisma.inbox.upsert({
      where: { channel_address: { channel: inbox.channel, address: inbox.address } },
      create: { id, tenantId, channel: inbox.channel, address: inbox.address, ...profile, ...secrets },
      update: profile,
    });
    if (row.id !== id) continue;
    const { channel, name, address } = inbox;
    created.push({
      id,
      channel,
      name,
      address,
      secrets: given && secrets.secretsCiphertext ? given.secrets : {},
    });
  }
  return created;
}
