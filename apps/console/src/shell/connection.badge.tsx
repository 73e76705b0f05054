// Shows whether the live stream is live, reconnecting, offline or was just resynced from a fresh snapshot.
import type { ConnectionState } from '../live/console-state.reducer';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  resynced: 'Resynced',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`badge connection-${state}`} role="status" aria-live="polite" data-connection={state}>
      <span className="dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
