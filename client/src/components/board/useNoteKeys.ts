import type { KeyboardEvent } from 'react';
import type { NoteView, Zone } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { nudgeNote } from '../../board/actions';
import { useCommands } from '../../board/commands';
import { useUi } from '../../state/ui';
import type { NoteDrag } from './useNoteDrag';

/** Board units an arrow key moves a note; with Shift, the big step. */
const NUDGE = 10;
const NUDGE_BIG = 50;

/**
 * The keys of a focused note: arrows nudge it, Enter or F2 edits it, M moves it to a zone,
 * Delete or Backspace removes it, Shift+F10 or the menu key opens its menu, Escape ends a drag.
 * Whether the person may edit or delete the note is the commands' to decide.
 */
export function useNoteKeys(note: NoteView, zone: Zone, drag: NoteDrag, openMenu: () => void) {
  const { conn, template, announcer } = useBoard();
  const commands = useCommands();

  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = e.shiftKey ? NUDGE_BIG : NUDGE;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const arrow = arrows[e.key];
    if (arrow) {
      e.preventDefault();
      if (!nudgeNote(conn, template, note, arrow[0], arrow[1])) announcer.say(`The note is at the edge of ${zone.label}.`);
      return;
    }
    switch (e.key) {
      case 'Enter':
      case 'F2':
        e.preventDefault();
        commands.editNote(note.id);
        return;
      case 'm':
      case 'M':
        e.preventDefault();
        useUi.getState().openMoveDialog(note.id);
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        commands.deleteNote(note.id);
        return;
      case 'Escape':
        if (drag.isMoving()) {
          e.preventDefault();
          drag.cancel();
        }
        return;
      case 'ContextMenu':
      case 'F10':
        if (e.key === 'F10' && !e.shiftKey) return;
        e.preventDefault();
        openMenu();
        return;
    }
  };
}
