// Names for the ids the live stream carries (agents, queues), from the REST lists supervisors may read. The
// snapshot names what it lists; this covers what it did not: agents or queues created since, or a server
// without a snapshot. An id it cannot name makes it reload the lists (at most every few seconds).
import { useEffect, useRef, useState } from 'react';
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
interface Names {
  agents: Map<string, string>;
  queues: Map<string, string>;
}

const RELOAD_AFTER_MS = 5_000;

export function useDirectory(api: ApiClient, seen: { agentIds: string[]; queueIds: string[] }): Directory {
  const [names, setNames] = useState<Names>({ agents: new Map(), queues: new Map() });
  const loadedAt = useRef(0);
  const missing =
    seen.agentIds.some((id) => !names.agents.has(id)) || seen.queueIds.some((id) => !names.queues.has(id));
  useEffect(() => {
    if (loadedAt.current > 0 && (!missing || Date.now() - loadedAt.current < RELOAD_AFTER_MS)) return;
    loadedAt.current = Date.now();
    const list = (path: string) =>
      api.get<{ items: Named[] }>(`${path}?limit=100`).then(
        (page) => new Map(page.items.map((row) => [row.id, row.displayName ?? row.name ?? row.id])),
        () => new Map<string, string>(),
      );
    void Promise.all([list('/v1/agents'), list('/v1/queues')]).then(([agents, queues]) =>
      setNames({ agents, queues }),
    );
  }, [api, missing]);
  const lookup = (map: Map<string, string>) => (id: string | null, fallback?: string) =>
    (id && map.get(id)) ?? (fallback && fallback !== id ? fallback : null) ?? id ?? '—';
  return { agentName: lookup(names.agents), queueName: lookup(names.queues) };
}
