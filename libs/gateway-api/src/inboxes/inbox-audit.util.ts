// What the audit trail keeps of an inbox: the row (its sealed column is redacted by the snapshot, as its name
// says secret) plus the names of the secrets it holds, never their values.
import type { InboxSecrets } from '@switchboard/persistence';

/** The audited form of an inbox: its sealed column redacted, with the names (never values) of its secrets. */
export function auditRow<T extends { id: string }>(
  row: T,
  secrets: InboxSecrets | null,
): T & { credentialNames: string[] | null } {
  return { ...row, credentialNames: secrets === null ? null : Object.keys(secrets).sort() };
}
