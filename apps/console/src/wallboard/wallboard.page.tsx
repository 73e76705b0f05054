// The supervisor's wallboard, pushed live: per queue waiting, longest wait, service level and ASA today;
// agents by state with load against capacity; SLA breaches as they arrive; and a conversation inspector.
import type { CommandAck } from '@switchboard/contracts/console-event.schema';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import type { SessionStore } from '../api/session.store';
import { useLiveConsole } from '../live/use-live-console.hook';
import { ConnectionBadge } from '../shell/connection.badge';
import { formatDuration, useNow } from '../shell/use-now.hook';
import { ConversationInspector } from './conversation-inspector.view';
import { useDirectory } from '../shell/directory.hook';
import { SLA_TARGETS } from '../agent/sla.badge';

export function WallboardPage({ session, api }: { session: SessionStore; api: ApiClient }) {
  const { state, connection, client, loadError } = useLiveConsole('supervisor', session, api);
  const now = useNow();
  const [inspect, setInspect] = useState<string | null>(null);
  const run = useCallback(
    (command: Record<string, unknown>): Promise<CommandAck> => client.command(command),
    [client],
  );
  const directory = useDirectory(api, {
    agentIds: [...state.agents.map((a) => a.agentId), ...idsOf(state.breaches.map((b) => b.agentId))],
    queueIds: [...state.queues.map((q) => q.queueId), ...idsOf(state.breaches.map((b) => b.queueId))],
  });
  const agentName = (id: string | null) =>
    directory.agentName(id, state.agents.find((a) => a.agentId === id)?.name);
  const queueName = (id: string | null) =>
    directory.queueName(id, state.queues.find((q) => q.queueId === id)?.name);
  if (loadError)
    return (
      <p role="alert" className="form-error">
        {loadError}
      </p>
    );
  return (
    <div className="wallboard">
      <div className="page-head">
        <h1>Wallboard</h1>
        <ConnectionBadge state={connection} />
      </div>
      <section aria-labelledby="queues-title" className="panel">
        <h2 id="queues-title">Queues</h2>
        <table className="data" aria-labelledby="queues-title">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" className="num">
                Waiting
              </th>
              <th scope="col" className="num">
                Longest wait
              </th>
              <th scope="col" className="num">
                Service level today
              </th>
              <th scope="col" className="num">
                ASA today
              </th>
              <th scope="col" className="num">
                Answered
              </th>
              <th scope="col" className="num">
                Abandoned
              </th>
            </tr>
          </thead>
          <tbody>
            {state.queues.map((q) => (
              <tr key={q.queueId} data-queue-id={q.queueId}>
                <th scope="row">{queueName(q.queueId)}</th>
                <td className="num" data-field="waiting">
                  {q.waiting}
                </td>
                <td className="num">{formatDuration(q.longestWaitMs)}</td>
                <td className="num">
                  {q.serviceLevelToday === null ? '—' : `${Math.round(q.serviceLevelToday * 100)}%`}
                </td>
                <td className="num">{formatDuration(q.asaTodayMs)}</td>
                <td className="num">{q.answeredToday}</td>
                <td className="num">{q.abandonedToday}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {state.queues.length === 0 && <p className="muted">No queue statistics yet.</p>}
      </section>
      <div className="wallboard-columns">
        <section aria-labelledby="agents-title" className="panel">
          <h2 id="agents-title">Agents</h2>
          <table className="data" aria-labelledby="agents-title">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">State</th>
                <th scope="col">Load</th>
              </tr>
            </thead>
            <tbody>
              {[...state.agents]
                .sort(
                  (a, b) =>
                    a.status.localeCompare(b.status) ||
                    agentName(a.agentId).localeCompare(agentName(b.agentId)),
                )
                .map((a) => (
                  <tr key={a.agentId} data-agent-id={a.agentId}>
                    <th scope="row">
                      {agentName(a.agentId)}
                      {a.connected === false && <span className="muted"> (not connected)</span>}
                    </th>
                    <td>
                      <span className={`badge state-${a.status}`}>{a.status.replace('_', ' ')}</span>
                    </td>
                    <td>
                      <meter
                        min={0}
                        max={Math.max(a.capacity, 1)}
                        value={a.load}
                        aria-label={`Load of ${agentName(a.agentId)}`}
                      />{' '}
                      {a.load} / {a.capacity}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="breaches-title" className="panel">
          <h2 id="breaches-title">SLA breaches</h2>
          {state.breaches.length === 0 && <p className="muted">No breaches in the last 24 hours.</p>}
          <ul className="breaches" aria-live="polite">
            {state.breaches.map((b) => (
              <li key={`${b.conversationId}-${b.target}-${b.at}`}>
                <span className="badge sla-breached">{SLA_TARGETS[b.target] ?? b.target}</span>{' '}
                {queueName(b.queueId)} · {agentName(b.agentId)} · {formatDuration(now - Date.parse(b.at))} ago{' '}
                <button type="button" className="button-quiet" onClick={() => setInspect(b.conversationId)}>
                  Inspect
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <ConversationInspector
        api={api}
        agents={state.agents.map((a) => ({
          id: a.agentId,
          name: agentName(a.agentId),
          status: a.status,
          load: `${a.load}/${a.capacity}`,
        }))}
        queues={directory.queues}
        initial={inspect}
        run={run}
      />
    </div>
  );
}

function idsOf(ids: Array<string | null>): string[] {
  return ids.filter((id): id is string => id !== null);
}
