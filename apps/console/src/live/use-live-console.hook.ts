// Starts one live client (snapshot + stream) for a view while it is shown, and stops it when it goes.
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import type { SessionStore } from '../api/session.store';
import { ConsoleStore, useConsole, type StoreValue } from './console.store';
import { LiveClient, type ConsoleView } from './live.client';

export interface LiveConsole extends StoreValue {
  client: LiveClient;
  store: ConsoleStore;
  loadError: string | null;
}

export function useLiveConsole(view: ConsoleView, session: SessionStore, api: ApiClient): LiveConsole {
  const store = useMemo(() => new ConsoleStore(), []);
  const client = useMemo(() => new LiveClient(view, session, api, store), [view, session, api, store]);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    client.start().catch((error: unknown) => {
      setLoadError(error instanceof Error ? error.message : 'The console could not load');
    });
    return () => client.stop();
  }, [client]);
  const value = useConsole(store);
  return { ...value, client, store, loadError };
}
