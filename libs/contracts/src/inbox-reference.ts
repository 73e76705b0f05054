// Whether an inbound record may name an inbox: one of its own tenant, active, on the record's channel. The
// gateway answers the refusal over HTTP, the router dead-letters it; both speak the same code and issue.
import { DomainError, ErrorCode } from './domain-error';

export interface InboxFacts {
  channel: string;
  active: boolean;
}

/** The refusal for a record naming `inboxId`, given what the tenant's inbox of that id is (undefined: none). */
export function inboxRefusal(
  record: { channel: string; inboxId: string },
  inbox: InboxFacts | undefined,
): DomainError | undefined {
  const { inboxId, channel } = record;
  if (!inbox) {
    return new DomainError(ErrorCode.NotFound, `Inbox ${inboxId} does not exist for this tenant`, [
      { path: 'inboxId', message: 'no such inbox' },
    ]);
  }
  if (inbox.channel !== channel) {
    return new DomainError(
      ErrorCode.ValidationFailed,
      `Inbox ${inboxId} is a ${inbox.channel} inbox; the record's channel is ${channel}`,
      [{ path: 'inboxId', message: `is a ${inbox.channel} inbox, not ${channel}` }],
    );
  }
  if (!inbox.active) {
    return new DomainError(ErrorCode.Conflict, `Inbox ${inboxId} is inactive`, [
      { path: 'inboxId', message: 'inactive' },
    ]);
  }
  return undefined;
}
