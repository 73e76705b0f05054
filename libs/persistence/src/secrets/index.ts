// Sealed secrets: the AES-256-GCM box and where its key comes from.
export {
  generateSecretsKey,
  parseSecretsKey,
  SECRETS_KEY_BYTES,
  SecretBox,
  SecretBoxError,
} from './secret-box';
export type { SecretSealer } from './secret-box';
export { openSecretBox, SECRETS_KEY_FILE_NAME, secretsKeyPath } from './secrets-key.file';
export type { SecretsKeyDatabase } from './secrets-key.file';
export { SecretsUnavailableError, SecretVault } from './secret-vault';
export { openInboxSecrets } from './inbox-secrets';
