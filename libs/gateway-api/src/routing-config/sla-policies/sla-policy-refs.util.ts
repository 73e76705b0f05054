// The queues an SLA policy's overflow actions name: JSON ids have no foreign key, so writes check them.
import { SlaActionsSchema, type SlaAction } from '@switchboard/contracts';
import { storedJson } from '../shared/stored-json.util';
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

/** Queue ids a stored policy's actions overflow into (its JSON columns read defensively). */
export function storedOverflowQueueIds(row: { onWarning: unknown; onBreach: unknown }): string[] {
  const onWarning = storedJson(SlaActionsSchema, row.onWarning, []);
  const onBreach = storedJson(SlaActionsSchema, row.onBreach, []);
  return overflowRefs({ onWarning, onBreach }).map((ref) => ref.id);
}
