// The audit trail's vocabulary and the query filters of GET /v1/audit. The page fields (limit, cursor) come from
// the one pagination convention and are merged in by the HTTP layer, so only the filters are defined here.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../primitives.schema';

/** What an admin write did to its entity. */
export const AuditActionSchema = z.enum(['created', 'updated', 'deleted', 'deactivated', 'revoked']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** Every kind of entity the admin API writes. */
export const AuditEntityTypeSchema = z.enum([
  'user',
  'agent',
  'skill',
  'team',
  'api-key',
  'queue',
  'routing-policy',
  'sla-policy',
  'business-hours',
  'holiday',
  'inbox',
  'settings',
]);
export type AuditEntityType = z.infer<typeof AuditEntityTypeSchema>;

export const AuditListFiltersSchema = z.strictObject({
  entityType: AuditEntityTypeSchema.optional().describe('Only changes to this kind of entity.'),
  entityId: IdSchema.optional().describe("Only this entity's changes."),
  actorId: IdSchema.optional().describe('Only changes made by this user.'),
  action: AuditActionSchema.optional().describe('Only this kind of change.'),
  from: TimestampSchema.optional().describe('Recorded at or after this ISO 8601 timestamp.'),
  to: TimestampSchema.optional().describe('Recorded strictly before this ISO 8601 timestamp.'),
});
export type AuditListFilters = z.infer<typeof AuditListFiltersSchema>;

/**
 * Rejects an empty time window. Exported as a refinement (not applied here) because the HTTP layer extends
 * the filters with the page fields first, and zod cannot extend a refined object.
 */
export function refineAuditRange(filters: Pick<AuditListFilters, 'from' | 'to'>, ctx: z.RefinementCtx): void {
  if (filters.from && filters.to && Date.parse(filters.from) >= Date.parse(filters.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
  }
}
