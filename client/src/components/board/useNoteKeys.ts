import type { KeyboardEvent } from 'react';
import { notePositionToBoard, type NoteView, type Zone } from '@balcony/shared';
import { useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { scaleTrack, scaleWords } from '../../board/scale';
import { nudgeNote } from '../../board/actions';
import { useCommands } from '../../board/commands';
import { isBoardWide, keyAction } from '../../board/keyMap';
import { mayEditNote } from '../../board/noteRights';
import { useUi } from '../../state/ui';
import { useThemeCommands } from '../../board/themeCommands';
import type { NoteDrag } from './useNoteDrag';

/** Board units an arrow key moves a note; with Shift, the big step. */
const NUDGE = 10;
const NUDGE_BIG = 50;

/**
 * The keys of a focused note, as the key map decides them (board/keyMap.ts): typing writes on
 * the end of its words, arrows nudge it, Enter edits, Alt+M moves it, Delete removes it, Ctrl+Space
 * picks it for grouping. Keys the whole board handles (undo, Alt+N, Alt+G) are left to bubble.
 * Whether the person may change the note is the commands' to decide and say.
 */
export function useNoteKeys(note: NoteView, zone: Zone, drag: NoteDrag, openMenu: () => void) {
  const { boardOf, announcer, me } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  const commands = useCommands();
  const themes = useThemeCommands();

  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const action = keyAction(e, {
      place: 'note',
      mayEdit: mayEditNote(me, note, access),
      dragging: drag.isMoving(),
      editing: useUi.getState().editingNoteId === note.id,
    });
    if (action.kind === 'none' || isBoardWide(action)) return;
    if (action.kind !== 'startTyping') e.preventDefault();
    switch (action.kind) {
      case 'type':
        commands.typeOnNote(note.id, action.text);
        return;
      case 'startTyping':
        commands.startTypingOnNote(note.id);
        return;
      case 'refuse':
        // Says why not, once for a burst of typing.
        commands.startTypingOnNote(note.id);
        return;
      case 'nudge': {
        if (!commands.mayWrite()) return;
        const step = action.big ? NUDGE_BIG : NUDGE;
        if (!nudgeNote(boardOf(note.id), frame, note, action.dx * step, action.dy * step)) {
          announcer.say(`The note is at the edge of ${zone.label}.`);
          return;
        }
        // On a scale, moving a marker changes its answer: say the new one.
        const track = scaleTrack(zone);
        const moved = boardOf(note.id).notes.get(note.id)?.get('x');
        if (track && action.dx !== 0 && typeof moved === 'number') {
          announcer.say(scaleWords(track, notePositionToBoard(zone, { x: moved, y: note.y }).x));
        }
        return;
      }
      case 'edit':
        commands.editNote(note.id);
        return;
      case 'move':
        commands.moveNote(note.id);
        return;
      case 'delete':
        commands.deleteNote(note.id);
        return;
      case 'cancelDrag':
        drag.cancel();
        return;
      case 'menu':
        openMenu();
        return;
      case 'pick':
        themes.togglePicked(note.id);
        return;
    }
  };
}
