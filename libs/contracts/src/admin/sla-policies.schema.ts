// Admin bodies for SLA policies, and the one rule that picks a conversation's response target from them.
//
// Shape of `targets`:
//   firstResponseMs / nextResponseMs / resolutionMs: defaults per channel class (chat, email, social, voice),
//   in business ms.
//   overrides: an ordered list; each names conditions (customer tiers and/or a priority band) and the targets
//   it changes. For a conversation, the first override whose conditions all match and that sets a target for
//   the conversation's channel class wins; otherwise the default applies; a class with no target has no SLA.
import { z } from 'zod';
import { CustomerTierSchema, IdSchema, StorableTextSchema, type ChannelClass } from '../primitives.schema';
import { DEFAULT_SLA_WARN_AT_PERCENT, SlaActionsSchema, WarnAtPercentSchema } from './sla-actions.schema';

/** Longest response target: beyond a month an SLA is no longer a response-time promise. */
export const MAX_SLA_TARGET_MS = 30 * 86_400_000;

const targetMs = (channel: string) =>
  z.number().int().positive().max(MAX_SLA_TARGET_MS).describe(`Target for ${channel}, in ms.`);

const PerClassTargetsSchema = z
  .strictObject({
    chat: targetMs('chat'),
    email: targetMs('email'),
    social: targetMs('social channels (WhatsApp, Messenger, Instagram, X)'),
    voice: targetMs('voice'),
  })
  .partial();
type PerClassTargets = z.infer<typeof PerClassTargetsSchema>;

const FirstResponseSchema = PerClassTargetsSchema.describe(
  "From a conversation's first inbound message to the first agent reply, per channel class.",
);
const NextResponseSchema = PerClassTargetsSchema.describe(
  'From each later customer message (after an agent reply) to the next agent reply, per channel class.',
);
const ResolutionSchema = PerClassTargetsSchema.describe(
  "From a conversation's opening (or reopening) to its resolution, per channel class.",
);
const PrioritySchema = z.number().int().min(0).max(100);

export const SlaOverrideSchema = z
  .strictObject({
    tiers: z
      .array(CustomerTierSchema)
      .min(1)
      .max(4)
      .optional()
      .describe('Matches conversations of these customer tiers; omitted matches every tier.'),
    minPriority: PrioritySchema.optional().describe('Matches priority >= this (0-100); inclusive.'),
    maxPriority: PrioritySchema.optional().describe('Matches priority <= this (0-100); inclusive.'),
    firstResponseMs: FirstResponseSchema.optional(),
    nextResponseMs: NextResponseSchema.optional(),
    resolutionMs: ResolutionSchema.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.tiers === undefined && o.minPriority === undefined && o.maxPriority === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers'],
        message: 'an override needs tiers or a priority band',
      });
    }
    if (o.minPriority !== undefined && o.maxPriority !== undefined && o.minPriority > o.maxPriority) {
      ctx.addIssue({ code: 'custom', path: ['maxPriority'], message: 'must be >= minPriority' });
    }
    if (!hasTarget(o.firstResponseMs) && !hasTarget(o.nextResponseMs) && !hasTarget(o.resolutionMs)) {
      ctx.addIssue({ code: 'custom', path: ['firstResponseMs'], message: 'an override must set a target' });
    }
  })
  .describe('Targets for a subset of conversations (by tier and/or priority band); first match wins.');
export type SlaOverride = z.infer<typeof SlaOverrideSchema>;

export const SlaTargetsSchema = z
  .strictObject({
    firstResponseMs: FirstResponseSchema,
    nextResponseMs: NextResponseSchema.default({}),
    resolutionMs: ResolutionSchema.default({}),
    overrides: z.array(SlaOverrideSchema).max(20).default([]),
  })
  .describe('Response-time targets: defaults per channel class, then ordered overrides.');
export type SlaTargets = z.infer<typeof SlaTargetsSchema>;

const NameSchema = StorableTextSchema.trim().min(1).max(100);
const CalendarRefSchema = IdSchema.nullable().describe(
  'A business-hours calendar of the tenant: the clock runs only during open hours. null or omitted: 24/7.',
);

export const CreateSlaPolicyBodySchema = z.strictObject({
  name: NameSchema.describe('Unique within the tenant.'),
  description: StorableTextSchema.max(1000).optional(),
  calendarId: CalendarRefSchema.optional(),
  targets: SlaTargetsSchema,
  warnAtPercent: WarnAtPercentSchema.default(DEFAULT_SLA_WARN_AT_PERCENT),
  onWarning: SlaActionsSchema.default([]).describe(
    'Actions when a clock passes warnAtPercent of its target.',
  ),
  onBreach: SlaActionsSchema.default([]).describe('Actions when a clock runs out of its target.'),
});
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBodySchema>;

export const UpdateSlaPolicyBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    description: StorableTextSchema.max(1000).nullable().optional(),
    calendarId: CalendarRefSchema.optional(),
    targets: SlaTargetsSchema.optional().describe('Replaces all targets.'),
    warnAtPercent: WarnAtPercentSchema.optional(),
    onWarning: SlaActionsSchema.optional().describe('Replaces the warning actions.'),
    onBreach: SlaActionsSchema.optional().describe('Replaces the breach actions.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBodySchema>;

export type SlaTargetKind = 'firstResponseMs' | 'nextResponseMs' | 'resolutionMs';

export interface SlaSubject {
  channelClass: ChannelClass;
  /** A CustomerTier; conversations store it as plain text, so any string is accepted and simply matches less. */
  tier: string;
  priority: number;
}

/** The target for a conversation, in ms, following the rule at the top of this file; undefined: no SLA. */
export function slaTargetMs(
  targets: SlaTargets,
  kind: SlaTargetKind,
  subject: SlaSubject,
): number | undefined {
  return slaTargetRule(targets, kind, subject).targetMs ?? undefined;
}

/** Which rule decided a target: an override (by its index), the channel-class default, or none at all. */
export type SlaTargetRule =
  | { rule: 'override'; overrideIndex: number; targetMs: number }
  | { rule: 'default'; targetMs: number }
  | { rule: 'none'; targetMs: null };

/** Like slaTargetMs, but also says which rule decided, for explanations. */
export function slaTargetRule(targets: SlaTargets, kind: SlaTargetKind, subject: SlaSubject): SlaTargetRule {
  for (const [overrideIndex, override] of targets.overrides.entries()) {
    if (!matches(override, subject)) continue;
    const ms = override[kind]?.[subject.channelClass];
    if (ms !== undefined) return { rule: 'override', overrideIndex, targetMs: ms };
  }
  const ms = targets[kind][subject.channelClass];
  return ms === undefined ? { rule: 'none', targetMs: null } : { rule: 'default', targetMs: ms };
}

function matches(override: SlaOverride, subject: SlaSubject): boolean {
  const tiers: readonly string[] | undefined = override.tiers;
  if (tiers !== undefined && !tiers.includes(subject.tier)) return false;
  if (override.minPriority !== undefined && subject.priority < override.minPriority) return false;
  if (override.maxPriority !== undefined && subject.priority > override.maxPriority) return false;
  return true;
}

function hasTarget(targets: PerClassTargets | undefined): boolean {
  return targets !== undefined && Object.values(targets).some((ms) => ms !== undefined);
}
