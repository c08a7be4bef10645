import { useEffect, useRef } from 'react';
import { ChoiceDialog } from './ChoiceDialog';
import { frameOfZone, zoneById } from '@balcony/shared';
import { useAccess, useBoard, useNotes } from '../../board/BoardContext';
import { focusNoteNow } from '../../board/commands';
import { themeName } from '../../board/grouping';
import { isPrivateNote } from '../../board/notesIndex';
import { useThemeCommands } from '../../board/themeCommands';
import { useThemes } from '../../board/useThemes';
import { useUi } from '../../state/ui';

/**
 * "Group with…": the keyboard and menu way to do what dropping a note on another does. It offers
 * the themes and the loose notes of the note's own frame: a theme to join, or a note to make a new
 * theme with.
 */
export function GroupDialog() {
  const { template, viewFrame } = useBoard();
  const noteId = useUi((s) => s.groupDialogNoteId);
  const snapshot = useNotes();
  const themes = useThemes();
  const access = useAccess();
  const commands = useThemeCommands();
  const ref = useRef<HTMLDialogElement>(null);
  const note = noteId ? snapshot.byId.get(noteId) : undefined;
  const open = Boolean(noteId && note && access.write);
  const frame = (note && frameOfZone(template, note.zone)) || viewFrame();
  const onFrame = (zoneId: string) => Boolean(zoneById(frame, zoneId));
  const themeChoices = themes.list.filter((t) => onFrame(t.zone) && t.id !== note?.themeId);
  const noteChoices = snapshot.list.filter((n) => n.id !== noteId && !n.themeId && !isPrivateNote(n) && onFrame(n.zone));

  useEffect(() => {
    if (noteId && !access.write) useUi.getState().closeGroupDialog();
  }, [noteId, access]);

  const closeNow = () => {
    if (ref.current?.open) ref.current.close();
    useUi.getState().closeGroupDialog();
  };
  const cancel = () => {
    closeNow();
    if (noteId) focusNoteNow(noteId);
  };

  const label = (zoneId: string) => zoneById(frame, zoneId)?.label ?? '';
  const preview = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text || 'Empty note');

  return (
    <ChoiceDialog
      dialogRef={ref}
      open={open}
      testId="groupDialog"
      titleId="group-dialog-title"
      optionSelector=".move-option"
      initialFocus={(options) => options.find((b) => b.dataset.testid?.startsWith('groupDialog.'))}
      onCancel={cancel}
    >
      {open && note && (
        <div className="dialog-body">
          <h2 id="group-dialog-title">Group with…</h2>
          <p className="dialog-lead">Choose a theme for this note to join, or a note to make a new theme with.</p>
          {themeChoices.length > 0 && (
            <>
              <h3 className="dialog-subhead">Themes</h3>
              <ul className="move-list">
                {themeChoices.map((t) => (
                  <li key={t.id}>
                    <button
                      type="button"
                      className="move-option"
                      data-testid="groupDialog.theme"
                      data-theme-id={t.id}
                      onClick={() => {
                        closeNow();
                        commands.join(t.id, [note.id]);
                        focusNoteNow(note.id);
                      }}
                    >
                      {themeName(t.title)}
                      <span className="move-current"> ({label(t.zone)})</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="dialog-subhead">Notes</h3>
          {noteChoices.length === 0 ? (
            <p className="hint">No other loose notes here to group with.</p>
          ) : (
            <ul className="move-list">
              {noteChoices.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className="move-option"
                    data-testid="groupDialog.note"
                    data-note-id={n.id}
                    onClick={() => {
                      closeNow();
                      // A new theme's name field takes focus itself.
                      if (!commands.groupNew([n.id, note.id], { zone: n.zone, x: n.x, y: n.y })) focusNoteNow(note.id);
                    }}
                  >
                    {preview(n.text)}
                    <span className="move-current"> ({label(n.zone)})</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </ChoiceDialog>
  );
}
