import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { currentPhase, type BoardAccess, type Command, type Frame, type Phase, type Role, type SessionStateView, type Template, type VersionedSessionStateView } from '@balcony/shared';
import { SessionConnection } from '../session/SessionConnection';
import type { CommandResult } from '../session/sessionCommands';
import type { MyNotes } from '../session/mine';
import type { NotesSource, NotesSnapshot } from './notesIndex';
import type { BoardDoc } from './actions';
import type { Viewer } from './noteRights';
import type { Peer, PeersIndex } from './peers';
import type { Announcer } from './announcer';
import { sameAccess } from './liveState';
import { useUi } from '../state/ui';

/**
 * What the board's drawing and its commands use of a session: the live SessionConnection, or a
 * snapshot's board held read-only (board/readOnlyBoard.ts), which the same components draw.
 */
export interface BoardConnection extends BoardDoc {
  readonly sessionId: string;
  readonly sessionState: { subscribe: (l: () => void) => () => void; get: () => VersionedSessionStateView | null };
  readonly mine: Pick<MyNotes, 'add'>;
  command(command: Command): Promise<CommandResult>;
  latestStep(kind: 'undo' | 'redo'): Y.UndoManager | null;
}

export interface BoardContextValue {
  conn: BoardConnection;
  template: Template;
  /** Every note this person sees: the shared board's and their own private ones (isPrivateNote). */
  notesIndex: NotesSource;
  /** This person's private board's notes alone. */
  privateNotes: NotesSource;
  /** The board a note is on, to change it there: the private board for a private note. */
  boardOf: (noteId: string) => BoardDoc;
  /** The board a new note goes to now (privateWriting.ts). */
  boardForNew: () => BoardDoc;
  peers: PeersIndex;
  announcer: Announcer;
  /** The person looking, with their role now (the session state's, else the one they joined as). */
  me: Viewer & { role: Role };
  /**
   * A participant's display name, or a neutral word while it is unknown, as known now. What is
   * drawn with names also reads NamesContext, which changes when they do.
   */
  nameOf: (participantId: string) => string;
  /** The session's state now (liveState.ts); read when needed, so the context stays the same as it changes. */
  state: () => SessionStateView;
  /** Whether this person may write now: the phase, their role and the lock (shared permissions.ts). */
  access: () => BoardAccess;
  /** The frame in view now (frames.ts). */
  viewFrame: () => Frame;
}

/** The names of everyone seen in the session, by participant id; a new map when one changes. */
export const NamesContext = createContext<ReadonlyMap<string, string>>(new Map());

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard needs a BoardContext');
  return value;
}

/**
 * The live connection, for what only a session in progress has (its socket's state, the server's
 * clock, undo, the private board); a snapshot's board never draws these parts.
 */
export function useLiveConnection(): SessionConnection {
  const { conn } = useBoard();
  if (!(conn instanceof SessionConnection)) throw new Error('This part of the board needs the live session');
  return conn;
}

/** The board's scale (screen pixels per board unit), for turning pointer moves into board units. */
export const ScaleContext = createContext(1);

/** The frame a part of the board is drawn in: its zones, and its size for placing names and notes. */
export const FrameContext = createContext<Frame | null>(null);

export function useFrame(): Frame {
  const frame = useContext(FrameContext);
  if (!frame) throw new Error('useFrame needs a FrameContext');
  return frame;
}

export function usePrivateNotes(): NotesSnapshot {
  const { privateNotes } = useBoard();
  return useSyncExternalStore(privateNotes.subscribe, privateNotes.get);
}

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

/** The session's state, drawn again when it changes. */
export function useSessionState(): SessionStateView {
  const { conn, state } = useBoard();
  useStore(conn.sessionState);
  return state();
}

/**
 * Whether this person may write now. The same object while the answer is the same, so that the
 * notes of a full board are not drawn again when a hand goes up.
 */
export function useAccess(): BoardAccess {
  const { conn, access } = useBoard();
  const kept = useRef<BoardAccess | null>(null);
  const read = () => {
    const next = access();
    if (kept.current && sameAccess(kept.current, next)) return kept.current;
    kept.current = next;
    return next;
  };
  return useSyncExternalStore(conn.sessionState.subscribe, read);
}

/** The frame in view, drawn again only when the person or a new phase changes it. */
export function useViewFrame(): Frame {
  const { conn, viewFrame } = useBoard();
  useUi((s) => s.viewFrameId);
  // Frames are the template's own objects, so an unchanged frame is the same object.
  return useSyncExternalStore(conn.sessionState.subscribe, viewFrame);
}

/** The current phase, drawn again only when it changes. */
export function usePhase(): Phase {
  const { conn, template, state } = useBoard();
  return useSyncExternalStore(conn.sessionState.subscribe, () => currentPhase(template, state()));
}
