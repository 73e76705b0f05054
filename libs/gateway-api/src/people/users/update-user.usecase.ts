// Changes a user's role, password or agent profile.
import { Injectable } from '@nestjs/common';
import { hashPassword, type UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateUserBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { assertNotLastAdmin } from './last-admin.check';
import { toUserView, USER_CONSTRAINT_FIELDS, type UserView } from './user.view';

@Injectable()
export class UpdateUser {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateUserBody): Promise<UserView> {
    const { tenantId } = principal;
    const existing = await this.prisma.user.findFirst({ where: { id, tenantId } });
    if (!existing) throw new DomainError(ErrorCode.NotFound, `User ${id} not found`);
    if (body.role && body.role !== 'admin') await assertNotLastAdmin(this.prisma, existing);
    if (body.agentId) await assertAgentsOfTenant(this.prisma, tenantId, [body.agentId], () => 'agentId');
    const user = await this.prisma.user
      .update({
        where: { id, tenantId },
        data: {
          role: body.role,
          agentId: body.agentId,
          passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
        },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'User', USER_CONSTRAINT_FIELDS);
      });
    return toUserView(user);
  }
}
