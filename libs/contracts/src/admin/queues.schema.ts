// Admin bodies for queues. A queue's name is the handle integrators put in an inbound record's `queue` field,
// so it follows the same id alphabet.
import { z } from 'zod';
import { IdSchema } from '../primitives.schema';
import { QueuePolicyWriteSchema } from './routing-policies.schema';

export const QueueNameSchema = IdSchema.max(100).describe(
  'Unique within the tenant; integrators route to the queue by this name (inbound `queue`). Letters, digits and . _ : @ -.',
);

const RoutingPolicyRefSchema = IdSchema.nullable().describe(
  "A routing policy of the tenant; the queue's own policy is overlaid on it. null detaches it.",
);
const SlaPolicyRefSchema = IdSchema.nullable().describe(
  'The SLA policy whose response targets apply to conversations in this queue. null detaches it.',
);
const InlinePolicySchema = QueuePolicyWriteSchema.describe(
  'Routing policy of this queue; fields set here override those of the referenced routing policy.',
);

export const CreateQueueBodySchema = z.strictObject({
  name: QueueNameSchema,
  policy: InlinePolicySchema.optional(),
  routingPolicyId: RoutingPolicyRefSchema.optional(),
  slaPolicyId: SlaPolicyRefSchema.optional(),
});
export type CreateQueueBody = z.infer<typeof CreateQueueBodySchema>;

export const UpdateQueueBodySchema = z
  .strictObject({
    name: QueueNameSchema.optional(),
    policy: InlinePolicySchema.optional().describe('Replaces the whole inline policy; {} clears it.'),
    routingPolicyId: RoutingPolicyRefSchema.optional(),
    slaPolicyId: SlaPolicyRefSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateQueueBody = z.infer<typeof UpdateQueueBodySchema>;
