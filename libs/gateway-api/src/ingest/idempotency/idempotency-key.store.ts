// Idempotency-Key records in the database, so a retry finds the first answer whichever gateway it reaches and
// after a restart. The first request claims the key with one atomic statement (the primary key decides a
// race), answers, then stores the answer; an expired key is taken over by the same statement, and so is a
// claim left unanswered by a gateway that died mid-request (the channel message id makes that rerun safe).
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: Prisma.JsonValue }
  | { kind: 'different-body' }
  | { kind: 'in-flight' };

/** A claim still unanswered after this long is taken to be abandoned; a request takes well under a second. */
export const ABANDONED_CLAIM_SECONDS = 60;

@Injectable()
export class IdempotencyKeyStore {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async claim(tenantId: string, key: string, bodyHash: string, ttlMs: number): Promise<Claim> {
    const expiresAt = new Date(Date.now() + ttlMs);
    const claimed = await this.prisma.$executeRaw`
      INSERT INTO idempotency_keys (tenant_id, key, body_hash, expires_at)
      VALUES (${tenantId}, ${key}, ${bodyHash}, ${expiresAt})
      ON CONFLICT (tenant_id, key) DO UPDATE
        SET body_hash = EXCLUDED.body_hash, status = NULL, response = NULL, created_at = now(),
            expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at <= now()
           OR (idempotency_keys.status IS NULL
               AND idempotency_keys.created_at < now() - make_interval(secs => ${ABANDONED_CLAIM_SECONDS}))`;
    if (claimed === 1) return { kind: 'claimed' };
    const row = await this.prisma.idempotencyKey.findUnique({ where: { tenantId_key: { tenantId, key } } });
    // Gone between the two statements (released after a failure, or swept): the caller may simply retry.
    if (!row) return { kind: 'in-flight' };
    if (row.bodyHash !== bodyHash) return { kind: 'different-body' };
    if (row.status === null) return { kind: 'in-flight' };
    return { kind: 'replay', status: row.status, body: row.response };
  }

  async complete(tenantId: string, key: string, status: number, body: Prisma.InputJsonValue): Promise<void> {
    await this.prisma.idempotencyKey.updateMany({
      where: { tenantId, key, status: null },
      data: { status, response: body },
    });
  }

  /** Frees a key whose request failed, so a retry runs again rather than replaying a failure. */
  async release(tenantId: string, key: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { tenantId, key, status: null } });
  }

  /** Deletes expired keys; returns how many. */
  async sweep(): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM idempotency_keys WHERE expires_at <= now()`;
  }
}
