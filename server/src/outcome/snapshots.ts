import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  ANONYMOUS_AUTHOR,
  deriveOutcome,
  getNotes,
  listNotes,
  parseSessionState,
  recordedBoard,
  restoreBoard,
  templateZones,
  type NoteView,
  type OutcomeInput,
  type SessionState,
  type SnapshotReason,
  type SnapshotSummary,
  type Template,
} from '@balcony/shared';
import type { SessionRecord, SnapshotRecord, Store } from '../store/types.js';
import type { RoomManager } from '../yjs/roomManager.js';

export type SnapshotStore = Pick<
  Store,
  'listParticipants' | 'saveSnapshot' | 'listSnapshots' | 'getSnapshot' | 'rewriteSnapshot' | 'loadNoteAuthors' | 'loadDoc'
>;

export type SessionRef = Pick<SessionRecord, 'id' | 'title' | 'createdAt' | 'template' | 'previousSessionId'>;

export const toSummary = (s: Pick<SnapshotRecord, 'id' | 'takenAt' | 'reason' | 'phaseId' | 'final'>): SnapshotSummary => ({
  snapshotId: s.id,
  takenAt: s.takenAt,
  reason: s.reason,
  phaseId: s.phaseId,
  final: s.final,
});

/**
 * The record of a snapshot: derived from the state as stored, but as of the phase whose work it
 * holds (for a phase change, the phase being left, which the state has just moved on from).
 */
function recordOf(session: SessionRef, board: Y.Doc, state: SessionState, phaseId: string, people: OutcomeInput['people'], takenAt: number): string {
  const index = session.template.phases.findIndex((p) => p.id === phaseId);
  const asOf = index < 0 || phaseId === state.phase.id ? state : { ...state, phase: { id: phaseId, index } };
  return JSON.stringify(deriveOutcome({ session, template: session.template, board, state: asOf, people, takenAt }));
}

/** Why a withdrawal was refused, in words for the person who asked. */
export class WithdrawRefused extends Error {
  constructor(
    readonly code: 'not_found' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Snapshots of sessions' outcomes: the shared board as filed (notes marked "don't record" left
 * out), the state, and the record derived from both. Rooms are taken for the work and let go.
 */
export class Snapshots {
  constructor(
    private readonly rooms: RoomManager,
    private readonly store: SnapshotStore,
  ) {}

  private async withBoard<T>(session: { id: string; template: Template }, work: (doc: Y.Doc, writeAsServer: (change: (doc: Y.Doc) => void) => Promise<void>) => Promise<T>): Promise<T> {
    const room = await this.rooms.acquire(session.id, session.template);
    try {
      return await work(room.doc, async (change) => {
        room.writeAsServer(change);
        await room.flushed();
        if (room.isFailed) throw new Error('the shared board could not be stored');
      });
    } finally {
      this.rooms.releaseIfIdle(room);
    }
  }

  /**
   * The shared board to file: the room's document when this node holds the room (it may be a
   * write ahead of the store), else the board as stored, read into a scratch document without
   * loading a room for nobody.
   */
  private async readBoard<T>(session: SessionRef, read: (doc: Y.Doc) => T): Promise<T> {
    if (this.rooms.isLoaded(session.id)) return this.withBoard(session, async (doc) => read(doc));
    const stored = await this.store.loadDoc(session.id);
    const doc = new Y.Doc();
    try {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      restoreBoard(doc, { zoneIds: new Set(templateZones(session.template).map((z) => z.id)), write: true });
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Takes one snapshot of the session as it stands in `state`. */
  async take(session: SessionRef, state: SessionState, reason: SnapshotReason, phaseId: string, takenAt: number): Promise<SnapshotSummary> {
    return toSummary(await this.takeRecord(session, state, reason, phaseId, takenAt));
  }

  /** Takes one snapshot, as `take` does, and gives the whole of it, for a caller that reads it next. */
  async takeRecord(session: SessionRef, state: SessionState, reason: SnapshotReason, phaseId: string, takenAt: number): Promise<SnapshotRecord> {
    const people = await this.store.listParticipants(session.id);
    const snapshot = await this.readBoard(session, (doc) => {
      const board = recordedBoard(doc);
      try {
        const snap: SnapshotRecord = {
          id: randomUUID(),
          sessionId: session.id,
          takenAt,
          reason,
          phaseId,
          final: reason === 'end',
          board: Y.encodeStateAsUpdate(board),
          state: JSON.stringify(state),
          record: recordOf(session, board, state, phaseId, people, takenAt),
        };
        return snap;
      } finally {
        board.destroy();
      }
    });
    await this.store.saveSnapshot(snapshot);
    return snapshot;
  }

  /** Whether the session already has its final snapshot. */
  async hasFinal(sessionId: string): Promise<boolean> {
    return (await this.store.listSnapshots(sessionId)).some((s) => s.final);
  }

  /**
   * Takes a person's own note off the shared board and out of every snapshot that holds it. The
   * note is theirs when the board (or, in an anonymous session, the server's list of writers)
   * says they wrote it; one that is only in snapshots counts too.
   */
  async withdraw(session: SessionRef, noteId: string, senderId: string, anonymous: boolean): Promise<{ fromBoard: boolean; snapshots: number }> {
    const authors = anonymous ? await this.store.loadNoteAuthors(session.id) : new Map<string, string>();
    const writer = (note: NoteView) => (note.authorId === ANONYMOUS_AUTHOR ? authors.get(note.id) : note.authorId);
    const summaries = await this.store.listSnapshots(session.id);
    const holding: { snap: SnapshotRecord; doc: Y.Doc }[] = [];
    let found: NoteView | null = null;
    try {
      for (const summary of summaries) {
        const snap = await this.store.getSnapshot(summary.id);
        if (!snap) continue;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, snap.board);
        const note = listNotes(doc).find((n) => n.id === noteId);
        if (note) {
          found ??= note;
          holding.push({ snap, doc });
        } else doc.destroy();
      }
      const fromBoard = await this.withBoard(session, async (doc, writeAsServer) => {
        const note = listNotes(doc).find((n) => n.id === noteId) ?? null;
        found = note ?? found;
        if (!found) throw new WithdrawRefused('not_found', 'There is no such note in this session.');
        if (writer(found) !== senderId) throw new WithdrawRefused('forbidden', 'Only the person who wrote a note can withdraw it.');
        if (!note) return false;
        await writeAsServer((d) => getNotes(d).delete(noteId));
        return true;
      });
      const people = await this.store.listParticipants(session.id);
      for (const { snap, doc } of holding) {
        const board = recordedBoard(doc, (n) => n.id !== noteId && !n.noRecord);
        try {
          const record = recordOf(session, board, parseSessionState(snap.state), snap.phaseId, people, snap.takenAt);
          await this.store.rewriteSnapshot(snap.id, { board: Y.encodeStateAsUpdate(board), state: snap.state, record });
        } finally {
          board.destroy();
        }
      }
      return { fromBoard, snapshots: holding.length };
    } finally {
      for (const { doc } of holding) doc.destroy();
    }
  }
}
