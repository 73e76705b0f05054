// Works out a new conversation's first-response deadline from its queue's SLA policy and business-hours
// calendar. The deadline is stored with the conversation, so the SLA clock survives restarts unchanged.
import { channelClassOf, slaTargetMs, SlaTargetsSchema, type Channel } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';
import { slaDeadline, SlaError, type BusinessCalendar } from '@switchboard/sla';

type Tx = Prisma.TransactionClient;

export interface SlaSubjectInput {
  tenantId: string;
  queueId: string | null;
  channel: Channel;
  tier: string;
  priority: number;
  receivedAt: number;
}

export class SlaDeadlinePlanner {
  /** Epoch ms of the deadline, or null when the queue has no SLA for this channel. */
  async deadline(tx: Tx, subject: SlaSubjectInput): Promise<number | null> {
    if (!subject.queueId) return null;
    const queue = await tx.queue.findFirst({
      where: { id: subject.queueId, tenantId: subject.tenantId },
      select: {
        slaPolicy: {
          select: {
            targets: true,
            calendar: { select: { timeZone: true, weekly: true, holidays: { select: { date: true } } } },
          },
        },
      },
    });
    const policy = queue?.slaPolicy;
    const targets = policy ? SlaTargetsSchema.safeParse(policy.targets) : undefined;
    if (!targets?.success) return null;
    const target = slaTargetMs(targets.data, 'firstResponseMs', {
      channelClass: channelClassOf(subject.channel),
      tier: subject.tier,
      priority: subject.priority,
    });
    const calendar = policy?.calendar ? toCalendar(policy.calendar) : null;
    try {
      return slaDeadline(subject.receivedAt, target ?? null, calendar);
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
