// React binding of the store: re-renders only when the selected slice changes (Object.is).
import { useSyncExternalStore } from 'react';
import type { AppState, Store } from './store';

export function useStore<T>(store: Store, select: (s: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
