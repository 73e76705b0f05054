// Domain errors for invalid commands. Transports map the code in one place; nothing here is retriable,
// because the same command against the same state would fail the same way.

export enum RoutingErrorCode {
  InvalidCommand = 'INVALID_COMMAND',
  UnknownAgent = 'UNKNOWN_AGENT',
  UnknownQueue = 'UNKNOWN_QUEUE',
  UnknownContact = 'UNKNOWN_CONTACT',
  DuplicateContact = 'DUPLICATE_CONTACT',
  TenantMismatch = 'TENANT_MISMATCH',
  OfferNotLive = 'OFFER_NOT_LIVE',
  OfferExpired = 'OFFER_EXPIRED',
  ContactNotAssigned = 'CONTACT_NOT_ASSIGNED',
  QueueInUse = 'QUEUE_IN_USE',
  AgentBusyWithWork = 'AGENT_HAS_WORK',
  /** A transfer named an agent who is not available, has no room, or lacks what the contact needs. */
  AgentUnavailable = 'AGENT_UNAVAILABLE',
}

export class RoutingError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: RoutingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

export function invalid(message: string): RoutingError {
  return new RoutingError(RoutingErrorCode.InvalidCommand, message);
}
