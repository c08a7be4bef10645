import { useEffect } from 'react';
import { useCommands } from '../../board/commands';
import { useThemeCommands } from '../../board/themeCommands';
import { useUi } from '../../state/ui';
import { ZOOM_STEPS } from '../../board/layout';
import { isBoardWide, keyAction, type KeyPlace } from '../../board/keyMap';

/** True when a key press is someone typing, so that letters and Ctrl+Z belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(type);
}

/** Where on the board a key was pressed, for the key map. */
function placeOf(target: EventTarget | null): KeyPlace {
  if (!(target instanceof Element)) return 'board';
  const holder = target.closest('[data-testid="board.note"], [data-testid="board.zone"]');
  if (!holder) return 'board';
  return holder.getAttribute('data-testid') === 'board.note' ? 'note' : 'zone';
}

/**
 * Board-wide keys, as the key map decides them (board/keyMap.ts): Alt+N adds a note to the zone
 * in view, Alt+G groups the picked notes, Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo,
 * and, where nothing types, + and − zoom and 0 shows the whole board. Zones and notes handle their own keys first.
 */
export function BoardShortcuts() {
  const commands = useCommands();
  const themes = useThemeCommands();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTypingTarget(e.target)) return;
      // Keys pressed in a dialog (a confirm, the retention form) are the dialog's, not the board's behind it.
      if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
      const ui = useUi.getState();
      if (ui.moveDialogNoteId || ui.groupDialogNoteId || ui.noteMenu || ui.sessionMenuOpen) return;
      const action = keyAction(e, { place: placeOf(e.target) });
      if (!isBoardWide(action)) return;
      e.preventDefault();
      if (action.kind === 'undo') commands.undo();
      else if (action.kind === 'redo') commands.redo();
      else if (action.kind === 'addNote') commands.addNote();
      else if (action.kind === 'group') {
        // With notes picked, they are grouped; on a note with none picked, "Group with…" asks with what.
        const onNote = placeOf(e.target) === 'note' ? ui.selectedNoteId : null;
        if (ui.pickedNoteIds.length === 0 && onNote) {
          if (commands.mayWrite()) ui.openGroupDialog(onNote);
        } else themes.groupPicked();
      }
      else if (action.kind === 'zoom') {
        const last = ZOOM_STEPS.length - 1;
        const step = action.to === 'whole' ? 0 : action.to === 'out' ? Math.max(0, ui.zoomStep - 1) : Math.min(last, ui.zoomStep + 1);
        ui.setZoomStep(step);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, themes]);
  return null;
}
