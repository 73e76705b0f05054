// An agent's workspace: status, incoming offers, their conversations with SLA countdowns, the open
// conversation, and keyboard shortcuts (press ? for the list).
import type { CommandAck } from '@switchboard/contracts/console-event.schema';
import { AgentStatusSchema } from '@switchboard/contracts/primitives.schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import type { SessionStore } from '../api/session.store';
import { useLiveConsole } from '../live/use-live-console.hook';
import { ChannelIcon } from '../shell/channel.icon';
import { ConnectionBadge } from '../shell/connection.badge';
import { HelpOverlay } from '../shell/help.overlay';
import { useShortcuts } from '../shell/shortcuts.hook';
import { useNow } from '../shell/use-now.hook';
import { ConversationPanel } from './conversation.panel';
import { OfferCard } from './offer.card';
import { askNotificationPermission, beep, notifyOffer } from './offer-alert.util';
import type { RunCommand } from './run-command';
import { SlaBadge } from './sla.badge';

export const AGENT_SHORTCUTS = [
  { keys: 'a', action: 'Accept the oldest offer' },
  { keys: 'd', action: 'Decline the oldest offer' },
  { keys: 'j / k', action: 'Next / previous conversation' },
  { keys: 'r', action: 'Write a reply' },
  { keys: 'Ctrl+Enter', action: 'Send the reply or note' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Leave the text box, or close this help' },
];

export function AgentPage({ session, api }: { session: SessionStore; api: ApiClient }) {
  const live = useLiveConsole('agent', session, api);
  const { state, connection, client } = live;
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null);
  const [help, setHelp] = useState(false);

  const run: RunCommand = useCallback(
    async (command, success) => {
      const ack: CommandAck = await client.command(command);
      setStatus(ack.ok ? { text: success, ok: true } : { text: describeRefusal(ack), ok: false });
      return ack;
    },
    [client],
  );

  useOfferAlerts(
    state.offers.map((o) => o.offerId),
    state.offers[state.offers.length - 1]?.preview ?? '',
  );
  const conversations = state.conversations;
  const current = conversations.find((c) => c.conversationId === selected) ?? conversations[0] ?? null;
  const oldestOffer = state.offers[0];
  const { store } = live;
  const currentId = current?.conversationId;
  const onCustomer = useCallback(
    (customerId: string, customerName: string | null) => {
      if (currentId)
        store.dispatch({ kind: 'customer-known', conversationId: currentId, customerId, customerName });
    },
    [store, currentId],
  );

  useShortcuts({
    a: () => oldestOffer && void run({ type: 'offer.accept', offerId: oldestOffer.offerId }, 'Accepted'),
    d: () => oldestOffer && void run({ type: 'offer.decline', offerId: oldestOffer.offerId }, 'Declined'),
    j: () =>
      setSelected(
        step(
          conversations.map((c) => c.conversationId),
          current?.conversationId,
          1,
        ),
      ),
    k: () =>
      setSelected(
        step(
          conversations.map((c) => c.conversationId),
          current?.conversationId,
          -1,
        ),
      ),
    r: () => document.getElementById('composer-text')?.focus(),
    '?': () => setHelp((h) => !h),
  });

  if (live.loadError)
    return (
      <p role="alert" className="form-error">
        {live.loadError}
      </p>
    );
  return (
    <div className="agent-layout">
      <aside className="sidebar" aria-label="My work">
        <div className="sidebar-head">
          <ConnectionBadge state={connection} />
          <button
            type="button"
            className="button-quiet"
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
        </div>
        <label className="field">
          <span>My status</span>
          <select
            value={state.me?.status ?? 'offline'}
            onChange={(e) => {
              askNotificationPermission();
              void run({ type: 'status.set', status: e.target.value }, `Status: ${e.target.value}`);
            }}
          >
            {AgentStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <h2 className="section-title">Offers</h2>
        {state.offers.length === 0 && <p className="muted">No offers waiting.</p>}
        <ul className="offers" aria-label="Offers">
          {state.offers.map((offer, index) => (
            <OfferCard
              key={offer.offerId}
              offer={offer}
              now={now}
              first={index === 0}
              onAccept={() => void run({ type: 'offer.accept', offerId: offer.offerId }, 'Accepted')}
              onDecline={() => void run({ type: 'offer.decline', offerId: offer.offerId }, 'Declined')}
            />
          ))}
        </ul>
        <h2 className="section-title">My conversations</h2>
        {conversations.length === 0 && <p className="muted">Nothing assigned to you.</p>}
        <ul className="conversation-list" aria-label="My conversations">
          {conversations.map((c) => (
            <li key={c.conversationId}>
              <button
                type="button"
                className="conversation-item"
                aria-current={c.conversationId === current?.conversationId ? 'true' : undefined}
                onClick={() => setSelected(c.conversationId)}
              >
                <span className="conversation-item-head">
                  <ChannelIcon channel={c.channel} />
                  <span className="conversation-name">{c.customerName ?? 'Customer'}</span>
                  <SlaBadge sla={c.sla} now={now} />
                </span>
                <span className="conversation-preview">{c.lastMessagePreview ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="workspace">
        <p
          className={`status-line ${status?.ok === false ? 'status-error' : ''}`}
          role="status"
          aria-live="polite"
        >
          {status?.text ?? ''}
        </p>
        {current ? (
          <ConversationPanel
            key={current.conversationId}
            api={api}
            conversation={current}
            live={state.messages[current.conversationId] ?? []}
            deliveries={state.deliveries}
            run={run}
            selfAgentId={state.me?.agentId ?? null}
            onCustomer={onCustomer}
          />
        ) : (
          <p className="empty">Accept an offer to start a conversation.</p>
        )}
      </div>
      {help && <HelpOverlay shortcuts={AGENT_SHORTCUTS} onClose={() => setHelp(false)} />}
    </div>
  );
}

function describeRefusal(ack: Extract<CommandAck, { ok: false }>): string {
  const fields = ack.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  return `${ack.code}: ${ack.message}${fields ? ` (${fields})` : ''}`;
}

function step(ids: string[], current: string | undefined, by: number): string | null {
  if (ids.length === 0) return null;
  const index = current ? ids.indexOf(current) : -1;
  return ids[(index + by + ids.length) % ids.length];
}

/** Beeps (and notifies, when the page is hidden) once per new offer, not on every render. */
function useOfferAlerts(offerIds: string[], latestPreview: string): void {
  const seen = useRef(new Set<string>());
  const key = offerIds.join(',');
  // Runs when the id list changes (key); new arrays with the same ids find nothing fresh.
  useEffect(() => {
    const fresh = offerIds.filter((id) => !seen.current.has(id));
    for (const id of fresh) seen.current.add(id);
    if (fresh.length > 0) {
      beep();
      notifyOffer(latestPreview);
    }
  }, [key, offerIds, latestPreview]);
}
