// A conversation's nearest SLA deadline as a coloured countdown: running, warning, breached (or paused).
import type { ConversationView } from '../live/console-state.reducer';
import { formatRemaining } from '../shell/use-now.hook';

const TARGETS: Record<string, string> = {
  firstResponse: 'First response',
  nextResponse: 'Next response',
  resolution: 'Resolution',
};

export function SlaBadge({ sla, now }: { sla: ConversationView['sla']; now: number }) {
  if (!sla) return null;
  const deadline = sla.deadline ? Date.parse(sla.deadline) : null;
  // A running clock past its deadline is breached even before the event says so.
  const state = sla.state === 'running' && deadline !== null && deadline <= now ? 'breached' : sla.state;
  const time = deadline === null || state === 'paused' ? state : formatRemaining(deadline, now);
  return (
    <span className={`badge sla sla-${state}`} data-sla={state}>
      {TARGETS[sla.target] ?? sla.target}: {time}
      <span className="visually-hidden"> ({state})</span>
    </span>
  );
}
