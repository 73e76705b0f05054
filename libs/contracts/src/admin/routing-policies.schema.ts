// The queue routing-policy document: stored inline on a queue (queues.policy) or as a named, versioned
// routing policy that queues reference. The router maps it to the routing core; admins write it over REST.
import { z } from 'zod';
import {
  CustomerTierSchema,
  IdSchema,
  SkillRequirementSchema,
  StorableTextSchema,
} from '../primitives.schema';

// Constraints here must stay exactly what the router accepts when it reads a stored document; rules that only
// writes enforce go into QueuePolicyWriteSchema, so tightening them never silently resets a stored policy.
const durationMs = (what: string) => z.number().int().nonnegative().describe(what);
const positiveMs = (what: string) => z.number().int().positive().describe(what);

const OfferTimeoutsSchema = z
  .strictObject({
    chat: positiveMs('Offer timeout for chat, in ms (default 30 000).'),
    email: positiveMs('Offer timeout for email, in ms (default 120 000).'),
    social: positiveMs(
      'Offer timeout for social channels (WhatsApp, Messenger, Instagram, X), in ms (default 60 000).',
    ),
    voice: positiveMs('Offer timeout for voice, in ms (default 20 000).'),
  })
  .partial()
  .describe('How long an agent has to accept an offer before it expires, per channel class.');

const RelaxationStepSchema = z
  .discriminatedUnion('action', [
    z.strictObject({
      afterMs: durationMs('Wait in the queue, in ms, after which this step applies.'),
      action: z.literal('drop-optional').describe("Stop requiring the contact's optional skills."),
    }),
    z.strictObject({
      afterMs: durationMs('Wait in the queue, in ms, after which this step applies.'),
      action: z
        .literal('lower-proficiency')
        .describe('Accept agents with a lower proficiency than required.'),
      by: z.number().int().min(1).max(9).describe('Proficiency levels to subtract (never below 1).'),
    }),
    z.strictObject({
      afterMs: durationMs('Wait in the queue, in ms, after which the contact moves; must be > 0.'),
      action: z.literal('overflow').describe('Move the contact to another queue of the same tenant.'),
      queueId: IdSchema.describe('Id of the queue to overflow into; never the queue itself.'),
    }),
  ])
  .describe('One ring of the bullseye: after a wait, widen who may take the contact, or move it.');

/**
 * Bounds on the tier map, loose enough for any document a write ever accepted (writes allow the 4 known
 * tiers only), so they only stop a document from being arbitrarily large.
 */
const MAX_TIER_NAME_LENGTH = 64;
const MAX_STARVATION_BOUNDS = 16;

/** The document as stored. Reads stay lenient about cross-field rules; writes use the stricter schema below. */
export const QueuePolicyDocumentSchema = z.strictObject({
  strategy: z
    .enum(['best-fit', 'longest-idle', 'least-occupied', 'round-robin'])
    .optional()
    .describe(
      'How to choose among eligible agents (default best-fit): best-fit = highest skill fit, then lowest occupancy, then longest idle; least-occupied = lowest occupancy, then longest idle; longest-idle = earliest idle; round-robin = least recently offered work by this queue.',
    ),
  requiredSkills: z
    .array(SkillRequirementSchema)
    .max(20)
    .optional()
    .describe(
      "Skills every contact in this queue needs, merged with the contact's own requirements (ring 0 of the bullseye).",
    ),
  agingPointsPerMinute: z
    .number()
    .nonnegative()
    .optional()
    .describe('Priority points a waiting contact gains per minute waited (default 1).'),
  slaUrgencyWindowMs: durationMs(
    'Urgency starts this long before the SLA deadline, in ms (default 300 000).',
  ).optional(),
  slaUrgencyPointsPerMinute: z
    .number()
    .nonnegative()
    .optional()
    .describe('Points per minute once inside the urgency window; keeps growing after a breach (default 10).'),
  starvationBoundMs: z
    .record(StorableTextSchema.max(MAX_TIER_NAME_LENGTH), positiveMs('Bound for this tier, in ms.'))
    .refine((bounds) => Object.keys(bounds).length <= MAX_STARVATION_BOUNDS, {
      message: `at most ${MAX_STARVATION_BOUNDS} tiers`,
    })
    .optional()
    .describe(
      'Hard bound on waiting per customer tier (standard, silver, gold, platinum), in ms: a contact waiting this long outranks all others.',
    ),
  defaultStarvationBoundMs: positiveMs(
    'Bound for tiers not listed in starvationBoundMs, in ms (default: none).',
  ).optional(),
  offerTimeoutMs: OfferTimeoutsSchema.optional(),
  relaxation: z
    .array(RelaxationStepSchema)
    .max(10)
    .optional()
    .describe('Relaxation plan, in non-decreasing order of afterMs; each wait is measured from queue entry.'),
  stickinessWindowMs: durationMs(
    "The customer's last agent is preferred when the contact arrives within this long of their last handling, in ms (default 24 h); stickiness never makes a contact wait.",
  ).optional(),
  maxMissedOffers: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Consecutive missed (timed-out) offers after which an agent is set away (default 3).'),
});
export type QueuePolicyDocument = z.infer<typeof QueuePolicyDocumentSchema>;

/** Longest duration a written policy may name; also keeps every timer well inside setTimeout's 2^31 ms range. */
export const MAX_POLICY_DURATION_MS = 30 * 86_400_000;
/** Highest points-per-minute a written policy may name; far beyond any useful value, so it only catches typos. */
export const MAX_POLICY_POINTS_PER_MINUTE = 10_000;

