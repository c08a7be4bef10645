import { isDeepStrictEqual } from 'node:util';
import { parseSessionState, type SessionState, type VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';

/** Tries before giving up on a change that others keep overtaking. */
const ATTEMPTS = 20;

export async function readSessionState(store: Pick<Store, 'loadSessionState'>, sessionId: string): Promise<VersionedSessionState | null> {
  const stored = await store.loadSessionState(sessionId);
  return stored ? { version: stored.version, state: parseSessionState(stored.state) } : null;
}

/**
 * Changes a session's state as one step after whatever was written before it, wherever that
 * was: the change is worked out from the stored state and written only if nobody wrote in
 * between (compare and set on the version), else worked out again from theirs. Two changes at
 * once, on two nodes, land as two versions, never one lost. A change that changes nothing
 * writes nothing. Resolves to the state as stored afterwards and whether this call wrote it.
 */
export async function changeSessionState(
  store: Pick<Store, 'loadSessionState' | 'replaceSessionState'>,
  sessionId: string,
  change: (state: SessionState) => SessionState,
): Promise<{ current: VersionedSessionState; changed: boolean }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await readSessionState(store, sessionId);
    if (!before) throw new Error(`no state for session ${sessionId}`);
    const next = change(before.state);
    if (isDeepStrictEqual(next, before.state)) return { current: before, changed: false };
    if (await store.replaceSessionState(sessionId, before.version, JSON.stringify(next))) {
      return { current: { version: before.version + 1, state: next }, changed: true };
    }
  }
  throw new Error(`session ${sessionId}: the state kept changing under ${ATTEMPTS} attempts`);
}
