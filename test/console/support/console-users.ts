// Console users beyond the fixture's agents: supervisors and admins sign in with the same password.
import { hashPassword } from '@switchboard/auth';
import type { PrismaClient } from '@switchboard/persistence';
import type { TenantFixture } from '../../support/fixtures';

export interface ConsoleUser {
  email: string;
  password: string;
}

export async function createConsoleUser(
  prisma: PrismaClient,
  tenant: TenantFixture,
  role: 'supervisor' | 'admin',
): Promise<ConsoleUser> {
  const email = `${role}@${tenant.slug}.test`;
  const password = 'correct horse battery staple';
  await prisma.user.create({
    data: { tenantId: tenant.id, email, passwordHash: await hashPassword(password), role },
  });
  return { email, password };
}
