// A tenant's SLA policies per queue (targets, warning threshold, actions and business-hours calendar), held in
// memory so matching a conversation costs no query. Re-read after a short while, so policy edits take effect.
import { channelClassOf, SlaActionsSchema, SlaTargetsSchema, type Channel } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';
import {
  addBusinessTime,
  matchSlaPolicy,
  SlaError,
  type BusinessCalendar,
  type EffectiveSla,
  type SlaPolicyRules,
} from '@switchboard/sla';
import type { Logger } from 'pino';

const TTL_MS = 30_000;

/** What a policy is matched on: the conversation's queue, channel, customer tier and priority. */
export interface SlaSubject {
  queueId: string | null;
  channel: Channel;
  tier: string;
  priority: number;
}

export class SlaCatalog {
  private queues = new Map<string, SlaPolicyRules>();
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tenantId: string,
    private readonly now: () => number,
    private readonly logger?: Logger,
  ) {}

  /** An admin changed a queue, SLA policy or calendar: the next refresh reads them again. */
  invalidate(): void {
    this.loadedAt = Number.NEGATIVE_INFINITY;
  }

  async refreshIfStale(): Promise<void> {
    if (this.now() - this.loadedAt < TTL_MS) return;
    const rows = await this.prisma.queue.findMany({
      where: { tenantId: this.tenantId, slaPolicyId: { not: null } },
      select: {
        id: true,
        slaPolicy: {
          select: {
            id: true,
            targets: true,
            warnAtPercent: true,
            onWarning: true,
            onBreach: true,
            calendar: { select: { timeZone: true, weekly: true, holidays: { select: { date: true } } } },
          },
        },
      },
    });
    const queues = new Map<string, SlaPolicyRules>();
    for (const { id, slaPolicy: policy } of rows) {
      if (!policy) continue;
      const targets = SlaTargetsSchema.safeParse(policy.targets);
      const onWarning = SlaActionsSchema.safeParse(policy.onWarning);
      const onBreach = SlaActionsSchema.safeParse(policy.onBreach);
      if (!targets.success || !onWarning.success || !onBreach.success) {
        // The admin API validates on write, so this is a row edited by hand: measure nothing rather than guess.
        this.logger?.warn({ tenantId: this.tenantId, policyId: policy.id }, 'unreadable SLA policy skipped');
        continue;
      }
      queues.set(id, {
        id: policy.id,
        targets: targets.data,
        warnAtPercent: policy.warnAtPercent,
        onWarning: onWarning.data,
        onBreach: onBreach.data,
        calendar: policy.calendar ? toCalendar(policy.calendar) : null,
      });
    }
    this.queues = queues;
    this.loadedAt = this.now();
  }

  /** The SLA a conversation is measured against: its queue's policy matched on channel, tier and priority. */
  effective(subject: SlaSubject): EffectiveSla {
    const policy = subject.queueId ? (this.queues.get(subject.queueId) ?? null) : null;
    return matchSlaPolicy(policy, {
      channelClass: channelClassOf(subject.channel),
      tier: subject.tier,
      priority: subject.priority,
    });
  }

  /** Epoch ms of a conversation's first-response deadline from `receivedAt`, or null without that target. */
  deadline(subject: SlaSubject & { receivedAt: number }): number | null {
    const sla = this.effective(subject);
    const target = sla.targets.firstResponse;
    if (target === null) return null;
    try {
      return addBusinessTime(subject.receivedAt, target, sla.calendar);
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
