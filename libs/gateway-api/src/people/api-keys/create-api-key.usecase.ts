// Issues an integrator key for the caller's tenant. Only its prefix and hash are stored.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateApiKeyBody } from '@switchboard/contracts';
import { generateApiKey, InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { toApiKeyView, type CreatedApiKeyView } from './api-key.view';

@Injectable()
export class CreateApiKey {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, body: CreateApiKeyBody): Promise<CreatedApiKeyView> {
    const generated = generateApiKey();
    const row = await this.prisma.apiKey
      .create({
        data: {
          tenantId: principal.tenantId,
          name: body.name,
          prefix: generated.prefix,
          secretHash: generated.secretHash,
          channels: body.channels,
        },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'API key', { prefix: 'prefix' });
      });
    return { ...toApiKeyView(row), key: generated.key };
  }
}