type Issue = { path: (string | number)[]; message: string };

/** Cross-field and range rules that only writes enforce (see QueuePolicyWriteSchema). */
function policyWriteIssues(policy: QueuePolicyDocument): Issue[] {
  const issues: Issue[] = [];
  const tiers: readonly string[] = CustomerTierSchema.options;
  const cap = (path: (string | number)[], value: number | undefined, max: number): void => {
    if (value !== undefined && value > max) issues.push({ path, message: `must be at most ${max}` });
  };
  for (const [tier, ms] of Object.entries(policy.starvationBoundMs ?? {})) {
    if (!tiers.includes(tier)) {
      issues.push({
        path: ['starvationBoundMs', tier],
        message: `unknown customer tier; expected one of ${tiers.join(', ')}`,
      });
    }
    cap(['starvationBoundMs', tier], ms, MAX_POLICY_DURATION_MS);
  }
  for (const [cls, ms] of Object.entries(policy.offerTimeoutMs ?? {})) {
    cap(['offerTimeoutMs', cls], ms, MAX_POLICY_DURATION_MS);
  }
  cap(['defaultStarvationBoundMs'], policy.defaultStarvationBoundMs, MAX_POLICY_DURATION_MS);
  cap(['slaUrgencyWindowMs'], policy.slaUrgencyWindowMs, MAX_POLICY_DURATION_MS);
  cap(['stickinessWindowMs'], policy.stickinessWindowMs, MAX_POLICY_DURATION_MS);
  cap(['agingPointsPerMinute'], policy.agingPointsPerMinute, MAX_POLICY_POINTS_PER_MINUTE);
  cap(['slaUrgencyPointsPerMinute'], policy.slaUrgencyPointsPerMinute, MAX_POLICY_POINTS_PER_MINUTE);
  let previous = 0;
  (policy.relaxation ?? []).forEach((step, i) => {
    cap(['relaxation', i, 'afterMs'], step.afterMs, MAX_POLICY_DURATION_MS);
    if (step.afterMs < previous) {
      issues.push({ path: ['relaxation', i, 'afterMs'], message: 'steps must be in non-decreasing order' });
    }
    // A zero wait could bounce a contact between two queues within one instant; the core refuses it too.
    if (step.action === 'overflow' && step.afterMs === 0) {
      issues.push({ path: ['relaxation', i, 'afterMs'], message: 'an overflow step needs a wait > 0' });
    }
    previous = Math.max(previous, step.afterMs);
  });
  return issues;
}

/**
 * What an admin may write: the document plus the rules the routing core enforces, so the API refuses a
 * policy the router would refuse. (Overflow into the queue itself needs the queue's id: the use-case checks.)
 */
export const QueuePolicyWriteSchema = QueuePolicyDocumentSchema.superRefine((policy, ctx) => {
  for (const issue of policyWriteIssues(policy)) ctx.addIssue({ code: 'custom', ...issue });
});

const PolicyNameSchema = StorableTextSchema.trim().min(1).max(100);

export const CreateRoutingPolicyBodySchema = z.strictObject({
  name: PolicyNameSchema.describe('Unique within the tenant.'),
  description: StorableTextSchema.max(1000).optional(),
  document: QueuePolicyWriteSchema.describe('The policy applied to every queue that references it.'),
});
export type CreateRoutingPolicyBody = z.infer<typeof CreateRoutingPolicyBodySchema>;

export const UpdateRoutingPolicyBodySchema = z
  .strictObject({
    name: PolicyNameSchema.optional(),
    description: StorableTextSchema.max(1000).nullable().optional(),
    document: QueuePolicyWriteSchema.optional().describe('Replaces the whole document; bumps the version.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateRoutingPolicyBody = z.infer<typeof UpdateRoutingPolicyBodySchema>;

/**
 * The policy a queue routes by: the named routing policy it references, overlaid with its own inline policy.
 * Scalars from the inline policy win; the per-key maps (offerTimeoutMs, starvationBoundMs) merge key by key,
 * so a queue can change one channel's timeout; lists (requiredSkills, relaxation) are replaced whole, because
 * a list is one decision and merging would make it impossible for a queue to drop an inherited entry.
 */
export function effectivePolicy(
  named: QueuePolicyDocument | null | undefined,
  inline: QueuePolicyDocument | null | undefined,
): QueuePolicyDocument {
  const base = named ?? {};
  const own = inline ?? {};
  const merged: QueuePolicyDocument = { ...base, ...definedOnly(own) };
  const timeouts = mergeMaps(base.offerTimeoutMs, own.offerTimeoutMs);
  if (timeouts) merged.offerTimeoutMs = timeouts;
  const bounds = mergeMaps(base.starvationBoundMs, own.starvationBoundMs);
  if (bounds) merged.starvationBoundMs = bounds;
  return merged;
}

function definedOnly(policy: QueuePolicyDocument): QueuePolicyDocument {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined));
}

function mergeMaps<T extends Record<string, number | undefined>>(
  base: T | undefined,
  own: T | undefined,
): T | undefined {
  if (!base && !own) return undefined;
  const merged: Record<string, number | undefined> = { ...base };
  for (const [key, value] of Object.entries(own ?? {})) if (value !== undefined) merged[key] = value;
  return merged as T;
}
