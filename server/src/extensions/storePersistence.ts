import type { Store } from '../store/types.js';
import type { Extension } from './types.js';

/** Boards kept in the configured store: the state, its update log and the client-id owners. */
export function storePersistence(store: Store): Extension {
  return { name: 'store-persistence', persistence: store };
}
