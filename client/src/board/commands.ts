import { useMemo } from 'react';
import { zoneById, type NoteView, type Point, type Template } from '@balcony/shared';
import { useUi } from '../state/ui';
import { useBoard, type BoardContextValue } from './BoardContext';
import { BoardFullError, addNoteToZone, removeNote } from './actions';
import { noteCentre } from './layout';
import { mayEditNote, onlyAuthorMayChange } from './noteRights';

/** Board commands shared by buttons, menus and keys, with what each one says and where focus goes. */
export interface BoardCommands {
  /** Adds a note to a zone (or the zone in play) and opens it for writing. */
  addNote: (zoneId?: string, at?: Point) => void;
  /** Opens a note for writing, or says why not when the note is not this person's to change. */
  editNote: (noteId: string) => void;
  /** Deletes a note, or says why not when the note is not this person's to change. */
  deleteNote: (noteId: string) => void;
  undo: () => void;
  redo: () => void;
  /** The zone a new note goes to when no zone is named. */
  zoneInPlay: () => string;
}

/** Where every note is drawn now, leaving one out (the note being moved). */
export function noteCentres(template: Template, notes: readonly NoteView[], except?: string): Point[] {
  const out: Point[] = [];
  for (const n of notes) {
    if (n.id === except) continue;
    const c = noteCentre(template, n);
    if (c) out.push(c);
  }
  return out;
}

export function focusZone(zoneId: string): void {
  document.querySelector<HTMLElement>(`[data-testid="board.zone"][data-zone-id="${CSS.escape(zoneId)}"]`)?.focus();
}

function zoneOfFocus(): string | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement)) return null;
  const holder = el.closest<HTMLElement>('[data-testid="board.note"], [data-testid="board.zone"]');
  return holder?.dataset.zoneId ?? null;
}

export function makeCommands(ctx: BoardContextValue): BoardCommands {
  const { conn, template, notesIndex, announcer, me, nameOf } = ctx;

  /** The note, when this person may change its words or delete it; otherwise says why not. */
  const changeable = (noteId: string): NoteView | null => {
    const note = notesIndex.get().byId.get(noteId);
    if (!note) return null;
    if (mayEditNote(me, note)) return note;
    const text = onlyAuthorMayChange(nameOf(note.authorId));
    useUi.getState().showToast(text);
    announcer.say(text);
    return null;
  };

  const zoneInPlay = () => {
    const ui = useUi.getState();
    const selected = ui.selectedNoteId ? notesIndex.get().byId.get(ui.selectedNoteId)?.zone : undefined;
    const candidates = [zoneOfFocus(), ui.activeZoneId, selected];
    for (const id of candidates) if (id && zoneById(template, id)) return id;
    return template.zones[0]!.id;
  };

  return {
    zoneInPlay,
    addNote(zoneId, at) {
      const zone = zoneById(template, zoneId ?? zoneInPlay()) ?? template.zones[0]!;
      const ui = useUi.getState();
      try {
        const id = addNoteToZone(conn, {
          zone,
          authorId: me.participantId,
          color: ui.newNoteColor,
          template,
          others: noteCentres(template, notesIndex.get().list),
          ...(at ? { at } : {}),
        });
        ui.setActiveZone(zone.id);
        ui.startEditing(id);
        announcer.say(`New note in ${zone.label}. Type your note, then press Escape.`);
      } catch (err) {
        const text = err instanceof BoardFullError ? err.message : 'The note could not be added.';
        ui.showToast(text);
        announcer.say(text);
      }
    },
    editNote(noteId) {
      if (changeable(noteId)) useUi.getState().startEditing(noteId);
    },
    deleteNote(noteId) {
      const note = changeable(noteId);
      if (!note) return;
      removeNote(conn, noteId);
      const ui = useUi.getState();
      if (ui.selectedNoteId === noteId) ui.select(null);
      if (ui.editingNoteId === noteId) ui.stopEditing();
      ui.showToast('Note deleted.', true);
      announcer.say('Note deleted. Press Control and Z to undo.');
      focusZone(note.zone);
    },
    undo() {
      if (conn.undoManager.undoStack.length === 0) return announcer.say('Nothing to undo.');
      conn.undoManager.undo();
      useUi.getState().clearToast();
      announcer.say('Undone.');
    },
    redo() {
      if (conn.undoManager.redoStack.length === 0) return announcer.say('Nothing to redo.');
      conn.undoManager.redo();
      announcer.say('Redone.');
    },
  };
}

export function useCommands(): BoardCommands {
  const ctx = useBoard();
  return useMemo(() => makeCommands(ctx), [ctx]);
}
