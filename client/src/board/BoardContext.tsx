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
  /**
   * A participant's display name, or a neutral word while it is unknown, as known now. What is
   * drawn with names also reads NamesContext, which changes when they do.
   */
  nameOf: (participantId: string) => string;
}

/** The names of everyone seen in the session, by participant id; a new map when one changes. */
export const NamesContext = createContext<ReadonlyMap<string, string>>(new Map());

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
