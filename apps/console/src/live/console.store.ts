// The one store the views read: the folded console state and the stream's connection state, exposed to React
// through useSyncExternalStore so every view re-renders from the same immutable value.
import { useSyncExternalStore } from 'react';
import {
  EMPTY_STATE,
  reduceConsole,
  type ConnectionState,
  type ConsoleAction,
  type ConsoleState,
} from './console-state.reducer';

export interface StoreValue {
  state: ConsoleState;
  connection: ConnectionState;
}

export class ConsoleStore {
  private value: StoreValue = { state: EMPTY_STATE, connection: 'connecting' };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): StoreValue => this.value;

  dispatch(action: ConsoleAction): void {
    this.set({ ...this.value, state: reduceConsole(this.value.state, action) });
  }

  setConnection(connection: ConnectionState): void {
    if (connection !== this.value.connection) this.set({ ...this.value, connection });
  }

  private set(value: StoreValue): void {
    this.value = value;
    for (const listener of this.listeners) listener();
  }
}

export function useConsole(store: ConsoleStore): StoreValue {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
