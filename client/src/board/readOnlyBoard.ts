import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  ANONYMOUS_AUTHOR,
  READ_ONLY_REASONS,
  currentPhase,
  getNotes,
  type BoardAccess,
  type NoteMap,
  type ParticipantSummary,
  type SnapshotBoard,
  type Template,
  type VersionedSessionStateView,
} from '@balcony/shared';
import { ValueStore } from '../session/store';
import { MyNotes } from '../session/mine';
import type { CommandResult } from '../session/sessionCommands';
import { useUi } from '../state/ui';
import type { BoardConnection, BoardContextValue } from './BoardContext';
import { NotesIndex, type NotesSource } from './notesIndex';
import { PeersIndex } from './peers';
import { Announcer } from './announcer';
import { frameInView } from './frames';

/** What everyone may do on a snapshot: read it. */
export const SNAPSHOT_ACCESS: BoardAccess = { write: false, code: 'snapshot', reason: READ_ONLY_REASONS.snapshot };

export class SnapshotChangeError extends Error {
  constructor() {
    super('A snapshot is kept as it was: nothing on it changes.');
  }
}

function decodeBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * A snapshot's board, held on this device alone for the board's components to draw: the filed
 * notes and themes in a Y.Doc of their own, and the session's state as it was. No socket, no
 * presence; every write is refused, so that what is shown is the snapshot and nothing else.
 */
export class ReadOnlyBoard implements BoardConnection {
  readonly doc = new Y.Doc();
  readonly notes: Y.Map<NoteMap>;
  readonly undoManager: Y.UndoManager;
  readonly sessionState: ValueStore<VersionedSessionStateView | null>;
  readonly mine: MyNotes;

  constructor(
    readonly sessionId: string,
    snapshot: Pick<SnapshotBoard, 'board' | 'state'>,
  ) {
    Y.applyUpdate(this.doc, decodeBase64(snapshot.board));
    this.notes = getNotes(this.doc);
    // Tracks no origin: there is nothing of this person's to take back.
    this.undoManager = new Y.UndoManager(this.notes, { trackedOrigins: new Set() });
    // The state as it was has no version of its own; it never changes, so one is enough.
    this.sessionState = new ValueStore<VersionedSessionStateView | null>({ version: 1, state: snapshot.state });
    this.mine = new MyNotes(sessionId);
  }

  transact(): void {
    throw new SnapshotChangeError();
  }

  command(): Promise<CommandResult> {
    return Promise.resolve({ ok: false, error: { code: 'forbidden', message: new SnapshotChangeError().message } });
  }

  latestStep(): Y.UndoManager | null {
    return null;
  }

  destroy(): void {
    this.undoManager.destroy();
    this.doc.destroy();
  }
}

/** A snapshot has no private board: nobody's private notes are filed. */
const NO_PRIVATE_NOTES: NotesSource = { get: () => ({ list: [], byId: new Map() }), subscribe: () => () => {} };

/** The names a snapshot's notes are drawn with: its people then, by participant id. */
export function snapshotNames(participants: readonly ParticipantSummary[]): Map<string, string> {
  return new Map(participants.map((p) => [p.participantId, p.name]));
}

/**
 * The board's context for a snapshot: the same components as the live board draw it, seen by
 * nobody in particular (an observer of no id), with writing refused and nobody else's cursor,
 * since the awareness is this device's own and goes nowhere.
 */
export function snapshotContext(board: ReadOnlyBoard, template: Template, names: ReadonlyMap<string, string>): { value: BoardContextValue; destroy: () => void } {
  const notesIndex = new NotesIndex(board.notes);
  const awareness = new Awareness(board.doc);
  awareness.setLocalState(null);
  const peers = new PeersIndex(awareness);
  const announcer = new Announcer();
  const state = () => board.sessionState.get()!.state;
  const value: BoardContextValue = {
    conn: board,
    template,
    notesIndex,
    privateNotes: NO_PRIVATE_NOTES,
    boardOf: () => board,
    boardForNew: () => board,
    peers,
    announcer,
    me: { participantId: '', role: 'observer' },
    nameOf: (id) => (id === ANONYMOUS_AUTHOR ? 'Anonymous' : (names.get(id) ?? 'Someone')),
    state,
    access: () => SNAPSHOT_ACCESS,
    viewFrame: () => frameInView(template, currentPhase(template, state()), useUi.getState().viewFrameId),
  };
  return {
    value,
    destroy: () => {
      announcer.destroy();
      peers.destroy();
      awareness.destroy();
      notesIndex.destroy();
    },
  };
}
