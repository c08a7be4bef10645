import { useLayoutEffect, useRef, useState, type ClipboardEvent } from 'react';
import * as Y from 'yjs';
import { LIMITS } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { editNoteText } from '../../board/actions';
import { cutMessage, roomLeft, roomLeftAnnouncement } from '../../board/noteLimits';
import { useUi } from '../../state/ui';
import '../../styles/keyboard.css';

/**
 * Writing a note in place. The textarea is not controlled by React: each input goes straight to
 * the note's Y.Text (so others see the typing live), and changes from others are applied to the
 * textarea with the caret kept where it was. Near the length limit a counter shows, and is
 * announced at a few steps; a paste that does not fit is cut and the editor says so.
 */
export function NoteEditor({ noteId }: { noteId: string }) {
  const { boardOf } = useBoard();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [length, setLength] = useState(0);
  const [said, setSaid] = useState('');

  // The board the note is on now: a reveal moves a private note being written to the shared board.
  const board = boardOf(noteId);

  useLayoutEffect(() => {
    const el = ref.current;
    const text = board.notes.get(noteId)?.get('text');
    if (!el || !(text instanceof Y.Text)) return;
    el.value = text.toString();
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    setLength(el.value.length);

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
      setLength(next.length);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [board, noteId]);

  const finish = (refocusNote: boolean) => {
    const ui = useUi.getState();
    if (ui.editingNoteId !== noteId) return;
    ui.stopEditing();
    if (refocusNote) ui.requestFocus(noteId);
  };

  const written = (value: string) => {
    editNoteText(boardOf(noteId), noteId, value);
    const step = roomLeftAnnouncement(length, value.length);
    if (step) setSaid(step);
    setLength(value.length);
  };

  // maxLength would cut a long paste without a word; this cuts it the same way and says so.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    const pasted = e.clipboardData.getData('text/plain');
    const room = LIMITS.noteTextMax - (el.value.length - (el.selectionEnd - el.selectionStart));
    if (pasted.length <= room) return;
    e.preventDefault();
    el.setRangeText(pasted.slice(0, Math.max(0, room)), el.selectionStart, el.selectionEnd, 'end');
    written(el.value);
    // Said by the toolbar's status line, where it stays for a while to be read.
    useUi.getState().showToast(cutMessage(pasted.length - Math.max(0, room)));
  };

  const counter = roomLeft(length);

  return (
    <>
      <textarea
        ref={ref}
        className="note-editor"
        data-testid="board.note.editor"
        aria-label="Note text"
        dir="auto"
        maxLength={LIMITS.noteTextMax}
        placeholder="One thought per note. No names or details that could identify a child, family or colleague."
        onInput={(e) => written(e.currentTarget.value)}
        onPaste={onPaste}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
            e.preventDefault();
            e.stopPropagation();
            finish(true);
          }
        }}
        onBlur={() => finish(false)}
      />
      {counter && (
        <span
          className={`note-limit${length >= LIMITS.noteTextMax ? ' is-full' : ''}`}
          data-testid="board.note.limit"
          aria-hidden="true"
        >
          {counter}
        </span>
      )}
      <span className="visually-hidden" role="status" data-testid="board.note.limitStatus">
        {said}
      </span>
    </>
  );
}
