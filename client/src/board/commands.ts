import { useMemo } from 'react';
import { currentPhase, frameOfZone, zoneById, type NoteView, type Point, type Zone, type ZoneSet } from '@balcony/shared';
import { useUi } from '../state/ui';
import { useBoard, type BoardContextValue } from './BoardContext';
import { BoardFullError, addNoteToZone, appendNoteText, removeNote } from './actions';
import { noteFull } from './noteLimits';
import { noteCentre } from './layout';
import { mayEditNote, onlyAuthorMayChange, readOnlyNow } from './noteRights';

/** Board commands shared by buttons, menus and keys, with what each one says and where focus goes. */
export interface BoardCommands {
  /** Adds a note to a zone (or the zone in play) and opens it for writing. */
  addNote: (zoneId?: string, at?: Point) => void;
  /** Starts a new note in a zone with what the person typed there, and opens it for writing on. */
  typeNewNote: (zoneId: string, text: string) => void;
  /**
   * Puts typed text on the end of a note and opens it for writing on, or says (once, not for every
   * key) why not when the note is not this person's to change.
   */
  typeOnNote: (noteId: string, text: string) => void;
  /** Opens a note for writing where a key is still composing a character; says why not, as typing does. */
  startTypingOnNote: (noteId: string) => void;
  /** Opens a note for writing, or says why not when the note is not this person's to change. */
  editNote: (noteId: string) => void;
  /** Deletes a note, or says why not when the note is not this person's to change. */
  deleteNote: (noteId: string) => void;
  /** Opens "Move to zone…" for a note, or says why not while this person may not write. */
  moveNote: (noteId: string) => void;
  /**
   * True when this person may write now; otherwise says why (once for a burst of tries) and
   * returns false. For what a key, a drag or a double-click would change.
   */
  mayWrite: () => boolean;
  undo: () => void;
  redo: () => void;
  /**
   * The zone a new note goes to when no zone is named: the zone in view, on the frame in view.
   * That is the zone with focus (or holding the note with focus), else the one last used, else
   * the zone nearest the centre of what is on screen, else the phase's first zone.
   */
  zoneInPlay: () => string;
}

/** Where every note of a frame is drawn now, leaving one out (the note being moved). */
export function noteCentres(frame: ZoneSet, notes: readonly NoteView[], except?: string): Point[] {
  const out: Point[] = [];
  for (const n of notes) {
    if (n.id === except) continue;
    const c = noteCentre(frame, n);
    if (c) out.push(c);
  }
  return out;
}

export function focusZone(zoneId: string): void {
  document.querySelector<HTMLElement>(`[data-testid="board.zone"][data-zone-id="${CSS.escape(zoneId)}"]`)?.focus();
}

/**
 * Gives focus back to a note after a dialog or menu: now, if it is on screen, and again once it
 * is drawn anew (a note that changed zone is a new element in its new zone).
 */
export function focusNoteNow(noteId: string): void {
  document.querySelector<HTMLElement>(`[data-testid="board.note"][data-note-id="${CSS.escape(noteId)}"]`)?.focus();
  useUi.getState().requestFocus(noteId);
}

function zoneOfFocus(): string | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement)) return null;
  const holder = el.closest<HTMLElement>('[data-testid="board.note"], [data-testid="board.zone"]');
  return holder?.dataset.zoneId ?? null;
}

