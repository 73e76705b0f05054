// GET /v1/console/directory: the tenant's queues and active agents by name, for consoles' transfer pickers and
// for naming the ids the live stream carries. Always the caller's tenant; names and status only. A search (`q`)
// narrows both lists by prefix; `limit` shortens them, and `truncated` says whether either was cut.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  CONSOLE_DIRECTORY_MAX,
  type ConsoleDirectory,
  type ConsoleDirectoryQuery,
} from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

@Injectable()
export class GetConsoleDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: ConsoleDirectoryQuery = {}): Promise<ConsoleDirectory> {
    const { tenantId } = principal;
    const limit = query.limit ?? CONSOLE_DIRECTORY_MAX;
    // One more than the limit tells a full list from a cut one without a count.
    const take = limit + 1;
    const prefix =
      query.q === undefined ? undefined : { startsWith: likeLiteral(query.q), mode: 'insensitive' as const };
    const [queues, agents] = await Promise.all([
      this.prisma.queue.findMany({
        where: { tenantId, ...(prefix ? { name: prefix } : {}) },
        select: { id: true, name: true },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
      }),
      this.prisma.agent.findMany({
        where: {
          tenantId,
          active: true,
          ...(prefix ? { OR: [{ displayName: prefix }, { email: prefix }] } : {}),
        },
        select: { id: true, displayName: true, status: true },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
        take,
      }),
    ]);
    return {
      queues: queues.slice(0, limit),
      agents: agents
        .slice(0, limit)
        .map(({ id, displayName, status }) => ({ id, name: displayName, status })),
      truncated: queues.length > limit || agents.length > limit,
    };
  }
}

/** Prisma hands startsWith to LIKE as it is: escaped here, so % and _ match themselves and a search is a prefix. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
