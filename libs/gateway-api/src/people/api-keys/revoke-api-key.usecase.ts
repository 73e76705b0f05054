// Revokes a key: it stays listed for audit, and the next request made with it is refused.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

@Injectable()
export class RevokeApiKey {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string, now = new Date()): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    // Revoking twice is harmless and keeps the first revocation time.
    const { count } = await this.prisma.apiKey.updateMany({
      where: { ...where, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0 && (await this.prisma.apiKey.count({ where })) === 0) {
      throw new DomainError(ErrorCode.NotFound, `API key ${id} not found`);
    }
  }
}
