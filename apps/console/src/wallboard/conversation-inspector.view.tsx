// Any conversation's routing story (offers with their reasons, the decision log) and a reassign: transfer it
// to a chosen agent or queue (on /supervisors). Opened from a breach, or by pasting a conversation id.
import type { CommandAck } from '@switchboard/contracts/console-event.schema';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../api/api.client';
import type { Directory } from '../shell/directory.hook';
import { formText } from '../shell/form.util';
import { TransferTargetSelect, transferTarget, type TargetAgent } from '../shell/transfer-target.view';

interface RoutingHistory {
  conversationId: string;
  status: string;
  offers: Array<{ offerId: string; agentId: string; status: string; offeredAt: string; reason: unknown }>;
  decisions: Array<{ kind: string; at: string; payload: unknown }>;
}

interface Props {
  api: ApiClient;
  agents: TargetAgent[];
  queues: Directory['queues'];
  initial: string | null;
  run: (command: Record<string, unknown>) => Promise<CommandAck>;
}

export function ConversationInspector({ api, agents, queues, initial, run }: Props) {
  const [id, setId] = useState(initial ?? '');
  const [history, setHistory] = useState<RoutingHistory | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function load(conversationId: string) {
    setMessage(null);
    try {
      setHistory(
        await api.get<RoutingHistory>(`/v1/conversations/${encodeURIComponent(conversationId)}/routing`),
      );
    } catch (error) {
      setHistory(null);
      setMessage(error instanceof ApiError ? error.message : 'Could not load the conversation');
    }
  }
  useEffect(() => {
    if (initial) {
      setId(initial);
      void load(initial);
    }
    // Only a new breach click reloads; typing does not.
  }, [initial]);

  async function reassign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!history) return;
    const target = transferTarget(formText(new FormData(event.currentTarget), 'target'));
    const ack = await run({
      type: 'conversation.transfer',
      conversationId: history.conversationId,
      ...target,
    });
    // The routing story changed: show it as it is now (the new offer and the transfer in the decision log).
    if (ack.ok) await load(history.conversationId);
    setMessage(ack.ok ? 'Reassigned' : `${ack.code}: ${ack.message}`);
  }

  const name = (agentId: string) => agents.find((a) => a.id === agentId)?.name ?? agentId;
  return (
    <section className="panel" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Conversation</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load(id.trim());
        }}
      >
        <label>
          Conversation id <input value={id} onChange={(e) => setId(e.target.value)} required />
        </label>
        <button type="submit">Show routing</button>
      </form>
      {message && (
        <p role="status" className="status-line">
          {message}
        </p>
      )}
      {history && (
        <>
          <p>
            Status: <strong>{history.status}</strong>
          </p>
          <h3>Offers and why</h3>
          <ol className="decisions">
            {history.offers.map((o) => (
              <li key={o.offerId}>
                {name(o.agentId)} · {o.status} ·{' '}
                <time dateTime={o.offeredAt}>{new Date(o.offeredAt).toLocaleTimeString()}</time>
                <pre className="reason">{JSON.stringify(o.reason, null, 2)}</pre>
              </li>
            ))}
          </ol>
          <h3>Decision log</h3>
          <ol className="decisions">
            {history.decisions.map((d, index) => (
              <li key={`${d.at}-${index}`}>
                {d.kind} · <time dateTime={d.at}>{new Date(d.at).toLocaleTimeString()}</time>
                <pre className="reason">{JSON.stringify(d.payload, null, 2)}</pre>
              </li>
            ))}
          </ol>
          <form className="inline-form" onSubmit={(e) => void reassign(e)}>
            <TransferTargetSelect label="Reassign to" agents={agents} queues={queues} />
            <button type="submit">Reassign</button>
          </form>
        </>
      )}
    </section>
  );
}
