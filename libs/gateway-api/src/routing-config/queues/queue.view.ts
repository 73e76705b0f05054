// How a queue looks over the API. `effectivePolicy` (detail only) is what the router routes by: the referenced
// routing policy overlaid with the queue's own policy.
import { QueuePolicyDocumentSchema, type QueuePolicyDocument } from '@switchboard/contracts';
import type { Queue } from '@switchboard/persistence';
import { storedJson } from '../shared/stored-json.util';

export interface QueueView {
  id: string;
  name: string;
  policy: QueuePolicyDocument;
  routingPolicyId: string | null;
  slaPolicyId: string | null;
  createdAt: string;
}

export interface QueueDetailView extends QueueView {
  effectivePolicy: QueuePolicyDocument;
  /** Conversations in this queue that are not resolved yet. */
  openConversations: number;
}

export function storedPolicy(value: unknown): QueuePolicyDocument {
  return storedJson(QueuePolicyDocumentSchema, value, {});
}

export function toQueueView(queue: Queue): QueueView {
  return {
    id: queue.id,
    name: queue.name,
    policy: storedPolicy(queue.policy),
    routingPolicyId: queue.routingPolicyId,
    slaPolicyId: queue.slaPolicyId,
    createdAt: queue.createdAt.toISOString(),
  };
}
