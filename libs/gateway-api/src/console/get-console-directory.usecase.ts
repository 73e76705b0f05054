// GET /v1/console/directory: the tenant's queues and active agents by name, for consoles' transfer pickers and
// for naming the ids the live stream carries. Always the caller's tenant; names and status only.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { CONSOLE_DIRECTORY_MAX, type ConsoleDirectory } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

@Injectable()
export class GetConsoleDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal): Promise<ConsoleDirectory> {
    const { tenantId } = principal;
    // One more than the cap tells a full list from a cut one without a count.
    const take = CONSOLE_DIRECTORY_MAX + 1;
    const [queues, agents] = await Promise.all([
      this.prisma.queue.findMany({
        where: { tenantId },
        select: { id: true, name: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
      }),
      this.prisma.agent.findMany({
        where: { tenantId, active: true },
        select: { id: true, displayName: true, status: true },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
        take,
      }),
    ]);
    return {
      queues: queues.slice(0, CONSOLE_DIRECTORY_MAX),
      agents: agents
        .slice(0, CONSOLE_DIRECTORY_MAX)
        .map(({ id, displayName, status }) => ({ id, name: displayName, status })),
      truncated: queues.length > CONSOLE_DIRECTORY_MAX || agents.length > CONSOLE_DIRECTORY_MAX,
    };
  }
}
