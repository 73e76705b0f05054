// Creates an inbox. Its address must be free on its channel across every tenant, so inbound input always
// resolves to one inbox; its secrets are sealed for this inbox's id before the row is written.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { normalizeInboxAddress, type CreateInboxBody } from '@switchboard/contracts';
import type { InboxSecrets } from '@switchboard/persistence';
import { v7 as uuidv7 } from 'uuid';
import { AuditTrail, changeOf } from '../audit/audit-trail.service';
import { assertOfTenant, refAt } from '../routing-config/shared/tenant-refs.util';
import { toDomainError } from '../shared/prisma-error.util';
import { auditRow } from './inbox-audit.util';
import { InboxSecretsStore } from './inbox-secrets.store';
import { toInboxView, type InboxView } from './inbox.view';

/** Database column -> API field for the constraints an inbox write may hit. */
export const INBOX_CONSTRAINT_FIELDS = {
  address: 'address',
  channel: 'address',
  default_queue_id: 'defaultQueueId',
};

@Injectable()
export class CreateInbox {
  constructor(
    private readonly audit: AuditTrail,
    private readonly secrets: InboxSecretsStore,
  ) {}

  async execute(principal: UserPrincipal, body: CreateInboxBody): Promise<InboxView> {
    const { tenantId } = principal;
    const id = uuidv7();
    const secrets: InboxSecrets = body.secrets ?? {};
    const secretsCiphertext = await this.secrets.seal(id, secrets);
    const inbox = await this.audit.write(principal, async (tx) => {
      await assertOfTenant(tx, tenantId, 'queue', refAt(body.defaultQueueId, 'defaultQueueId'));
      const created = await tx.inbox
        .create({
          data: {
            id,
            tenantId,
            channel: body.channel,
            name: body.name,
            address: normalizeInboxAddress(body.channel, body.address),
            defaultQueueId: body.defaultQueueId ?? null,
            active: body.active ?? true,
            secretsCiphertext,
            allowedOrigins: body.allowedOrigins ?? [],
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Inbox', INBOX_CONSTRAINT_FIELDS);
        });
      // The row's secrets column is redacted by the audit snapshot; the names say which were set.
      return { result: created, change: changeOf('inbox', 'created', null, auditRow(created, secrets)) };
    });
    return toInboxView(inbox, secrets);
  }
}
