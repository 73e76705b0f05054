// The queue policy document stored in queues.policy, validated before it reaches the routing core.
import { IdSchema, SkillRequirementSchema } from '@switchboard/contracts';
import { z } from 'zod';

const PerClassMs = z
  .strictObject({
    chat: z.number().int().positive(),
    email: z.number().int().positive(),
    social: z.number().int().positive(),
    voice: z.number().int().positive(),
  })
  .partial();

const RelaxationStepSchema = z.discriminatedUnion('action', [
  z.strictObject({ afterMs: z.number().int().nonnegative(), action: z.literal('drop-optional') }),
  z.strictObject({
    afterMs: z.number().int().nonnegative(),
    action: z.literal('lower-proficiency'),
    by: z.number().int().min(1).max(9),
  }),
  z.strictObject({
    afterMs: z.number().int().nonnegative(),
    action: z.literal('overflow'),
    queueId: IdSchema,
  }),
]);

export const QueuePolicyDocumentSchema = z.strictObject({
  strategy: z.enum(['best-fit', 'longest-idle', 'least-occupied', 'round-robin']).optional(),
  requiredSkills: z.array(SkillRequirementSchema).max(20).optional(),
  agingPointsPerMinute: z.number().nonnegative().optional(),
  slaUrgencyWindowMs: z.number().int().nonnegative().optional(),
  slaUrgencyPointsPerMinute: z.number().nonnegative().optional(),
  starvationBoundMs: z.record(z.string(), z.number().int().positive()).optional(),
  defaultStarvationBoundMs: z.number().int().positive().optional(),
  offerTimeoutMs: PerClassMs.optional(),
  relaxation: z.array(RelaxationStepSchema).max(10).optional(),
  stickinessWindowMs: z.number().int().nonnegative().optional(),
  maxMissedOffers: z.number().int().min(1).max(100).optional(),
});
export type QueuePolicyDocument = z.infer<typeof QueuePolicyDocumentSchema>;
