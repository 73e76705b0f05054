// Moving or ending a conversation: transfer (to a queue or an agent), wrap-up with a disposition, close, and
// a follow-up. Each is one small form; the router's answer shows in the page's status line.
import { useState, type FormEvent } from 'react';
import type { Directory } from '../shell/directory.hook';
import { formText as text } from '../shell/form.util';
import { TransferTargetSelect, transferTarget } from '../shell/transfer-target.view';
import { colleaguesOf } from '../shell/transfer-target.util';
import type { RunCommand } from './run-command';

const FOLLOW_UPS = [
  { label: 'In 1 hour', ms: 3_600_000 },
  { label: 'In 4 hours', ms: 14_400_000 },
  { label: 'Tomorrow', ms: 86_400_000 },
];

interface Props {
  conversationId: string;
  run: RunCommand;
  directory: Directory;
  /** The signed-in agent, left out of the transfer picker. */
  selfAgentId: string | null;
}

export function ConversationActions({ conversationId, run, directory, selfAgentId }: Props) {
  const [open, setOpen] = useState<'transfer' | 'wrap-up' | 'follow-up' | null>(null);
  const toggle = (name: typeof open) => setOpen((current) => (current === name ? null : name));

  function submit(
    event: FormEvent<HTMLFormElement>,
    build: (form: FormData) => Record<string, unknown>,
    done: string,
  ) {
    event.preventDefault();
    const command = build(new FormData(event.currentTarget));
    void run({ conversationId, ...command }, done).then((ack) => ack.ok && setOpen(null));
  }

  return (
    <div className="conversation-actions">
      <div className="actions">
        <button
          type="button"
          aria-expanded={open === 'transfer'}
          onClick={() => {
            // Colleagues' statuses change while the page is open: the picker shows them as of now.
            if (open !== 'transfer') directory.reload();
            toggle('transfer');
          }}
        >
          Transfer
        </button>
        <button type="button" aria-expanded={open === 'wrap-up'} onClick={() => toggle('wrap-up')}>
          Wrap up
        </button>
        <button type="button" aria-expanded={open === 'follow-up'} onClick={() => toggle('follow-up')}>
          Follow up
        </button>
        <button
          type="button"
          onClick={() => void run({ type: 'conversation.close', conversationId }, 'Closed')}
        >
          Close
        </button>
      </div>
      {open === 'transfer' && (
        <form
          className="inline-form"
          onSubmit={(e) =>
            submit(
              e,
              (f) => {
                const note = text(f, 'note');
                return {
                  type: 'conversation.transfer',
                  ...transferTarget(text(f, 'target')),
                  ...(note ? { note } : {}),
                };
              },
              'Transferred',
            )
          }
        >
          <TransferTargetSelect
            label="Transfer to"
            agents={colleaguesOf(directory.agents, selfAgentId)}
            queues={directory.queues}
          />
          <label>
            Note <input name="note" maxLength={500} />
          </label>
          <button type="submit">Transfer</button>
        </form>
      )}
      {open === 'wrap-up' && (
        <form
          className="inline-form"
          onSubmit={(e) =>
            submit(
              e,
              (f) => {
                const notes = text(f, 'notes');
                return {
                  type: 'conversation.wrap-up',
                  disposition: text(f, 'disposition'),
                  ...(notes ? { notes } : {}),
                };
              },
              'Wrapped up',
            )
          }
        >
          <label>
            Disposition
            <select name="disposition" required defaultValue="resolved">
              <option value="resolved">Resolved</option>
              <option value="escalated">Escalated</option>
              <option value="no-response">No response</option>
              <option value="spam">Spam</option>
            </select>
          </label>
          <label>
            Notes <input name="notes" maxLength={500} />
          </label>
          <button type="submit">Wrap up</button>
        </form>
      )}
      {open === 'follow-up' && (
        <form
          className="inline-form"
          onSubmit={(e) =>
            submit(
              e,
              (f) => {
                const note = text(f, 'note');
                return {
                  type: 'conversation.follow-up',
                  inMs: Number(f.get('inMs')),
                  ...(note ? { note } : {}),
                };
              },
              'Follow-up set',
            )
          }
        >
          <label>
            When
            <select name="inMs" defaultValue={String(FOLLOW_UPS[0].ms)}>
              {FOLLOW_UPS.map((f) => (
                <option key={f.ms} value={f.ms}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note <input name="note" maxLength={500} />
          </label>
          <button type="submit">Set follow-up</button>
        </form>
      )}
    </div>
  );
}
