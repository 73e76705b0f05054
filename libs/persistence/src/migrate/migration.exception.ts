// Migration failures carry a code so callers (CLI, boot, tests) can react without parsing messages.

export const MigrationErrorCode = {
  ChecksumMismatch: 'CHECKSUM_MISMATCH',
  FailedMigrationInDatabase: 'FAILED_MIGRATION_IN_DATABASE',
  MissingMigrationFile: 'MISSING_MIGRATION_FILE',
  ProviderMismatch: 'PROVIDER_MISMATCH',
  ApplyFailed: 'APPLY_FAILED',
  LockTimeout: 'LOCK_TIMEOUT',
} as const;

export type MigrationErrorCode = (typeof MigrationErrorCode)[keyof typeof MigrationErrorCode];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
