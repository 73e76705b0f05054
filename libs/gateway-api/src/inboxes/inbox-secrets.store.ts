// An inbox's secrets as the admin API handles them: sealed into one column on write, opened only to show
// which are set and a short hint. Refuses to store secrets when the deployment has no key (PostgreSQL without
// SECRETS_KEY) rather than keep them in clear.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type InboxSecretName } from '@switchboard/contracts';
import { inboxSecretsContext, SecretVault, type InboxSecrets } from '@switchboard/persistence';

/** A patch: a value sets a secret, null removes it, an absent name keeps it. */
export type InboxSecretsPatch = Partial<Record<InboxSecretName, string | null>>;

@Injectable()
export class InboxSecretsStore {
  constructor(private readonly vault: SecretVault) {}

  /** The sealed column value for `secrets`, or null when there are none. */
  async seal(inboxId: string, secrets: InboxSecrets): Promise<string | null> {
    if (Object.keys(secrets).length === 0) return null;
    if (!(await this.vault.available())) {
      throw new DomainError(
        ErrorCode.Unavailable,
        'Inbox secrets cannot be stored: this deployment has no SECRETS_KEY. Set it (32 bytes, base64) on every process.',
        [{ path: 'secrets', message: 'no SECRETS_KEY configured' }],
      );
    }
    return this.vault.seal(JSON.stringify(secrets), inboxSecretsContext(inboxId));
  }

  /** The stored secrets, or null when they cannot be opened here (no key, another key). */
  async open(inboxId: string, sealed: string | null): Promise<InboxSecrets | null> {
    if (sealed === null) return {};
    try {
      return JSON.parse(await this.vault.open(sealed, inboxSecretsContext(inboxId))) as InboxSecrets;
    } catch {
      return null;
    }
  }

  /** Applies a patch to the stored secrets; refuses when the stored ones cannot be opened to merge with. */
  async patch(inboxId: string, sealed: string | null, patch: InboxSecretsPatch): Promise<string | null> {
    const current = await this.open(inboxId, sealed);
    if (current === null) {
      throw new DomainError(
        ErrorCode.Unavailable,
        "The inbox's stored secrets cannot be opened with this deployment's SECRETS_KEY",
        [{ path: 'secrets', message: 'stored secrets cannot be opened' }],
      );
    }
    const next: InboxSecrets = { ...current };
    for (const [name, value] of Object.entries(patch) as Array<[InboxSecretName, string | null]>) {
      if (value === null) delete next[name];
      else next[name] = value;
    }
    return this.seal(inboxId, next);
  }
}
