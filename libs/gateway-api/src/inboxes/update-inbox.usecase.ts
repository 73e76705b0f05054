// Changes an inbox. Its channel is fixed, so a new address is checked against it; secrets are patched one
// name at a time (a value sets, null removes) and sealed again for this inbox.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  ChannelSchema,
  DomainError,
  ErrorCode,
  inboxAddressIssue,
  inboxOriginsIssues,
  inboxSecretIssues,
  normalizeInboxAddress,
  type Channel,
  type FieldIssue,
  type UpdateInboxBody,
} from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../audit/audit-trail.service';
import { assertOfTenant, notFound, refAt } from '../routing-config/shared/tenant-refs.util';
import { toDomainError } from '../shared/prisma-error.util';
import { INBOX_CONSTRAINT_FIELDS } from './create-inbox.usecase';
import { auditRow } from './inbox-audit.util';
import { InboxSecretsStore } from './inbox-secrets.store';
import { toInboxView, type InboxView } from './inbox.view';

@Injectable()
export class UpdateInbox {
  constructor(
    private readonly audit: AuditTrail,
    private readonly secrets: InboxSecretsStore,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateInboxBody): Promise<InboxView> {
    const { tenantId } = principal;
    const { inbox, secrets } = await this.audit.write(principal, async (tx) => {
      const current = await tx.inbox.findFirst({ where: { id, tenantId } });
      if (!current) throw notFound('Inbox', id);
      const channel = ChannelSchema.parse(current.channel);
      assertFitsChannel(channel, body);
      await assertOfTenant(tx, tenantId, 'queue', refAt(body.defaultQueueId, 'defaultQueueId'));
      const secretsCiphertext =
        body.secrets === undefined
          ? current.secretsCiphertext
          : await this.secrets.patch(id, current.secretsCiphertext, body.secrets);
      const updated = await tx.inbox
        .update({
          where: { id, tenantId },
          data: {
            name: body.name,
            address: body.address === undefined ? undefined : normalizeInboxAddress(channel, body.address),
            defaultQueueId: body.defaultQueueId,
            active: body.active,
            secretsCiphertext,
            allowedOrigins: body.allowedOrigins,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Inbox', INBOX_CONSTRAINT_FIELDS);
        });
      const [before, after] = await Promise.all([
        this.secrets.open(id, current.secretsCiphertext),
        this.secrets.open(id, updated.secretsCiphertext),
      ]);
      return {
        result: { inbox: updated, secrets: after },
        change: changeOf('inbox', 'updated', auditRow(current, before), auditRow(updated, after)),
      };
    });
    return toInboxView(inbox, secrets);
  }
}

/** The address and secret names must suit the inbox's channel, which the body cannot change. */
function assertFitsChannel(channel: Channel, body: UpdateInboxBody): void {
  const issues: FieldIssue[] = [];
  const addressIssue = body.address === undefined ? undefined : inboxAddressIssue(channel, body.address);
  if (addressIssue) issues.push({ path: 'address', message: addressIssue });
  issues.push(...inboxSecretIssues(channel, Object.keys(body.secrets ?? {})));
  issues.push(...inboxOriginsIssues(channel, body.allowedOrigins));
  if (issues.length > 0) {
    throw new DomainError(ErrorCode.ValidationFailed, `Invalid for a ${channel} inbox`, issues);
  }
}
