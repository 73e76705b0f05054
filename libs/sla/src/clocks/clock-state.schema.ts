// The clock state's shape as a zod schema, for callers that read a persisted ConversationClocks back (a
// JSONB column, an event): it checks structure only; the engine validates calendars when it uses them.
import { SlaActionSchema } from '@switchboard/contracts';
import { z } from 'zod';
import type { EffectiveSla } from '../policies/sla-policy.matcher';
import type { ConversationClocks } from './clock.types';

const instant = z.number();
const ms = z.number().int().nonnegative();
const perTarget = <T extends z.ZodType>(schema: T) =>
  z.strictObject({ firstResponse: schema, nextResponse: schema, resolution: schema });

const CalendarSchema = z.strictObject({
  timeZone: z.string(),
  weekly: z.array(z.strictObject({ day: z.number().int(), open: z.string(), close: z.string() })),
  holidays: z.array(z.string()),
});

const RuleMatchSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('override'), overrideIndex: ms, targetMs: ms }),
  z.strictObject({ rule: z.literal('default'), targetMs: ms }),
  z.strictObject({ rule: z.literal('none'), targetMs: z.null() }),
  z.strictObject({ rule: z.literal('noPolicy'), targetMs: z.null() }),
]);

export const EffectiveSlaSchema: z.ZodType<EffectiveSla> = z.strictObject({
  policyId: z.string().nullable(),
  calendar: CalendarSchema.nullable(),
  targets: perTarget(ms.nullable()),
  warnAtPercent: z.number().int().min(1).max(99),
  onWarning: z.array(SlaActionSchema),
  onBreach: z.array(SlaActionSchema),
  matched: perTarget(RuleMatchSchema),
});

const TargetRunSchema = z.strictObject({
  run: z.number().int().positive(),
  startedAt: instant,
  policyId: z.string().nullable(),
  targetMs: ms.nullable(),
  elapsedBeforeMs: ms,
  carriedOverMs: ms,
  runningSince: instant.nullable(),
  warnAt: instant.nullable(),
  deadline: instant.nullable(),
  warned: z.boolean(),
  breached: z.boolean(),
});

export const ConversationClocksSchema: z.ZodType<ConversationClocks> = z.strictObject({
  version: z.literal(1),
  status: z.enum(['notOpened', 'open', 'waitingOnCustomer', 'resolved']),
  sla: EffectiveSlaSchema,
  answered: z.boolean(),
  lastAt: instant.nullable(),
  transfers: ms,
  runs: perTarget(TargetRunSchema.nullable()),
  runCounts: perTarget(ms),
});
