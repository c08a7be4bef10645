import { useEffect, useRef, type KeyboardEvent } from 'react';
import { zoneById } from '@balcony/shared';
import { useBoard, useNotes } from '../../board/BoardContext';
import { moveNoteToZone } from '../../board/actions';
import { useUi } from '../../state/ui';
import { focusNoteNow, noteCentres } from '../../board/commands';

/** "Move to zone…": the keyboard and menu way to do what a drag does. */
export function MoveDialog() {
  const { conn, template, announcer } = useBoard();
  const noteId = useUi((s) => s.moveDialogNoteId);
  const snapshot = useNotes();
  const ref = useRef<HTMLDialogElement>(null);
  const note = noteId ? snapshot.byId.get(noteId) : undefined;
  const open = Boolean(noteId && note);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('[data-testid="moveDialog.zone"]')];
      (buttons.find((b) => b.getAttribute('aria-current') !== 'true') ?? buttons[0])?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  /**
   * Closes the dialog now, not on the next render: while a modal dialog is open the rest of the
   * page is inert, so the note (re-created in its new zone) could not take focus, and the browser
   * would hand focus back to whatever opened the dialog, which may be gone.
   */
  const closeNow = () => {
    const dialog = ref.current;
    if (dialog?.open) dialog.close();
  };

  const close = () => {
    const ui = useUi.getState();
    const id = ui.moveDialogNoteId;
    closeNow();
    ui.closeMoveDialog();
    if (id) focusNoteNow(id);
  };

  const choose = (zoneId: string) => {
    if (!note) return;
    const zone = zoneById(template, zoneId);
    closeNow();
    if (zone && zone.id !== note.zone) {
      moveNoteToZone(conn, template, note.id, zone, noteCentres(template, snapshot.list, note.id));
      announcer.say(`Note moved to ${zone.label}.`);
    }
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[data-testid="moveDialog.zone"]')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? buttons.length - 1
          : e.key === 'ArrowDown'
            ? (i + 1) % buttons.length
            : (i - 1 + buttons.length) % buttons.length;
    e.preventDefault();
    buttons[next]?.focus();
  };

  return (
    <dialog
      ref={ref}
      className="dialog move-dialog"
      data-testid={open ? 'moveDialog' : undefined}
      aria-labelledby="move-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) close();
      }}
    >
      {open && note && (
        <div className="dialog-body">
          <h2 id="move-dialog-title">Move to zone…</h2>
          <p className="dialog-lead">
            Choose where this note goes. It is in <strong>{zoneById(template, note.zone)?.label ?? 'no zone'}</strong> now.
          </p>
          <ul className="move-list">
            {template.zones.map((z) => {
              const current = z.id === note.zone;
              return (
                <li key={z.id}>
                  <button
                    type="button"
                    className="move-option"
                    data-testid="moveDialog.zone"
                    data-zone-id={z.id}
                    aria-current={current ? 'true' : undefined}
                    onClick={() => choose(z.id)}
                  >
                    {z.label}
                    {current && <span className="move-current"> (here now)</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => close()}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
