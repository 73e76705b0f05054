// Deletes an inbox. Its conversations stay, no longer linked to it; its address becomes free again.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../audit/audit-trail.service';
import { notFound } from '../routing-config/shared/tenant-refs.util';
import { toDomainError } from '../shared/prisma-error.util';
import { INBOX_CONSTRAINT_FIELDS } from './create-inbox.usecase';
import { auditRow } from './inbox-audit.util';

@Injectable()
export class DeleteInbox {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    await this.audit.write(principal, async (tx) => {
      const inbox = await tx.inbox.findFirst({ where: { id, tenantId } });
      if (!inbox) throw notFound('Inbox', id);
      await tx.inbox.delete({ where: { id, tenantId } }).catch((error: unknown) => {
        throw toDomainError(error, 'Inbox', INBOX_CONSTRAINT_FIELDS);
      });
      return { result: undefined, change: changeOf('inbox', 'deleted', auditRow(inbox, null), null) };
    });
  }
}
