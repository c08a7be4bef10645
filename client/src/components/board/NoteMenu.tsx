import { useContext, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { NOTE_COLORS } from '@balcony/shared';
import { NamesContext, useAccess, useBoard, useNotes } from '../../board/BoardContext';
import { markNoRecord, recolorNote } from '../../board/actions';
import { useCommands } from '../../board/commands';
import { mayEditNote, mayWithdrawNote, noteDescription } from '../../board/noteRights';
import { isPrivateNote } from '../../board/notesIndex';
import { useUi } from '../../state/ui';
import { focusMenuItem } from './menuKeys';
import { NoteMenuGrouping } from './NoteMenuGrouping';

const GAP = 4;
const EDGE = 8;

/**
 * A note's actions: everything a drag or a key does, and colour by name. On a note that is not
 * this person's to change, only moving and colour are offered, and the menu says why.
 */
export function NoteMenu() {
  const { boardOf, announcer, me, nameOf } = useBoard();
  useContext(NamesContext);
  const commands = useCommands();
  const menu = useUi((s) => s.noteMenu);
  const snapshot = useNotes();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const note = menu ? snapshot.byId.get(menu.noteId) : undefined;
  const hintId = useId();
  const access = useAccess();

  // Withdrawing takes a note out of the shared board and its snapshots; a private one is only here.
  const mayWithdraw = !!note && mayWithdrawNote(me, note, access, !isPrivateNote(note));
  // Writing closed while the menu was open (a lock, a new phase): only withdrawing may still apply.
  useEffect(() => {
    if (menu && !access.write && !mayWithdraw) useUi.getState().closeNoteMenu();
  }, [menu, access, mayWithdraw]);

  const close = (refocus: 'note' | 'button' | null) => {
    const ui = useUi.getState();
    const id = ui.noteMenu?.noteId;
    ui.closeNoteMenu();
    if (!id || !refocus) return;
    const el = document.querySelector<HTMLElement>(`[data-testid="board.note"][data-note-id="${CSS.escape(id)}"]`);
    const target = refocus === 'button' ? el?.querySelector<HTMLElement>('[data-testid="board.note.menu"]') : el;
    target?.focus();
  };

  // Placed below its button, flipped above or pulled in where the window is too small.
  const place = (anchor: { left: number; top: number; right: number; bottom: number }) => {
    if (!ref.current) return;
    const { offsetWidth: w, offsetHeight: h } = ref.current;
    let left = Math.min(anchor.right - w, window.innerWidth - w - EDGE);
    left = Math.max(EDGE, left);
    let top = anchor.bottom + GAP;
    if (top + h > window.innerHeight - EDGE) top = Math.max(EDGE, anchor.top - h - GAP);
    setPos({ left, top });
  };
  useLayoutEffect(() => {
    if (!menu || !ref.current) return setPos(null);
    place(menu.anchor);
  }, [menu]);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Element;
      if (ref.current?.contains(t)) return;
      // The button that opened the menu toggles it itself.
      const opener = t.closest('[data-testid="board.note.menu"]');
      if (opener && opener.closest(`[data-note-id="${CSS.escape(menu.noteId)}"]`)) return;
      useUi.getState().closeNoteMenu();
    };
    // A scroll (the board brought to the note as its button takes focus, say) takes the menu
    // along with the note's button, and closes it once the button is out of view.
    const onScroll = (e: Event) => {
      if (e.target instanceof Node && ref.current?.contains(e.target)) return;
      const button = document.querySelector(
        `[data-testid="board.note"][data-note-id="${CSS.escape(menu.noteId)}"] [data-testid="board.note.menu"]`,
      );
      const r = button?.getBoundingClientRect();
      if (!r || r.bottom < 0 || r.top > window.innerHeight || r.right < 0 || r.left > window.innerWidth) {
        useUi.getState().closeNoteMenu();
        return;
      }
      place(r);
    };
    const onResize = () => useUi.getState().closeNoteMenu();
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
    };
  }, [menu]);

  if (!menu || !note || (!access.write && !mayWithdraw)) return null;
  const mayEdit = mayEditNote(me, note, access);

  return createPortal(
    <div
      ref={ref}
      className="popup-menu note-menu"
      data-testid="note.menu"
      style={pos ? { left: pos.left, top: pos.top } : { left: -9999, top: 0 }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          // Back to what opened the menu: its button, or the note for Shift+F10.
          close(menu.from);
        } else if (e.key === 'Tab') {
          e.preventDefault();
          close('note');
        } else {
          focusMenuItem(e, ref.current);
        }
      }}
    >
      {!mayEdit && (
        <p className="menu-hint" id={hintId} data-testid="note.menu.owner">
          {noteDescription(me, note, nameOf(note.authorId), access)}
        </p>
      )}
      <span id={`${hintId}-record`} hidden>
        Seen on the board, left out of snapshots and exports.
      </span>
      <div role="menu" aria-label="Note actions" aria-describedby={mayEdit ? undefined : hintId}>
        {mayEdit && (
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="note.menu.edit"
            onClick={() => commands.editNote(note.id)}
          >
            Edit text
          </button>
        )}
        {access.write && (
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="note.menu.move"
            aria-haspopup="dialog"
            onClick={() => useUi.getState().openMoveDialog(note.id)}
          >
            Move to zone…
          </button>
        )}
        {access.write && <NoteMenuGrouping note={note} />}
        {access.write && (
          <div role="group" aria-label="Colour" className="menu-group">
            <div className="menu-group-label" aria-hidden="true">
              Colour
            </div>
            {NOTE_COLORS.map((c) => {
              const current = c.hex.toLowerCase() === note.color.toLowerCase();
              return (
                <button
                  key={c.id}
                  type="button"
                  role="menuitemradio"
                  aria-checked={current}
                  className="menu-item menu-color"
                  data-testid="note.menu.color"
                  data-color={c.hex}
                  onClick={() => {
                    recolorNote(boardOf(note.id), note.id, c.hex);
                    useUi.getState().setNewNoteColor(c.hex);
                    announcer.say(`Note colour: ${c.label}.`);
                    close('note');
                  }}
                >
                  <span className="swatch" style={{ background: c.hex }} aria-hidden="true" />
                  {c.label}
                  {current && (
                    <span className="menu-check" aria-hidden="true">
                      ✓
                    </span>
                  )}
                </button>
              );
            })}
          </div>
        )}
        {mayEdit && (
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={note.noRecord}
            aria-describedby={`${hintId}-record`}
            className="menu-item"
            data-testid="note.menu.noRecord"
            onClick={() => {
              markNoRecord(boardOf(note.id), note.id, !note.noRecord);
              announcer.say(note.noRecord ? 'This note will be recorded.' : 'Not recorded: this note stays on the board but is left out of snapshots and exports.');
              close('note');
            }}
          >
            Don’t record
            {note.noRecord && (
              <span className="menu-check" aria-hidden="true">
                ✓
              </span>
            )}
          </button>
        )}
        {mayWithdraw && (
          <button
            type="button"
            role="menuitem"
            className="menu-item menu-danger"
            data-testid="note.menu.withdraw"
            aria-haspopup="dialog"
            onClick={() => useUi.getState().askWithdraw(note.id)}
          >
            Withdraw my note…
          </button>
        )}
        {mayEdit && (
          <button
            type="button"
            role="menuitem"
            className="menu-item menu-danger"
            data-testid="note.menu.delete"
            onClick={() => {
              useUi.getState().closeNoteMenu();
              commands.deleteNote(note.id);
            }}
          >
            Delete note
          </button>
        )}
      </div>
    </div>,
    document.body,
  );
}
