// POST /v1/contacts with an Idempotency-Key: the first request with a key is accepted and its answer kept;
// a retry with the same body gets that answer again, one with another body a 409, and one that arrives while
// the first is still being answered a 409 with Retry-After. Keys are per tenant and kept IDEMPOTENCY_TTL_HOURS.
import { Inject, Injectable } from '@nestjs/common';
import type { IntegratorPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { DomainError, ErrorCode, type InboundContactBody } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';
import { AcceptInbound, type AcceptedInbound } from '../accept-inbound.usecase';
import { bodyHash } from './body-hash.util';
import { IdempotencyKeyStore } from './idempotency-key.store';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Printable ASCII, 1 to 255 characters: a UUID, a ULID or an integrator's own request id all fit. */
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;
const ACCEPTED = 202;

export interface IngestAnswer {
  body: AcceptedInbound;
  /** True when this is the kept answer to an earlier request with the same key. */
  replayed: boolean;
}

@Injectable()
export class IdempotentIngest {
  constructor(
    private readonly accept: AcceptInbound,
    private readonly keys: IdempotencyKeyStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    principal: IntegratorPrincipal,
    key: string | undefined,
    body: InboundContactBody,
  ): Promise<IngestAnswer> {
    if (key === undefined) return { body: await this.accept.execute(principal, body), replayed: false };
    assertKey(key);
    const { tenantId } = principal;
    const claim = await this.keys.claim(tenantId, key, bodyHash(body), this.config.idempotencyTtlMs);
    switch (claim.kind) {
      case 'replay':
        return { body: claim.body as unknown as AcceptedInbound, replayed: true };
      case 'different-body':
        throw keyConflict('was already used with a different body; use a new key for a new request');
      case 'in-flight':
        throw keyConflict('is being answered for an earlier request; retry shortly', 1000);
      case 'claimed':
        break;
    }
    let accepted: AcceptedInbound;
    try {
      accepted = await this.accept.execute(principal, body);
    } catch (error) {
      await this.keys.release(tenantId, key);
      throw error;
    }
    await this.keys.complete(tenantId, key, ACCEPTED, accepted as unknown as Prisma.InputJsonObject);
    return { body: accepted, replayed: false };
  }
}

function assertKey(key: string): void {
  if (KEY_PATTERN.test(key)) return;
  throw new DomainError(ErrorCode.ValidationFailed, `Invalid ${IDEMPOTENCY_KEY_HEADER} header`, [
    { path: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 printable ASCII characters without spaces' },
  ]);
}

function keyConflict(message: string, retryAfterMs?: number): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `This ${IDEMPOTENCY_KEY_HEADER} ${message}`,
    [{ path: IDEMPOTENCY_KEY_HEADER, message }],
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );
}
