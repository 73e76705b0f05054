// The queues an SLA policy's overflow actions name: JSON ids have no foreign key, so writes check them.
import type { SlaAction } from '@switchboard/contracts';
import type { IdAt } from '../shared/tenant-refs.util';

export function overflowRefs(body: {
  onWarning?: readonly SlaAction[];
  onBreach?: readonly SlaAction[];
}): IdAt[] {
  const refs = (field: 'onWarning' | 'onBreach'): IdAt[] =>
    (body[field] ?? []).flatMap((action, i) =>
      action.type === 'overflow' ? [{ id: action.queueId, path: `${field}.${i}.queueId` }] : [],
    );
  return [...refs('onWarning'), ...refs('onBreach')];
}
