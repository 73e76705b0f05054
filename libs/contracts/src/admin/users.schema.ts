// Admin API bodies for console users: who may log in, with which role, and which agent profile they work as.
import { z } from 'zod';
import { IdSchema, storable } from '../primitives.schema';

export const UserRoleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type UserRoleName = z.infer<typeof UserRoleSchema>;

/** Long passphrases beat complexity rules; the upper bound only keeps hashing cheap to refuse. */
const PasswordSchema = storable(z.string()).min(12).max(256);

export const CreateUserBodySchema = z.strictObject({
  email: storable(z.email()).max(254).toLowerCase(),
  password: PasswordSchema,
  role: UserRoleSchema,
  agentId: IdSchema.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z
  .strictObject({
    role: UserRoleSchema.optional(),
    password: PasswordSchema.optional(),
    /** null unlinks the user from their agent profile. */
    agentId: IdSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const UserListFiltersSchema = z.object({
  role: UserRoleSchema.optional(),
});
export type UserListFilters = z.infer<typeof UserListFiltersSchema>;
