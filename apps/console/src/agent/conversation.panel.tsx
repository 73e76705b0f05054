// The open conversation: the customer's thread across channels, the reply box (Ctrl+Enter sends), internal
// notes, and the actions that end or move the work: transfer, wrap-up, close, follow-up.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiClient } from '../api/api.client';
import type { ConversationView, LiveMessage } from '../live/console-state.reducer';
import { ChannelIcon } from '../shell/channel.icon';
import { useDirectory } from '../shell/directory.hook';
import { ConversationActions } from './conversation-actions.view';
import { useCustomerThread } from './customer-thread.hook';
import type { RunCommand } from './run-command';

interface Props {
  api: ApiClient;
  conversation: ConversationView;
  live: LiveMessage[];
  deliveries: Record<string, string>;
  run: RunCommand;
  /** The signed-in agent (not offered as a transfer target). */
  selfAgentId: string | null;
  /** Tells the store who the customer is, once the thread has loaded (the list shows their name). */
  onCustomer: (customerId: string, customerName: string | null) => void;
}

export function ConversationPanel({
  api,
  conversation,
  live,
  deliveries,
  run,
  selfAgentId,
  onCustomer,
}: Props) {
  const { conversationId } = conversation;
  const thread = useCustomerThread(api, conversationId, live);
  const directory = useDirectory(api);
  const known = conversation.customerName !== null;
  useEffect(() => {
    if (thread.customerId && !known) onCustomer(thread.customerId, thread.customerName);
  }, [thread.customerId, thread.customerName, known, onCustomer]);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [draft, setDraft] = useState('');

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    const command =
      mode === 'reply'
        ? { type: 'conversation.reply', conversationId, body, clientMessageId: crypto.randomUUID() }
        : { type: 'conversation.note', conversationId, body };
    if ((await run(command, mode === 'reply' ? 'Reply sent' : 'Note added')).ok) setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  }

  const name = thread.customerName ?? conversation.customerName ?? 'Customer';
  return (
    <section className="panel conversation" aria-labelledby="conversation-title">
      <header className="panel-head">
        <h2 id="conversation-title">
          <ChannelIcon channel={conversation.channel} /> {name}
        </h2>
      </header>
      {thread.error && <p className="form-error">{thread.error}</p>}
      <ol className="thread" aria-label={`History with ${name}`}>
        {thread.messages.map((m) => (
          <li key={m.id} className={`message message-${m.author}`} data-message-id={m.id}>
            <div className="message-meta">
              <ChannelIcon channel={m.channel} /> {labelOf(m.author)} ·{' '}
              <time dateTime={m.at}>{new Date(m.at).toLocaleString()}</time>
              {m.conversationId !== conversationId && <span className="muted"> · earlier conversation</span>}
              {m.direction === 'outbound' && deliveries[m.id] && (
                <span className={`delivery delivery-${deliveries[m.id]}`}> · {deliveries[m.id]}</span>
              )}
            </div>
            <p className="message-body">{m.body}</p>
          </li>
        ))}
      </ol>
      <form className="composer" onSubmit={(e) => void send(e)}>
        <div className="segmented" role="group" aria-label="Write">
          <button type="button" aria-pressed={mode === 'reply'} onClick={() => setMode('reply')}>
            Reply
          </button>
          <button type="button" aria-pressed={mode === 'note'} onClick={() => setMode('note')}>
            Internal note
          </button>
        </div>
        <label htmlFor="composer-text" className="visually-hidden">
          {mode === 'reply' ? 'Reply to the customer' : 'Internal note (never sent to the customer)'}
        </label>
        <textarea
          id="composer-text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          placeholder={
            mode === 'reply' ? 'Reply… (Ctrl+Enter sends)' : 'Note for colleagues… (Ctrl+Enter adds)'
          }
        />
        <button type="submit" className="button-primary" disabled={!draft.trim()}>
          {mode === 'reply' ? 'Send reply' : 'Add note'}
        </button>
      </form>
      <ConversationActions
        conversationId={conversationId}
        run={run}
        directory={directory}
        selfAgentId={selfAgentId}
      />
    </section>
  );
}

function labelOf(author: string): string {
  switch (author) {
    case 'customer':
      return 'Customer';
    case 'agent':
      return 'Agent';
    case 'note':
      return 'Internal note';
    case 'auto-ack':
      return 'Auto-acknowledgement';
    case 'csat-survey':
      return 'Satisfaction survey';
    default:
      return author;
  }
}
