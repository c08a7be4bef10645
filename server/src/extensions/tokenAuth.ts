import type { Store } from '../store/types.js';
import { authenticate } from '../sessions/access.js';
import type { Extension } from './types.js';

/** Tokens checked against the participants in the store (only their hashes are kept). */
export function tokenAuth(store: Store): Extension {
  return { name: 'token-auth', onAuthenticate: (token) => authenticate(store, token) };
}
