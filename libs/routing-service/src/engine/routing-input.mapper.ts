// Maps database rows to routing-core inputs. The core speaks its own vocabulary ('wrap-up', numbers for time);
// the database and contracts speak theirs ('wrap_up', Date). This is the only place the two meet.
import {
  effectivePolicy,
  QueuePolicyDocumentSchema,
  type AgentStatus as WireAgentStatus,
} from '@switchboard/contracts';
import type { Agent, Conversation, Queue } from '@switchboard/persistence';
import type {
  AgentInput,
  AgentStatus,
  Channel,
  ContactInput,
  QueuePolicyInput,
  SkillRequirement,
} from '@switchboard/routing-core';

/** Conversations without a queue route through this implicit queue. */
export const DEFAULT_QUEUE_ID = 'default';

export function toCoreStatus(status: WireAgentStatus): AgentStatus {
  return status === 'wrap_up' ? 'wrap-up' : status;
}

export function toWireStatus(status: AgentStatus): WireAgentStatus {
  return status === 'wrap-up' ? 'wrap_up' : status;
}

export function toAgentInput(agent: Agent): AgentInput {
  return {
    id: agent.id,
    tenantId: agent.tenantId,
    skills: Object.entries(numberRecord(agent.skills)).map(([skill, proficiency]) => ({
      skill,
      proficiency,
    })),
    languages: agent.languages,
    capacity: numberRecord(agent.capacity),
    ...(agent.maxUnits !== null ? { maxUnits: agent.maxUnits } : {}),
    // A deactivated agent stays known (their history and open work remain) but never takes new work.
    status: agent.active ? toCoreStatus(agent.status) : 'offline',
  };
}

/** A queue row with the named routing policy it uses, if any. */
export type QueueWithPolicy = Queue & { routingPolicy?: { document: unknown } | null };

/** Prisma `include` that loads what toQueueInput needs. */
export const QUEUE_POLICY_INCLUDE = { routingPolicy: { select: { document: true } } } as const;

export function toQueueInput(queue: QueueWithPolicy): QueuePolicyInput {
  // Policies are validated when written; an invalid stored document falls back to defaults rather than
  // taking the tenant's routing down.
  const inline = QueuePolicyDocumentSchema.safeParse(queue.policy);
  const named = queue.routingPolicy
    ? QueuePolicyDocumentSchema.safeParse(queue.routingPolicy.document)
    : undefined;
  const policy = effectivePolicy(named?.success ? named.data : null, inline.success ? inline.data : null);
  return { ...policy, id: queue.id, tenantId: queue.tenantId };
}

export function defaultQueueInput(tenantId: string, offerTimeoutMs: number): QueuePolicyInput {
  return {
    id: DEFAULT_QUEUE_ID,
    tenantId,
    offerTimeoutMs: {
      chat: offerTimeoutMs,
      email: offerTimeoutMs,
      social: offerTimeoutMs,
      voice: offerTimeoutMs,
    },
  };
}

export interface ContactContext {
  preferredAgentId: string | null;
  lastAgentId: string | null;
  lastHandledAt: Date | null;
}

export function toContactInput(conversation: Conversation, context: ContactContext): ContactInput {
  return {
    id: conversation.id,
    tenantId: conversation.tenantId,
    channel: conversation.channel as Channel,
    queueId: conversation.queueId ?? DEFAULT_QUEUE_ID,
    basePriority: conversation.priority,
    requiredSkills: skillRequirements(conversation.requiredSkills),
    ...(conversation.language ? { language: conversation.language } : {}),
    customerTier: conversation.tier,
    ...(context.preferredAgentId ? { preferredAgentId: context.preferredAgentId } : {}),
    ...(context.lastAgentId ? { lastAgentId: context.lastAgentId } : {}),
    ...(context.lastHandledAt ? { lastHandledAt: context.lastHandledAt.getTime() } : {}),
    arrivedAt: conversation.createdAt.getTime(),
    ...(conversation.slaDeadline ? { slaDeadline: conversation.slaDeadline.getTime() } : {}),
  };
}

function skillRequirements(value: unknown): SkillRequirement[] {
  return Object.entries(numberRecord(value)).map(([skill, minProficiency]) => ({ skill, minProficiency }));
}

function numberRecord(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    ),
  );
}
