// Names for the ids the live stream carries, and the choices of the transfer pickers, from
// GET /v1/console/directory. An id it cannot name (a queue or agent created since it loaded) makes it reload once
// for that id, at most every few seconds; a reload the throttle holds back is scheduled, never dropped.
import type { ConsoleDirectory } from '@switchboard/contracts/console-directory.schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import { idsToAsk, reloadDelay } from './directory-reload.util';

export interface Directory {
  queues: ConsoleDirectory['queues'];
  agents: ConsoleDirectory['agents'];
  agentName(id: string | null, fallback?: string): string;
  queueName(id: string | null, fallback?: string): string;
  /** Loads it again now (a picker opening wants current statuses). */
  reload(): void;
}

/** The router's implicit queue for contacts that name none: on the wire as 'default', in no list. */
export const DEFAULT_QUEUE = { id: 'default', name: 'Default' } as const;
const EMPTY: ConsoleDirectory = { queues: [], agents: [], truncated: false };

export function useDirectory(
  api: ApiClient,
  seen: { agentIds: string[]; queueIds: string[] } = { agentIds: [], queueIds: [] },
): Directory {
  const [directory, setDirectory] = useState<ConsoleDirectory | null>(null);
  const [tick, setTick] = useState(0);
  const loadedAt = useRef(0);
  const load = useCallback(() => {
    loadedAt.current = Date.now();
    // Not cancelled when the ids change meanwhile: its answer names those too, or they ask again.
    api.get<ConsoleDirectory>('/v1/console/directory').then(
      (loaded) => setDirectory(loaded),
      // Unnamed ids show as ids; the next unknown id tries again.
      () => setDirectory((previous) => previous ?? EMPTY),
    );
  }, [api]);
  // Ids a load was already asked for: one that stays unknown (a deleted queue) does not reload forever.
  const askedFor = useRef(new Set<string>());
  const known = new Set([
    DEFAULT_QUEUE.id,
    ...(directory?.queues ?? []).map((q) => q.id),
    ...(directory?.agents ?? []).map((a) => a.id),
  ]);
  const trigger =
    directory === null
      ? 'first'
      : idsToAsk([...seen.agentIds, ...seen.queueIds], known, askedFor.current).join(',');

  useEffect(() => {
    if (trigger === '') return;
    const wait = reloadDelay(loadedAt.current, Date.now());
    if (directory !== null && wait > 0) {
      const timer = setTimeout(() => setTick((t) => t + 1), wait);
      return () => clearTimeout(timer);
    }
    for (const id of trigger.split(',')) askedFor.current.add(id);
    load();
    return undefined;
  }, [load, trigger, tick]);

  const names = (rows: Array<{ id: string; name: string }>) => new Map(rows.map((row) => [row.id, row.name]));
  const lookup = (map: Map<string, string>) => (id: string | null, fallback?: string) =>
    (id && map.get(id)) ?? (fallback && fallback !== id ? fallback : null) ?? id ?? '—';
  const queues = directory?.queues ?? [];
  const agents = directory?.agents ?? [];
  return {
    queues,
    agents,
    agentName: lookup(names(agents)),
    queueName: lookup(names([DEFAULT_QUEUE, ...queues])),
    reload: load,
  };
}
