import { useLayoutEffect, type RefObject } from 'react';
import { useUi } from '../../state/ui';

/**
 * Keeps focus on a note across re-creation: a note asked to take focus takes it once it is on
 * screen, and a note that changes zone (drawn inside another zone's element, so made anew by
 * React) asks for focus back as it goes.
 */
export function useNoteFocus(ref: RefObject<HTMLElement | null>, noteId: string, editing: boolean): void {
  const wantsFocus = useUi((s) => s.pendingFocusNoteId === noteId);

  useLayoutEffect(() => {
    if (!wantsFocus || editing) return;
    // A theme's name being written keeps focus: a note that just joined it does not take it back.
    if (useUi.getState().renamingThemeId) return useUi.getState().requestFocus(null);
    ref.current?.focus();
    useUi.getState().requestFocus(null);
  }, [wantsFocus, editing, ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el && document.activeElement === el) useUi.getState().requestFocus(noteId);
    };
  }, [noteId, ref]);
}
