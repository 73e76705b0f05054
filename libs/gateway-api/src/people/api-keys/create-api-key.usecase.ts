// Issues an integrator key for the caller's tenant. Only its prefix and hash are stored.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateApiKeyBody } from '@switchboard/contracts';
import { generateApiKey } from '@switchboard/persistence';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { toApiKeyView, type CreatedApiKeyView } from './api-key.view';

@Injectable()
export class CreateApiKey {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateApiKeyBody): Promise<CreatedApiKeyView> {
    const generated = generateApiKey();
    const row = await this.audit.write(principal, async (tx) => {
      const created = await tx.apiKey
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
      return { result: created, change: changeOf('api-key', 'created', null, created) };
    });
    return { ...toApiKeyView(row), key: generated.key };
  }
}
