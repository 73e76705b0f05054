// Names for the ids the live stream carries (agents, queues), from the REST lists supervisors may read. The
// snapshot names what it lists; this covers agents and queues it did not (or a server without a snapshot).
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api.client';

export interface Directory {
  agentName(id: string | null, fallback?: string): string;
  queueName(id: string | null, fallback?: string): string;
}

interface Named {
  id: string;
  name?: string;
  displayName?: string;
}

export function useDirectory(api: ApiClient): Directory {
  const [names, setNames] = useState<{ agents: Map<string, string>; queues: Map<string, string> }>({
    agents: new Map(),
    queues: new Map(),
  });
  useEffect(() => {
    const list = (path: string) =>
      api.get<{ items: Named[] }>(`${path}?limit=100`).then(
        (page) => new Map(page.items.map((row) => [row.id, row.displayName ?? row.name ?? row.id])),
        () => new Map<string, string>(),
      );
    void Promise.all([list('/v1/agents'), list('/v1/queues')]).then(([agents, queues]) =>
      setNames({ agents, queues }),
    );
  }, [api]);
  const lookup = (map: Map<string, string>) => (id: string | null, fallback?: string) =>
    (id && map.get(id)) ?? (fallback && fallback !== id ? fallback : null) ?? id ?? '—';
  return { agentName: lookup(names.agents), queueName: lookup(names.queues) };
}
