// A tenant's first-response SLA settings per queue (targets and business-hours calendar), held in memory so a
// new conversation's deadline costs no query. Re-read after a short while, so policy edits take effect.
import { channelClassOf, slaTargetMs, SlaTargetsSchema } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';
import { slaDeadline, SlaError, type BusinessCalendar } from '@switchboard/sla';
import type { SlaSubject } from './intake.planner';

const TTL_MS = 30_000;

interface QueueSla {
  targets: ReturnType<typeof SlaTargetsSchema.parse>;
  calendar: BusinessCalendar | null;
}

export class SlaCatalog {
  private queues = new Map<string, QueueSla>();
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tenantId: string,
    private readonly now: () => number,
  ) {}

  async refreshIfStale(): Promise<void> {
    if (this.now() - this.loadedAt < TTL_MS) return;
    const rows = await this.prisma.queue.findMany({
      where: { tenantId: this.tenantId, slaPolicyId: { not: null } },
      select: {
        id: true,
        slaPolicy: {
          select: {
            targets: true,
            calendar: { select: { timeZone: true, weekly: true, holidays: { select: { date: true } } } },
          },
        },
      },
    });
    const queues = new Map<string, QueueSla>();
    for (const row of rows) {
      const targets = row.slaPolicy ? SlaTargetsSchema.safeParse(row.slaPolicy.targets) : undefined;
      if (!targets?.success) continue;
      const calendar = row.slaPolicy?.calendar ? toCalendar(row.slaPolicy.calendar) : null;
      queues.set(row.id, { targets: targets.data, calendar });
    }
    this.queues = queues;
    this.loadedAt = this.now();
  }

  /** Epoch ms of the first-response deadline, or null when the queue has no SLA for this contact. */
  deadline(subject: SlaSubject): number | null {
    const queue = subject.queueId ? this.queues.get(subject.queueId) : undefined;
    if (!queue) return null;
    const target = slaTargetMs(queue.targets, 'firstResponseMs', {
      channelClass: channelClassOf(subject.channel),
      tier: subject.tier,
      priority: subject.priority,
    });
    try {
      return slaDeadline(subject.receivedAt, target ?? null, queue.calendar);
    } catch (error) {
      // A calendar that is never open cannot produce a deadline; routing goes on without SLA urgency.
      if (error instanceof SlaError) return null;
      throw error;
    }
  }
}

function toCalendar(row: {
  timeZone: string;
  weekly: unknown;
  holidays: Array<{ date: Date }>;
}): BusinessCalendar {
  return {
    timeZone: row.timeZone,
    weekly: Array.isArray(row.weekly) ? (row.weekly as BusinessCalendar['weekly']) : [],
    holidays: row.holidays.map((h) => h.date.toISOString().slice(0, 10)),
  };
}
