// The transfer pickers' one select: colleagues (with their status, and load where the wallboard knows it) and
// queues, from the console directory, so nobody types an id. Its value is `agent:<id>` or `queue:<id>`.
import type { Directory } from './directory.hook';

export interface TargetAgent {
  id: string;
  name: string;
  status: string;
  load?: string;
}

interface Props {
  label: string;
  agents: TargetAgent[];
  queues: Directory['queues'];
}

export function TransferTargetSelect({ label, agents, queues }: Props) {
  return (
    <label>
      {label}
      <select name="target" required defaultValue="">
        <option value="" disabled>
          Choose an agent or a queue
        </option>
        <optgroup label="Agents">
          {agents.map((a) => (
            <option key={a.id} value={`agent:${a.id}`}>
              {a.name} ({[a.status.replace('_', ' '), a.load].filter(Boolean).join(', ')})
            </option>
          ))}
        </optgroup>
        <optgroup label="Queues">
          {queues.map((q) => (
            <option key={q.id} value={`queue:${q.id}`}>
              {q.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/** The command's target fields for the select's value. */
export function transferTarget(value: string): { agentId: string } | { queueId: string } {
  const [kind, id = ''] = value.split(':', 2);
  return kind === 'agent' ? { agentId: id } : { queueId: id };
}
