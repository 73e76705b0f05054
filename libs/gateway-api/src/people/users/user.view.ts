// How a console user looks over the API: never with their password hash.
import type { User } from '@switchboard/persistence';

export interface UserView {
  id: string;
  email: string;
  role: User['role'];
  agentId: string | null;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    agentId: user.agentId,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Database column -> API field for the users table's unique and foreign-key constraints. */
export const USER_CONSTRAINT_FIELDS = { email: 'email', agent_id: 'agentId' };
