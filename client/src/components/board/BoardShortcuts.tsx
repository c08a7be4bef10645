import { useEffect } from 'react';
import { useCommands } from '../../board/commands';
import { useUi } from '../../state/ui';
import { ZOOM_STEPS } from '../../board/layout';

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

/**
 * Board-wide keys: N adds a note, Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, + and -
 * zoom, 0 shows the whole board.
 */
export function BoardShortcuts() {
  const commands = useCommands();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTypingTarget(e.target)) return;
      const ui = useUi.getState();
      if (ui.moveDialogNoteId || ui.noteMenu || ui.sessionMenuOpen) return;
      const key = e.key.toLowerCase();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) commands.redo();
        else commands.undo();
        return;
      }
      if (mod && !e.altKey && !e.shiftKey && key === 'y') {
        e.preventDefault();
        commands.redo();
        return;
      }
      if (mod || e.altKey) return;
      if (key === 'n') {
        e.preventDefault();
        commands.addNote();
      } else if (key === '+' || key === '=' || key === '-' || key === '0') {
        e.preventDefault();
        const last = ZOOM_STEPS.length - 1;
        const step = key === '0' ? 0 : key === '-' ? Math.max(0, ui.zoomStep - 1) : Math.min(last, ui.zoomStep + 1);
        ui.setZoomStep(step);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
  return null;
}
