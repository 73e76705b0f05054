// Creates a console login. The password is hashed with argon2 before it reaches the database.
import { Injectable } from '@nestjs/common';
import { hashPassword, type UserPrincipal } from '@switchboard/auth';
import type { CreateUserBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { toUserView, USER_CONSTRAINT_FIELDS, type UserView } from './user.view';

@Injectable()
export class CreateUser {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, body: CreateUserBody): Promise<UserView> {
    const { tenantId } = principal;
    if (body.agentId) await assertAgentsOfTenant(this.prisma, tenantId, [body.agentId], () => 'agentId');
    const user = await this.prisma.user
      .create({
        data: {
          tenantId,
          email: body.email,
          role: body.role,
          agentId: body.agentId ?? null,
          passwordHash: await hashPassword(body.password),
        },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'User', USER_CONSTRAINT_FIELDS);
      });
    return toUserView(user);
  }
}
