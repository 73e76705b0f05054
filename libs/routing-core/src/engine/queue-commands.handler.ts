// upsertQueue and removeQueue. A policy change re-files every waiting contact of the queue under the
// new scoring and rings, and marks them for re-evaluation (the rings may have widened).
import type { QueuePolicyInput } from '../model/queue.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { normalizeQueuePolicy } from '../policy/queue-policy';
import { applyQueueScoring, compileRing, SETTLE_UPDATE, settleWaiting } from './contact-lifecycle';
import { QueueState } from './queue-state';
import type { RoutingState } from './routing-state';

export function upsertQueue(state: RoutingState, input: QueuePolicyInput): void {
  const policy = normalizeQueuePolicy(input);
  for (const step of policy.steps) {
    if (step.action !== 'overflow') continue;
    const target = state.queues.get(step.queueId);
    if (target === undefined || target.policy.tenantId !== policy.tenantId) {
      throw new RoutingError(
        RoutingErrorCode.UnknownQueue,
        `overflow target '${step.queueId}' is not a queue of tenant '${policy.tenantId}'`,
      );
    }
  }
  const existing = state.queues.get(policy.id);
  if (existing === undefined) {
    state.queues.set(policy.id, new QueueState(policy));
    return;
  }
  if (existing.policy.tenantId !== policy.tenantId) {
    throw new RoutingError(RoutingErrorCode.TenantMismatch, `queue '${policy.id}' belongs to another tenant`);
  }
  existing.setPolicy(policy);
  for (const c of existing.contacts.toArray()) {
    c.stepIndex = Math.min(c.stepIndex, policy.steps.length);
    applyQueueScoring(c);
    compileRing(state, c);
    if (c.status !== 'waiting') continue; // the new policy applies if it is re-queued
    settleWaiting(state, c, SETTLE_UPDATE);
    state.dirtyContacts.add(c);
  }
}

export function removeQueue(state: RoutingState, queueId: string): void {
  const queue = state.queues.get(queueId);
  if (queue === undefined)
    throw new RoutingError(RoutingErrorCode.UnknownQueue, `unknown queue '${queueId}'`);
  if (queue.contacts.size > 0) {
    throw new RoutingError(
      RoutingErrorCode.QueueInUse,
      `queue '${queueId}' still holds ${queue.contacts.size} contact(s)`,
    );
  }
  for (const other of state.queues.values()) {
    if (other.policy.steps.some((s) => s.action === 'overflow' && s.queueId === queueId)) {
      throw new RoutingError(RoutingErrorCode.QueueInUse, `queue '${other.id}' overflows into '${queueId}'`);
    }
  }
  state.queues.delete(queueId);
}
