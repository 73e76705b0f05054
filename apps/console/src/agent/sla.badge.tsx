// A conversation's nearest SLA deadline as a coloured countdown: running, warning, breached (or paused).
import type { ConversationView } from '../live/console-state.reducer';
import { formatRemaining } from '../shell/use-now.hook';

export const SLA_TARGETS: Record<string, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

export function SlaBadge({ sla, now }: { sla: ConversationView['sla']; now: number }) {
  if (!sla) return null;
  const deadline = sla.deadline ? Date.parse(sla.deadline) : null;
  // A running clock past its deadline is breached even before the event says so.
  const state = sla.state === 'running' && deadline !== null && deadline <= now ? 'breached' : sla.state;
  // Past the deadline a countdown means nothing: say it is breached.
  const time =
    deadline === null || state === 'paused' || state === 'breached' ? state : formatRemaining(deadline, now);
  return (
    <span className={`badge sla sla-${state}`} data-sla={state}>
      {SLA_TARGETS[sla.target] ?? sla.target}: {time}
      {time !== state && <span className="visually-hidden"> ({state})</span>}
    </span>
  );
}
