import { randomInt } from 'node:crypto';
import {
  ANONYMOUS_AUTHOR,
  LIMITS,
  addNote,
  getNotes,
  listNotes,
  listThemes,
  type NoteView,
  type Template,
} from '@balcony/shared';
import type { Store } from '../store/types.js';
import type { RoomManager } from '../yjs/roomManager.js';
import type { Room } from '../yjs/room.js';
import type { VoteTargets } from './applyCommand.js';

export interface RevealOutcome {
  /** Notes now on the shared board. */
  moved: number;
  /** Notes each owner still holds privately afterwards (those that did not fit). */
  left: Record<string, number>;
}

/** Fisher–Yates with a cryptographic source: the order says nothing of who wrote when. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * What commands need of a session's boards: what may be voted on, and the reveal, which moves
 * private notes onto the shared board. Rooms are taken for the work and let go after it.
 */
export class SessionBoards {
  constructor(
    private readonly rooms: RoomManager,
    private readonly store: Pick<Store, 'recordNoteAuthors'>,
  ) {}

  private async with<T>(rooms: Room[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      for (const room of rooms) this.rooms.releaseIfIdle(room);
    }
  }

  async voteTargets(session: { id: string; template: Template }): Promise<VoteTargets> {
    const room = await this.rooms.acquire(session.id, session.template);
    return this.with([room], async () => ({
      notes: new Map(listNotes(room.doc).map((n) => [n.id, n.zone])),
      themes: new Map(listThemes(room.doc).map((t) => [t.id, t.zone])),
    }));
  }

  /**
   * Moves the private notes of these owners onto the shared board in one transaction, shuffled,
   * each with the same time, and then empties their private boards of them. The shared board has
   * them stored before any private copy goes, and a note already there (a reveal cut short) is
   * not written twice, so a reveal may safely be given again. In an anonymous session the board
   * says nobody wrote them; the store is told who did first, so that each can still edit theirs.
   */
  async reveal(session: { id: string; template: Template }, owners: readonly string[], anonymous: boolean, now: number): Promise<RevealOutcome> {
    const shared = await this.rooms.acquire(session.id, session.template);
    const held: Room[] = [shared];
    return this.with(held, async () => {
      const boards: { owner: string; room: Room; notes: NoteView[] }[] = [];
      for (const owner of owners) {
        const room = await this.rooms.acquire({ sessionId: session.id, owner }, session.template);
        held.push(room);
        const notes = listNotes(room.doc);
        if (notes.length > 0) boards.push({ owner, room, notes });
      }
      const onShared = getNotes(shared.doc);
      let space = LIMITS.notesPerBoard - onShared.size;
      const moving: { owner: string; note: NoteView }[] = [];
      const done = new Map<Room, string[]>();
      for (const { owner, room: board, notes } of boards) {
        const ids: string[] = [];
        for (const note of notes) {
          // A note left empty says nothing: it is cleared away, not revealed.
          if (onShared.has(note.id) || note.text.trim() === '') ids.push(note.id);
          else if (space > 0) {
            space--;
            moving.push({ owner, note });
            ids.push(note.id);
          }
        }
        done.set(board, ids);
      }
      if (anonymous && moving.length > 0) {
        await this.store.recordNoteAuthors(session.id, moving.map(({ owner, note }) => ({ noteId: note.id, participantId: owner })));
      }
      if (moving.length > 0) {
        shared.writeAsServer((doc) => {
          for (const { owner, note } of shuffled(moving)) {
            addNote(doc, {
              id: note.id,
              text: note.text,
              zone: note.zone,
              x: note.x,
              y: note.y,
              color: note.color,
              authorId: anonymous ? ANONYMOUS_AUTHOR : owner,
              createdAt: now,
            });
          }
        });
        await shared.flushed();
        if (shared.isFailed) throw new Error('the shared board could not be stored');
      }
      const left: Record<string, number> = {};
      for (const { owner, room: board } of boards) {
        const ids = done.get(board) ?? [];
        if (ids.length > 0) board.writeAsServer((doc) => ids.forEach((id) => getNotes(doc).delete(id)));
        await board.flushed();
        left[owner] = listNotes(board.doc).length;
      }
      return { moved: moving.length, left };
    });
  }
}