/** The zone drawn at the centre of the visible part of the board, else the one whose box is nearest. */
export function zoneNearestViewCentre(): string | null {
  const canvas = document.querySelector<HTMLElement>('[data-testid="board.canvas"]');
  if (!canvas) return null;
  const view = (canvas.closest<HTMLElement>('.board-viewport') ?? canvas.parentElement ?? canvas).getBoundingClientRect();
  const left = Math.max(0, view.left);
  const top = Math.max(0, view.top);
  const right = Math.min(window.innerWidth, view.right);
  const bottom = Math.min(window.innerHeight, view.bottom);
  if (right <= left || bottom <= top) return null;
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  // Only zone shapes and notes take the pointer, so this finds the zone drawn there, not a box.
  for (const el of document.elementsFromPoint(cx, cy)) {
    const zone = el.closest<HTMLElement>('[data-testid="board.zone"]');
    if (zone?.dataset.zoneId) return zone.dataset.zoneId;
  }
  let best: { id: string; d: number } | null = null;
  for (const zone of canvas.querySelectorAll<HTMLElement>('[data-testid="board.zone"]')) {
    const r = zone.getBoundingClientRect();
    const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
    if (zone.dataset.zoneId && (!best || d < best.d)) best = { id: zone.dataset.zoneId, d };
  }
  return best?.id ?? null;
}

/** Where focus goes when a note is deleted: the next note in its zone, else the one before, else the zone. */
function focusAfterDelete(noteId: string, zoneId: string): () => void {
  const zone = document.querySelector<HTMLElement>(`[data-testid="board.zone"][data-zone-id="${CSS.escape(zoneId)}"]`);
  const notes = zone ? [...zone.querySelectorAll<HTMLElement>('[data-testid="board.note"]')] : [];
  const i = notes.findIndex((el) => el.dataset.noteId === noteId);
  const next = i >= 0 ? (notes[i + 1] ?? notes[i - 1]) : undefined;
  return () => (next?.isConnected ? next.focus() : focusZone(zoneId));
}

/** How long one "not yours" stands for a burst of typing on the same note. */
const REFUSAL_QUIET_MS = 4_000;

