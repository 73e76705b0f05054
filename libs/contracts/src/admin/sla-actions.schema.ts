// What an SLA policy does when a clock warns or breaches: the actions the router carries out for the
// conversation. Stored on the policy (sla_policies.on_warning / on_breach) and echoed in clock outcomes.
import { z } from 'zod';
import { IdSchema } from '../primitives.schema';

/** Highest score boost an action may name: far beyond any useful value, so it only catches typos. */
export const MAX_SLA_SCORE_BOOST = 10_000;

export const SlaActionSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('raiseScore'),
        by: z
          .number()
          .int()
          .min(1)
          .max(MAX_SLA_SCORE_BOOST)
          .describe('Priority points added to the waiting contact, ranking it ahead of others.'),
      })
      .describe('Raise the routing score of the contact.'),
    z
      .strictObject({
        type: z.literal('widenSkills'),
        to: z
          .enum(['next-ring', 'outer-ring'])
          .default('next-ring')
          .describe(
            "How far along the queue's relaxation plan (its bullseye rings): the next ring now, or every ring " +
              'up to its first overflow step. Overflow itself is the separate overflow action.',
          ),
      })
      .describe('Accept agents with fewer or weaker skills, as the queue relaxation plan would later.'),
    z
      .strictObject({
        type: z.literal('overflow'),
        queueId: IdSchema.describe('Queue of the same tenant the contact moves to.'),
      })
      .describe('Move the contact to another queue (its SLA policy is matched again there).'),
    z.strictObject({ type: z.literal('notifySupervisors') }).describe("Alert the queue's supervisors."),
    z
      .strictObject({ type: z.literal('reoffer') })
      .describe('Pull back an offer the agent has not answered and offer the contact again.'),
  ])
  .describe('One thing to do when an SLA clock warns or breaches.');
export type SlaAction = z.infer<typeof SlaActionSchema>;
export type SlaActionType = SlaAction['type'];

export const SlaActionsSchema = z
  .array(SlaActionSchema)
  .max(5)
  .superRefine((actions, ctx) => {
    // Two of a kind would either repeat an effect or contradict each other (two overflow queues).
    const seen = new Set<SlaActionType>();
    actions.forEach((action, i) => {
      if (seen.has(action.type)) {
        ctx.addIssue({ code: 'custom', path: [i, 'type'], message: `${action.type} is listed twice` });
      }
      seen.add(action.type);
    });
  })
  .describe('Actions run in order, each kind at most once.');

/** Percent of a target's business time after which its clock warns, unless the policy says otherwise. */
export const DEFAULT_SLA_WARN_AT_PERCENT = 75;

export const WarnAtPercentSchema = z
  .number()
  .int()
  .min(1)
  .max(99)
  .describe("Percent of a target's business time after which its clock warns (1-99, default 75).");
