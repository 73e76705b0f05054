// Moving or ending a conversation: transfer (to a queue or an agent), wrap-up with a disposition, close, and
// a follow-up. Each is one small form; the router's answer shows in the page's status line.
import { useState, type FormEvent, type ReactNode } from 'react';
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

  function send(command: Record<string, unknown>, done: string) {
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
        <InlineCommandForm
          build={(f) => ({ type: 'conversation.transfer', ...transferTarget(text(f, 'target')) })}
          note={{ name: 'note', label: 'Note' }}
          submitLabel="Transfer"
          onCommand={(command) => send(command, 'Transferred')}
        >
          <TransferTargetSelect
            label="Transfer to"
            agents={colleaguesOf(directory.agents, selfAgentId)}
            queues={directory.queues}
          />
        </InlineCommandForm>
      )}
      {open === 'wrap-up' && (
        <InlineCommandForm
          build={(f) => ({ type: 'conversation.wrap-up', disposition: text(f, 'disposition') })}
          note={{ name: 'notes', label: 'Notes' }}
          submitLabel="Wrap up"
          onCommand={(command) => send(command, 'Wrapped up')}
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
        </InlineCommandForm>
      )}
      {open === 'follow-up' && (
        <InlineCommandForm
          build={(f) => ({ type: 'conversation.follow-up', inMs: Number(f.get('inMs')) })}
          note={{ name: 'note', label: 'Note' }}
          submitLabel="Set follow-up"
          onCommand={(command) => send(command, 'Follow-up set')}
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
        </InlineCommandForm>
      )}
    </div>
  );
}

interface InlineCommandFormProps {
  /** The command from the form's own fields. */
  build: (form: FormData) => Record<string, unknown>;
  /** The optional free-text field each action offers; sent under its name only when filled in. */
  note: { name: 'note' | 'notes'; label: string };
  submitLabel: string;
  onCommand: (command: Record<string, unknown>) => void;
  children: ReactNode;
}

/** One action's small form: its own fields, the optional note, and the submit button. */
function InlineCommandForm({ build, note, submitLabel, onCommand, children }: InlineCommandFormProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = text(form, note.name);
    onCommand({ ...build(form), ...(value ? { [note.name]: value } : {}) });
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      {children}
      <label>
        {note.label} <input name={note.name} maxLength={500} />
      </label>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
