// Resolves an integrator's API key to its tenant. Revoked, unknown and malformed keys all fail the same way.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, parseApiKey, verifyApiKey, type PrismaClient } from '@switchboard/persistence';
import type { IntegratorPrincipal } from './principal';

const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async authenticate(key: string | null): Promise<IntegratorPrincipal> {
    const prefix = key ? parseApiKey(key)?.prefix : null;
    if (!key || !prefix) throw invalidKey();
    const row = await this.prisma.apiKey.findUnique({ where: { prefix } });
    if (!row || row.revokedAt || !verifyApiKey(key, row.secretHash)) throw invalidKey();
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Coarse on purpose: a write per request would make the key table the ingest bottleneck.
      await this.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    return { kind: 'integrator', apiKeyId: row.id, tenantId: row.tenantId, channels: row.channels };
  }
}

function invalidKey(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, 'A valid API key is required (X-Api-Key header)');
}
