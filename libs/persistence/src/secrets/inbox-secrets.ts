// An inbox's secrets, opened: what a connector needs to call its platform or verify the platform's calls.
import { inboxSecretsContext, type InboxSecrets } from '../seed/demo-inboxes.seeder';
import type { SecretVault } from './secret-vault';

export async function openInboxSecrets(
  vault: SecretVault,
  inbox: { id: string; secretsCiphertext: string | null },
): Promise<InboxSecrets> {
  if (!inbox.secretsCiphertext) return {};
  return JSON.parse(await vault.open(inbox.secretsCiphertext, inboxSecretsContext(inbox.id))) as InboxSecrets;
}
