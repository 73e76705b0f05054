// How a named routing policy looks over the API. `version` counts document revisions.
import type { QueuePolicyDocument } from '@switchboard/contracts';
import { storedPolicy } from '../queues/queue.view';

export interface RoutingPolicyRow {
  id: string;
  name: string;
  description: string | null;
  document: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoutingPolicyView {
  id: string;
  name: string;
  description: string | null;
  document: QueuePolicyDocument;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toRoutingPolicyView(row: RoutingPolicyRow): RoutingPolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    document: storedPolicy(row.document),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Database column -> API field for the constraints a routing-policy write may hit. */
export const ROUTING_POLICY_CONSTRAINT_FIELDS = { name: 'name' };
