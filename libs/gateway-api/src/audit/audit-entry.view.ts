// How an audit entry looks over the API. Snapshots were redacted when recorded, so they are returned as stored.
import type { AuditAction, AuditEntityType } from '@switchboard/contracts';
import type { AuditEntry, Prisma } from '@switchboard/persistence';

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { userId: string; role: AuditEntry['actorRole'] };
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
}

export function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: { userId: entry.actorUserId, role: entry.actorRole },
    // Written only through AuditTrail, from the contract's enums.
    action: entry.action as AuditAction,
    entityType: entry.entityType as AuditEntityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
  };
}
