import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Role, Template } from '@balcony/shared';
import type { SessionConnection } from '../session/SessionConnection';
import type { NotesIndex, NotesSnapshot } from './notesIndex';
import type { Peer, PeersIndex } from './peers';
import type { Announcer } from './announcer';

export interface BoardContextValue {
  conn: SessionConnection;
  template: Template;
  notesIndex: NotesIndex;
  peers: PeersIndex;
  announcer: Announcer;
  me: { participantId: string; role: Role };
  /** A participant's display name, or a neutral word while it is unknown. */
  nameOf: (participantId: string) => string;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard needs a BoardContext');
  return value;
}

/** The board's scale (screen pixels per board unit), for turning pointer moves into board units. */
export const ScaleContext = createContext(1);

export function useNotes(): NotesSnapshot {
  const { notesIndex } = useBoard();
  return useSyncExternalStore(notesIndex.subscribe, notesIndex.get);
}

export function usePeers(): readonly Peer[] {
  const { peers } = useBoard();
  return useSyncExternalStore(peers.subscribe, peers.get);
}

/** Reads any of the session's small stores. */
export function useStore<T>(store: { subscribe: (l: () => void) => () => void; get: () => T }): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
