// The wait-estimate accuracy report: every prediction told to a customer and answered within the period,
// scored against the actual wait, per queue (mean absolute error, share within ±30 s, bias).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { ChannelSchema, DomainError, ErrorCode, TimestampSchema } from '@switchboard/contracts';
import { accuracyReport, rollUp, scoreWaitEstimate, type MetricFact } from '@switchboard/metrics';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { z } from 'zod';

/** The implicit default queue has no id; the report names it so. */
export const DEFAULT_QUEUE_KEY = 'default';
const DAY_MS = 86_400_000;
/** A report reads at most this many predictions; a longer period should use the metric rollups. */
const MAX_ROWS = 100_000;

export const WaitEstimatesQuerySchema = z.strictObject({
  /** Answered at or after; defaults to 7 days before `to`. */
  from: TimestampSchema.optional(),
  /** Answered before; defaults to now. */
  to: TimestampSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type WaitEstimatesQuery = z.output<typeof WaitEstimatesQuerySchema>;

export interface QueueAccuracy {
  queueId: string;
  queueName: string | null;
  count: number;
  meanAbsoluteErrorMs: number;
  /** Share of predictions within ±30 s of the actual wait, 0..1. */
  within30sShare: number;
  /** Mean signed error: positive when estimates run long. */
  biasMs: number;
}

export interface WaitEstimatesReport {
  from: string;
  to: string;
  queues: QueueAccuracy[];
}

@Injectable()
export class GetWaitEstimatesReport {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(user: UserPrincipal, query: WaitEstimatesQuery): Promise<WaitEstimatesReport> {
    const to = query.to ? Date.parse(query.to) : Date.now();
    const from = query.from ? Date.parse(query.from) : to - 7 * DAY_MS;
    if (from >= to) throw new DomainError(ErrorCode.ValidationFailed, '`from` must be before `to`');
    const rows = await this.prisma.waitEstimate.findMany({
      where: {
        tenantId: user.tenantId,
        answeredAt: { gte: new Date(from), lt: new Date(to) },
        predictedMs: { not: null },
      },
      select: { queueId: true, channel: true, arrivedAt: true, predictedMs: true, answeredAt: true },
      take: MAX_ROWS,
    });
    const facts: MetricFact[] = rows.flatMap((row) => {
      const channel = ChannelSchema.safeParse(row.channel);
      if (!channel.success || row.predictedMs === null || row.answeredAt === null) return [];
      const stored = {
        tenantId: user.tenantId,
        queueId: row.queueId ?? DEFAULT_QUEUE_KEY,
        channel: channel.data,
        queuedAt: row.arrivedAt.getTime(),
        estimatedMs: row.predictedMs,
      };
      return [scoreWaitEstimate(stored, row.answeredAt.getTime())];
    });
    // One bucket interval is enough: the report merges the buckets of the period per queue.
    const accuracy = accuracyReport(rollUp(facts, { timeZone: 'UTC', intervals: ['1d'] }));
    const names = await this.queueNames(
      user.tenantId,
      accuracy.map((a) => a.queueId),
    );
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      queues: accuracy.map((a) => ({
        queueId: a.queueId,
        queueName: names.get(a.queueId) ?? null,
        count: a.scored,
        meanAbsoluteErrorMs: a.meanAbsoluteErrorMs,
        within30sShare: a.within30sRate,
        biasMs: a.meanErrorMs,
      })),
    };
  }

  private async queueNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const queues = await this.prisma.queue.findMany({
      where: { tenantId, id: { in: ids.filter((id) => id !== DEFAULT_QUEUE_KEY) } },
      select: { id: true, name: true },
    });
    return new Map(queues.map((q) => [q.id, q.name]));
  }
}

const CSV_COLUMNS = [
  'queueId',
  'queueName',
  'count',
  'meanAbsoluteErrorMs',
  'within30sShare',
  'biasMs',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function waitEstimatesCsv(report: WaitEstimatesReport): string {
  const lines = report.queues.map((q) => CSV_COLUMNS.map((c) => csvField(q[c])).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
