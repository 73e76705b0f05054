// The one secret box of a process, opened on first use (the embedded default may have to create its key file).
// Connectors open an inbox's secrets through it; admin use-cases seal them.
import { SecretBoxError, type SecretBox } from './secret-box';
import { openSecretBox, type SecretsKeyDatabase } from './secrets-key.file';

export class SecretsUnavailableError extends SecretBoxError {
  constructor() {
    super('Secrets cannot be stored or read: set SECRETS_KEY (32 bytes, base64) on every process');
    this.name = 'SecretsUnavailableError';
  }
}

export class SecretVault {
  private opened?: Promise<SecretBox | null>;

  constructor(
    private readonly configuredKey: string | undefined,
    private readonly database: SecretsKeyDatabase,
  ) {}

  /** Whether this deployment has a key (PostgreSQL without SECRETS_KEY has none). */
  async available(): Promise<boolean> {
    return (await this.box()) !== null;
  }

  async seal(plaintext: string, context: string): Promise<string> {
    return (await this.required()).seal(plaintext, context);
  }

  async open(sealed: string, context: string): Promise<string> {
    return (await this.required()).open(sealed, context);
  }

  private box(): Promise<SecretBox | null> {
    this.opened ??= openSecretBox(this.configuredKey, this.database);
    return this.opened;
  }

  private async required(): Promise<SecretBox> {
    const box = await this.box();
    if (!box) throw new SecretsUnavailableError();
    return box;
  }
}
