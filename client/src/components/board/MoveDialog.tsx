import { useEffect, useRef, type KeyboardEvent } from 'react';
import { frameOfZone, zoneById } from '@balcony/shared';
import { useAccess, useBoard, useNotes } from '../../board/BoardContext';
import { moveNoteToZone } from '../../board/actions';
import { useUi } from '../../state/ui';
import { focusNoteNow, markerLimitWords, markersLeft, noteCentres } from '../../board/commands';

/**
 * "Move to zone…": the keyboard and menu way to do what a drag does. It offers the zones of the
 * note's own frame, as a drag on that frame would.
 */
export function MoveDialog() {
  const { boardOf, template, announcer, viewFrame } = useBoard();
  const noteId = useUi((s) => s.moveDialogNoteId);
  const snapshot = useNotes();
  const access = useAccess();
  const ref = useRef<HTMLDialogElement>(null);
  const note = noteId ? snapshot.byId.get(noteId) : undefined;
  const open = Boolean(noteId && note && access.write);
  const frame = (note && frameOfZone(template, note.zone)) || viewFrame();

  // Writing closed while the dialog was open: the choice would be refused, so it goes.
  useEffect(() => {
    if (noteId && !access.write) useUi.getState().closeMoveDialog();
  }, [noteId, access]);

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
    const zone = zoneById(frame, zoneId);
    if (zone && zone.id !== note.zone && !markersLeft(snapshot.list, zone, note.authorId, note.id)) {
      announcer.say(markerLimitWords(zone));
      return;
    }
    closeNow();
    if (zone && zone.id !== note.zone) {
      moveNoteToZone(boardOf(note.id), frame.board, note.id, zone, noteCentres(frame, snapshot.list, note.id));
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
            Choose where this note goes. It is in <strong>{zoneById(frame, note.zone)?.label ?? 'no zone'}</strong> now.
            {template.frames.length > 1 && ` These are the zones of ${frame.label}.`}
          </p>
          <ul className="move-list">
            {frame.zones.map((z) => {
              const current = z.id === note.zone;
              const full = !current && !markersLeft(snapshot.list, z, note.authorId, note.id);
              return (
                <li key={z.id}>
                  <button
                    type="button"
                    className="move-option"
                    data-testid="moveDialog.zone"
                    data-zone-id={z.id}
                    aria-current={current ? 'true' : undefined}
                    aria-disabled={full || undefined}
                    onClick={() => choose(z.id)}
                  >
                    {z.label}
                    {current && <span className="move-current"> (here now)</span>}
                    {full && <span className="move-current"> (their marker is there)</span>}
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
