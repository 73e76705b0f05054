// Runs an admin write in one database transaction and records it in the audit trail in that same transaction,
// so an audit entry exists if and only if the change committed. Use-cases return what they changed next to
// their result; the type makes a write without an audit entry something a use-case has to say (null) on purpose.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { AuditAction, AuditEntityType } from '@switchboard/contracts';
import { InjectPrisma, Prisma, type PrismaClient } from '@switchboard/persistence';
import { snapshotPair } from './audit-snapshot.util';

/** The transaction an audited write runs in; checks and reads inside the write must use it too. */
export type AuditTx = Prisma.TransactionClient;

export interface AuditChange {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** The stored row before the change (null for a creation); secrets are redacted when recorded. */
  before: object | null;
  /** The stored row after the change (null for a deletion). */
  after: object | null;
}

export interface Audited<T> {
  result: T;
  /** null only when the write changed nothing (revoking a key twice): nothing happened, nothing is recorded. */
  change: AuditChange | null;
}

type Row = { id: string };

/**
 * On PGlite a transaction waits for the router's current chunk to finish (one connection, one transaction at a
 * time), and a chunk may take up to ROUTER_TX_TIMEOUT_MS (10 s by default); Prisma's 2 s default for starting a
 * transaction would turn that wait into a 500. Admin writes are a few statements, so the same bound serves both.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

/** What a write did to one entity; the id comes from the row itself, so it cannot name the wrong one. */
export function changeOf(
  entityType: AuditEntityType,
  action: AuditAction,
  before: Row | null,
  after: Row | null,
): AuditChange {
  const entityId = after?.id ?? before?.id;
  if (entityId === undefined) throw new Error(`An audited ${action} of ${entityType} needs a row`);
  return { action, entityType, entityId, before, after };
}

@Injectable()
export class AuditTrail {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async write<T>(principal: UserPrincipal, work: (tx: AuditTx) => Promise<Audited<T>>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const { result, change } = await work(tx);
      if (change) await tx.auditEntry.create({ data: entryOf(principal, change) });
      return result;
    }, TRANSACTION_OPTIONS);
  }
}

function entryOf(principal: UserPrincipal, change: AuditChange): Prisma.AuditEntryUncheckedCreateInput {
  const { before, after } = snapshotPair(change.before, change.after);
  return {
    tenantId: principal.tenantId,
    actorUserId: principal.userId,
    actorRole: principal.role,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: before ?? Prisma.DbNull,
    after: after ?? Prisma.DbNull,
  };
}
