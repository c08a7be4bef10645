import { useEffect, useRef } from 'react';
import { ChoiceDialog } from './ChoiceDialog';
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

  return (
    <ChoiceDialog
      dialogRef={ref}
      open={open}
      testId="moveDialog"
      titleId="move-dialog-title"
      optionSelector='[data-testid="moveDialog.zone"]'
      initialFocus={(options) => options.find((b) => b.getAttribute('aria-current') !== 'true')}
      onCancel={close}
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
    </ChoiceDialog>
  );
}
