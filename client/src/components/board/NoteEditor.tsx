import { useLayoutEffect, useRef } from 'react';
import * as Y from 'yjs';
import { LIMITS } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { editNoteText } from '../../board/actions';
import { useUi } from '../../state/ui';

/**
 * Writing a note in place. The textarea is not controlled by React: each input goes straight to
 * the note's Y.Text (so others see the typing live), and changes from others are applied to the
 * textarea with the caret kept where it was.
 */
export function NoteEditor({ noteId }: { noteId: string }) {
  const { conn } = useBoard();
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    const text = conn.notes.get(noteId)?.get('text');
    if (!el || !(text instanceof Y.Text)) return;
    el.value = text.toString();
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);

    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next) return;
      let start = el.selectionStart;
      let end = el.selectionEnd;
      let index = 0;
      for (const op of event.delta) {
        if (op.retain) {
          index += op.retain;
        } else if (op.insert !== undefined) {
          const length = typeof op.insert === 'string' ? op.insert.length : 1;
          if (index < start) start += length;
          if (index < end) end += length;
          index += length;
        } else if (op.delete) {
          start -= Math.max(0, Math.min(op.delete, start - index));
          end -= Math.max(0, Math.min(op.delete, end - index));
        }
      }
      el.value = next;
      el.setSelectionRange(start, end);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [conn, noteId]);

  const finish = (refocusNote: boolean) => {
    const ui = useUi.getState();
    if (ui.editingNoteId !== noteId) return;
    ui.stopEditing();
    if (refocusNote) ui.requestFocus(noteId);
  };

  return (
    <textarea
      ref={ref}
      className="note-editor"
      data-testid="board.note.editor"
      aria-label="Note text"
      maxLength={LIMITS.noteTextMax}
      placeholder="One thought per note. No names or details that could identify a child, family or colleague."
      onInput={(e) => editNoteText(conn, noteId, e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          e.stopPropagation();
          finish(true);
        }
      }}
      onBlur={() => finish(false)}
    />
  );
}
