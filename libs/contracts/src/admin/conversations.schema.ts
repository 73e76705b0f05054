// Query parameters for searching conversations. The page fields (limit, cursor) come from the one pagination
// convention and are merged in by the HTTP layer, so only the filters are defined here.
import { z } from 'zod';
import { ChannelSchema, IdSchema, TimestampSchema } from '../primitives.schema';

export const ConversationStatusSchema = z.enum(['queued', 'offered', 'assigned', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/** A repeated parameter (`?status=a&status=b`) and a comma list (`?status=a,b`) mean the same. */
function splitList(value: unknown): unknown {
  const parts = (v: unknown): unknown[] => (typeof v === 'string' ? v.split(',') : [v]);
  if (Array.isArray(value)) return value.flatMap(parts);
  return typeof value === 'string' ? parts(value) : value;
}

export const ConversationSearchFiltersSchema = z.strictObject({
  status: z
    .preprocess(splitList, z.array(ConversationStatusSchema).min(1).max(4))
    .optional()
    .describe('One or more statuses, repeated (status=queued&status=offered) or comma-separated.'),
  queueId: IdSchema.optional().describe('Only conversations in this queue.'),
  customerId: IdSchema.optional().describe("Only this customer's conversations."),
  channel: ChannelSchema.optional().describe('Only conversations on this channel.'),
  agentId: IdSchema.optional().describe('Only conversations currently assigned to this agent.'),
  createdFrom: TimestampSchema.optional().describe('Created at or after this ISO 8601 timestamp.'),
  createdTo: TimestampSchema.optional().describe('Created strictly before this ISO 8601 timestamp.'),
});
export type ConversationSearchFilters = z.infer<typeof ConversationSearchFiltersSchema>;

/**
 * Rejects an empty time window. Exported as a refinement (not applied here) because the HTTP layer extends
 * the filters with the page fields first, and zod cannot extend a refined object.
 */
export function refineCreatedRange(
  filters: Pick<ConversationSearchFilters, 'createdFrom' | 'createdTo'>,
  ctx: z.RefinementCtx,
): void {
  const { createdFrom, createdTo } = filters;
  if (createdFrom && createdTo && Date.parse(createdFrom) >= Date.parse(createdTo)) {
    ctx.addIssue({ code: 'custom', path: ['createdTo'], message: 'must be later than createdFrom' });
  }
}
