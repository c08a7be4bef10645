import {
  LIMITS,
  addNote,
  boardToNotePosition,
  deleteNote,
  moveNote,
  notePositionToBoard,
  setNoteColor,
  setNoteNoRecord,
  setNoteText,
  shapeBounds,
  shapeContains,
  zoneAt,
  zoneById,
  type NoteMap,
  type NoteView,
  type Point,
  type Zone,
  type ZoneSet,
} from '@balcony/shared';
import * as Y from 'yjs';
import { clamp, keepNoteInside, newNoteSpot, type BoardSize } from './layout';

/**
 * A board this device writes on: the shared board (the session connection itself) or this
 * person's private board. Both hold the same notes and zones.
 */
export interface BoardDoc {
  readonly doc: Y.Doc;
  readonly notes: Y.Map<NoteMap>;
  readonly undoManager: Y.UndoManager;
  transact(fn: () => void): void;
}

/**
 * Every change this device makes to the board. Each goes through the shared document ops inside
 * a local transaction, so that the undo manager sees it as this person's own.
 */

/**
 * One whole step for undo. Typing is gathered into one undo step while it flows; a move, a
 * colour, an add or a delete is a step of its own, so that Ctrl+Z after a delete brings back
 * the note as it was, and not the move made just before with it.
 */
function asOneStep(conn: BoardDoc, change: () => void): void {
  conn.undoManager.stopCapturing();
  conn.transact(change);
  conn.undoManager.stopCapturing();
}

export class BoardFullError extends Error {
  constructor() {
    super(`This board is full: it holds ${LIMITS.notesPerBoard} notes. Remove some notes to add more.`);
  }
}

export interface AddNoteOptions {
  zone: Zone;
  authorId: string;
  color: string;
  /** A board point for the note's centre; without it the note takes the zone's next free spot. */
  at?: Point;
  /** The size of the zone's frame, where its name is placed. */
  board: BoardSize;
  /** Centres of the notes on the zone's frame now, to keep clear of. */
  others: readonly Point[];
  /** The note's first words: what the person had typed on the zone. */
  text?: string;
}

export function addNoteToZone(conn: BoardDoc, opts: AddNoteOptions): string {
  if (conn.notes.size >= LIMITS.notesPerBoard) throw new BoardFullError();
  const id = crypto.randomUUID();
  const centre = opts.at ? keepNoteInside(opts.zone, opts.at) : newNoteSpot(opts.zone, opts.board, opts.others);
  const pos = boardToNotePosition(opts.zone, centre);
  // Not closed after: the first words typed belong with the note they started.
  conn.undoManager.stopCapturing();
  conn.transact(() => {
    addNote(conn.doc, {
      id,
      zone: opts.zone.id,
      x: pos.x,
      y: pos.y,
      color: opts.color,
      authorId: opts.authorId,
      createdAt: Date.now(),
    });
    // In the same step, so that one undo takes away the note and its first words together.
    if (opts.text) setNoteText(conn.doc, id, opts.text.slice(0, LIMITS.noteTextMax));
  });
  return id;
}

export function moveNoteToZone(conn: BoardDoc, board: BoardSize, noteId: string, zone: Zone, others: readonly Point[]): void {
  const pos = boardToNotePosition(zone, newNoteSpot(zone, board, others));
  asOneStep(conn, () => moveNote(conn.doc, noteId, { zone: zone.id, ...pos }));
}

/**
 * Where a dragged note lands: the zone of the frame under its centre. Returns null (and changes
 * nothing) when the centre is outside every zone, so that the note goes back where it was.
 */
export function landingSpot(frame: ZoneSet, centre: Point): { zone: Zone; x: number; y: number } | null {
  const zone = zoneAt(frame, centre);
  if (!zone) return null;
  return { zone, ...boardToNotePosition(zone, centre) };
}

export function dropNote(conn: BoardDoc, frame: ZoneSet, noteId: string, centre: Point): Zone | null {
  const spot = landingSpot(frame, centre);
  if (!spot) return null;
  asOneStep(conn, () => moveNote(conn.doc, noteId, { zone: spot.zone.id, x: spot.x, y: spot.y }));
  return spot.zone;
}

/**
 * Moves a note by a step in board units, within its zone: the stored position stays in 0..1 of
 * the zone's bounds, and a step that would carry the centre out of the zone's shape is refused.
 */
export function nudgeNote(conn: BoardDoc, zones: ZoneSet, note: NoteView, dx: number, dy: number): boolean {
  const zone = zoneById(zones, note.zone);
  if (!zone) return false;
  const b = shapeBounds(zone.shape);
  const x = clamp(note.x + dx / b.w, 0, 1);
  const y = clamp(note.y + dy / b.h, 0, 1);
  if (x === note.x && y === note.y) return false;
  const from = notePositionToBoard(zone, note);
  const to = notePositionToBoard(zone, { x, y });
  if (shapeContains(zone.shape, from) && !shapeContains(zone.shape, to)) return false;
  conn.transact(() => moveNote(conn.doc, note.id, { zone: zone.id, x, y }));
  return true;
}

export function removeNote(conn: BoardDoc, noteId: string): void {
  asOneStep(conn, () => deleteNote(conn.doc, noteId));
}

export function recolorNote(conn: BoardDoc, noteId: string, color: string): void {
  asOneStep(conn, () => setNoteColor(conn.doc, noteId, color));
}

/** Marks a note "don't record" (seen live, left out of snapshots and exports), or takes the mark off. */
export function markNoRecord(conn: BoardDoc, noteId: string, noRecord: boolean): void {
  asOneStep(conn, () => setNoteNoRecord(conn.doc, noteId, noRecord));
}

export function editNoteText(conn: BoardDoc, noteId: string, text: string): void {
  conn.transact(() => setNoteText(conn.doc, noteId, text.slice(0, LIMITS.noteTextMax)));
}

/**
 * Puts typed text on the end of a note's words. Returns how many characters did not fit (the
 * note holds LIMITS.noteTextMax), so that the caller can say so.
 */
export function appendNoteText(conn: BoardDoc, noteId: string, typed: string): number {
  const text = conn.notes.get(noteId)?.get('text');
  if (!(text instanceof Y.Text)) return typed.length;
  const room = Math.max(0, LIMITS.noteTextMax - text.length);
  const fits = typed.slice(0, room);
  if (fits) conn.transact(() => text.insert(text.length, fits));
  return typed.length - fits.length;
}