export function makeCommands(ctx: BoardContextValue): BoardCommands {
  const { conn, template, notesIndex, announcer, me, nameOf } = ctx;

  const tell = (text: string) => {
    useUi.getState().showToast(text);
    announcer.say(text);
  };

  let lastReadOnly = 0;
  /** Whether this person may write now; says why not, once for a burst of keys or clicks. */
  const mayWrite = (): boolean => {
    const access = ctx.access();
    if (access.write) return true;
    const now = Date.now();
    if (now - lastReadOnly >= REFUSAL_QUIET_MS) tell(readOnlyNow(access));
    lastReadOnly = now;
    return false;
  };

  /** The note, when this person may change its words or delete it; otherwise says why not. */
  const changeable = (noteId: string): NoteView | null => {
    const note = notesIndex.get().byId.get(noteId);
    if (!note) return null;
    if (!mayWrite()) return null;
    if (mayEditNote(me, note, ctx.access())) return note;
    tell(onlyAuthorMayChange(nameOf(note.authorId)));
    return null;
  };

  let lastRefusal = { noteId: '', at: 0 };
  /** Like `changeable`, but a burst of typing on someone else's note hears the reason once. */
  const typeable = (noteId: string): NoteView | null => {
    const note = notesIndex.get().byId.get(noteId);
    if (!note) return null;
    if (!mayWrite()) return null;
    if (mayEditNote(me, note, ctx.access())) return note;
    const now = Date.now();
    const quiet = lastRefusal.noteId === noteId && now - lastRefusal.at < REFUSAL_QUIET_MS;
    lastRefusal = { noteId, at: now };
    if (!quiet) changeable(noteId);
    return null;
  };

  const zoneInPlay = () => {
    const frame = ctx.viewFrame();
    const ui = useUi.getState();
    const phase = currentPhase(template, ctx.state());
    const phaseZone = phase.frame === frame.id ? phase.zones[0] : undefined;
    const candidates = [zoneOfFocus(), ui.activeZoneId, zoneNearestViewCentre(), phaseZone];
    for (const id of candidates) if (id && zoneById(frame, id)) return id;
    return frame.zones[0]!.id;
  };

  /** A scale takes a few markers from each person; says so when this would be one too many. */
  const scaleIsFull = (zone: Zone, authorId: string): boolean => {
    if (markersLeft(notesIndex.get().list, zone, authorId)) return false;
    tell(markerLimitWords(zone));
    return true;
  };

  const add = (zoneId: string | undefined, at: Point | undefined, text: string | undefined) => {
    if (!mayWrite()) return;
    const id = zoneId ?? zoneInPlay();
    // The zone's own frame: its size places the note, its notes are the ones to keep clear of.
    const frame = frameOfZone(template, id) ?? ctx.viewFrame();
    const zone = zoneById(frame, id) ?? frame.zones[0]!;
    if (scaleIsFull(zone, me.participantId)) return;
    const ui = useUi.getState();
    const board = ctx.boardForNew();
    const alone = board !== conn;
    try {
      const id = addNoteToZone(board, {
        zone,
        authorId: me.participantId,
        color: ui.newNoteColor,
        board: frame.board,
        others: noteCentres(frame, notesIndex.get().list),
        ...(at ? { at } : {}),
        ...(text ? { text } : {}),
      });
      // Kept, so that once revealed (without its writer's name, in an anonymous session) it is still theirs.
      if (alone) conn.mine.add(id);
      ui.setActiveZone(zone.id);
      ui.startEditing(id);
      const what = alone ? `New private note in ${zone.label}. Only you can see it until it is revealed.` : `New note in ${zone.label}.`;
      announcer.say(text ? what : `${what} Type your note, then press Escape.`);
    } catch (err) {
      tell(err instanceof BoardFullError ? err.message : 'The note could not be added.');
    }
  };

  return {
    zoneInPlay,
    mayWrite,
    addNote: (zoneId, at) => add(zoneId, at, undefined),
    typeNewNote: (zoneId, text) => add(zoneId, undefined, text),
    typeOnNote(noteId, text) {
      if (!typeable(noteId)) return;
      const cut = appendNoteText(ctx.boardOf(noteId), noteId, text);
      const ui = useUi.getState();
      if (cut > 0) tell(noteFull());
      if (ui.editingNoteId !== noteId) ui.startEditing(noteId);
    },
    startTypingOnNote(noteId) {
      if (typeable(noteId)) useUi.getState().startEditing(noteId);
    },
    editNote(noteId) {
      if (changeable(noteId)) useUi.getState().startEditing(noteId);
    },
    deleteNote(noteId) {
      const note = changeable(noteId);
      if (!note) return;
      const refocus = focusAfterDelete(noteId, note.zone);
      removeNote(ctx.boardOf(noteId), noteId);
      const ui = useUi.getState();
      if (ui.selectedNoteId === noteId) ui.select(null);
      if (ui.editingNoteId === noteId) ui.stopEditing();
      ui.showToast('Note deleted.', true);
      announcer.say('Note deleted. Press Control and Z to undo.');
      refocus();
    },
    moveNote(noteId) {
      if (mayWrite()) useUi.getState().openMoveDialog(noteId);
    },
    undo() {
      if (!mayWrite()) return;
      const manager = conn.latestStep('undo');
      if (!manager) return announcer.say('Nothing to undo.');
      manager.undo();
      useUi.getState().clearToast();
      announcer.say('Undone.');
    },
    redo() {
      if (!mayWrite()) return;
      const manager = conn.latestStep('redo');
      if (!manager) return announcer.say('Nothing to redo.');
      manager.redo();
      announcer.say('Redone.');
    },
  };
}

/** Whether a person may put one more note in a zone: a scale takes only a few markers from each. */
export function markersLeft(notes: readonly NoteView[], zone: Zone, authorId: string, except?: string): boolean {
  if (!zone.scale) return true;
  const placed = notes.filter((n) => n.zone === zone.id && n.authorId === authorId && n.id !== except).length;
  return placed < zone.scale.markersPerPerson;
}

export function markerLimitWords(zone: Zone): string {
  const n = zone.scale?.markersPerPerson ?? 1;
  return `Each person places ${n === 1 ? 'one marker' : `${n} markers`} on ${zone.label}. Move yours to change your answer.`;
}

export function useCommands(): BoardCommands {
  const ctx = useBoard();
  return useMemo(() => makeCommands(ctx), [ctx]);
}
