import type { StoredDoc } from '../store/types.js';
import type { BoardPersistence } from '../extensions/types.js';

/** Which board: a session's shared one (`owner` null), or one person's private board. */
export interface BoardRef {
  sessionId: string;
  owner: string | null;
}

export const SHARED = (sessionId: string): BoardRef => ({ sessionId, owner: null });

/** A board's name among the nodes and in memory: the session id, or `<sessionId>/private/<owner>`. */
export function roomKeyOf(ref: BoardRef): string {
  return ref.owner === null ? ref.sessionId : `${ref.sessionId}/private/${ref.owner}`;
}

/** The store as one board sees it: its own log and state, nothing of any other board. */
export interface BoardStorage {
  load(): Promise<StoredDoc>;
  append(update: Uint8Array): Promise<number>;
  compact(state: Uint8Array, throughSeq: number): Promise<void>;
  bind(participantId: string, clientIds: readonly number[]): Promise<void>;
}

export function boardStorage(p: BoardPersistence, ref: BoardRef): BoardStorage {
  const { sessionId, owner } = ref;
  if (owner === null) {
    return {
      load: () => p.loadDoc(sessionId),
      append: (update) => p.appendUpdate(sessionId, update),
      compact: (state, through) => p.compact(sessionId, state, through),
      bind: (participantId, clientIds) => p.bindClientIds(sessionId, participantId, clientIds),
    };
  }
  return {
    load: () => p.loadPrivateDoc(sessionId, owner),
    append: (update) => p.appendPrivateUpdate(sessionId, owner, update),
    compact: (state, through) => p.compactPrivate(sessionId, owner, state, through),
    // Nobody but the owner writes to a private board (the endpoint admits no one else), so its
    // client ids need no owners kept.
    bind: async () => {},
  };
}
