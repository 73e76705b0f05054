// Deletes a queue that holds no open work and that nothing overflows into; the router then drops it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDeleteError } from '../shared/delete-error.util';
import { overflowTargets } from '../shared/overflow.check';
import { inUse, notFound } from '../shared/tenant-refs.util';
import { storedPolicy } from './queue.view';

@Injectable()
export class DeleteQueue {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    const queue = await this.prisma.queue.findFirst({ where: { id, tenantId }, select: { id: true } });
    if (!queue) throw notFound('Queue', id);
    // Deleting would silently move open conversations to the default queue, away from the skills they need.
    const open = await this.prisma.conversation.count({
      where: { tenantId, queueId: id, status: { not: 'resolved' } },
    });
    if (open > 0) {
      throw inUse(`Queue ${id} still has ${open} open conversation(s); resolve or move them first`);
    }
    await this.assertNotAnOverflowTarget(tenantId, id);
    await this.prisma.queue.delete({ where: { id, tenantId } }).catch((error: unknown) => {
      throw toDeleteError(error, 'Queue', `Queue ${id} is still referenced`);
    });
    await this.notifier.notify(tenantId, 'queue', id);
  }

  /** Overflow targets live in JSON, with no foreign key to stop a dangling reference. */
  private async assertNotAnOverflowTarget(tenantId: string, id: string): Promise<void> {
    const [queues, policies] = await Promise.all([
      this.prisma.queue.findMany({ where: { tenantId }, select: { name: true, policy: true } }),
      this.prisma.routingPolicy.findMany({ where: { tenantId }, select: { name: true, document: true } }),
    ]);
    const overflowsHere = (document: unknown): boolean =>
      overflowTargets(storedPolicy(document), '').some((target) => target.id === id);
    const referrers = [
      ...queues.filter((q) => overflowsHere(q.policy)).map((q) => `queue ${q.name}`),
      ...policies.filter((p) => overflowsHere(p.document)).map((p) => `routing policy ${p.name}`),
    ];
    if (referrers.length > 0) {
      throw inUse(`Queue ${id} is an overflow target of ${referrers.join(', ')}; change those first`);
    }
  }
}
