// Overflow steps name another queue by id inside a JSON document, where no foreign key can guard them:
// targets must be queues of the tenant, and a queue's effective policy must never overflow into the queue itself
// (the routing core refuses such a policy, which would leave the queue on its previous one).
import { DomainError, ErrorCode, type QueuePolicyDocument } from '@switchboard/contracts';
import type { IdAt } from './tenant-refs.util';

/** The overflow targets of a policy, each with its path in the request body (`<prefix>.relaxation.N.queueId`). */
export function overflowTargets(policy: QueuePolicyDocument | undefined, prefix: string): IdAt[] {
  return (policy?.relaxation ?? []).flatMap((step, i) =>
    step.action === 'overflow' ? [{ id: step.queueId, path: `${prefix}.relaxation.${i}.queueId` }] : [],
  );
}

/** Throws a 400 at `pathOf(step index)` when the queue's effective policy overflows into the queue itself. */
export function assertNoSelfOverflow(
  queueId: string,
  effective: QueuePolicyDocument,
  pathOf: (index: number) => string,
): void {
  const index = (effective.relaxation ?? []).findIndex(
    (step) => step.action === 'overflow' && step.queueId === queueId,
  );
  if (index < 0) return;
  const message = `queue ${queueId} would overflow into itself (relaxation step ${index})`;
  throw new DomainError(ErrorCode.ValidationFailed, message, [{ path: pathOf(index), message }]);
}
