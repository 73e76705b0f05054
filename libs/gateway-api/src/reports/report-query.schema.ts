// The query of every historical report: a period, a bucket interval, a dimension and optionally some of its
// ids. Unknown parameters are rejected, so a typo is a 400 naming it rather than a silently wider report.
import { storable, TimestampSchema } from '@switchboard/contracts';
import { METRIC_DIMENSIONS, METRIC_INTERVALS } from '@switchboard/metrics';
import { z } from 'zod';

/** The longest period one request may cover: a quarter of 15-minute buckets is about 9,000 per series. */
export const MAX_REPORT_DAYS = 93;
const DAY_MS = 86_400_000;

export const ReportQuerySchema = z
  .strictObject({
    /** Buckets starting at or after this instant… */
    from: TimestampSchema,
    /** …and before this one. */
    to: TimestampSchema,
    interval: z.enum(METRIC_INTERVALS).default('1h'),
    dimension: z.enum(METRIC_DIMENSIONS).default('tenant'),
    /** Comma-separated queue, channel or agent ids; every id of the dimension when absent. */
    ids: z
      .string()
      .max(4000)
      .transform((text) => [...new Set(text.split(',').map((id) => id.trim()))].filter((id) => id !== ''))
      // Ids reach a PostgreSQL query: text it cannot take is a 400 here, not a 500 there.
      .pipe(
        z
          .array(storable(z.string().max(128)))
          .min(1)
          .max(100),
      )
      .optional(),
  })
  .superRefine((q, ctx) => {
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (to - from > MAX_REPORT_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be within ${MAX_REPORT_DAYS} days of from`,
      });
    }
  });
export type ReportQuery = z.output<typeof ReportQuerySchema>;
