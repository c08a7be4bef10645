import { memo, useId, useRef, type CSSProperties } from 'react';
import { NOTE_SIZE, notePositionToBoard, shapeBounds, type NoteView, type Point, type Zone } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { useCommands } from '../../board/commands';
import { mayEditNote, noteDescription } from '../../board/noteRights';
import { useUi } from '../../state/ui';
import { NoteEditor } from './NoteEditor';
import { useNoteDrag } from './useNoteDrag';
import { useNoteFocus } from './useNoteFocus';
import { useNoteKeys } from './useNoteKeys';

export interface RemoteDrag {
  centre: Point;
  name: string;
  color: string;
}

interface Props {
  note: NoteView;
  zone: Zone;
  authorName: string;
  selected: boolean;
  editing: boolean;
  remoteDrag: RemoteDrag | null;
  /** Where the zone's arrangement draws the note, which may be clear of where it was put. */
  drawnX: number;
  drawnY: number;
}

/** One note: its words, its author and its menu button. Dragging, keys and focus are hooks. */
export const NoteCard = memo(function NoteCard({ note, zone, authorName, selected, editing, remoteDrag, drawnX, drawnY }: Props) {
  const { me } = useBoard();
  const commands = useCommands();
  const ref = useRef<HTMLDivElement>(null);
  const menuOpen = useUi((s) => s.noteMenu?.noteId === note.id);
  const mayEdit = mayEditNote(me, note);
  const descriptionId = useId();

  const b = shapeBounds(zone.shape);
  const stored = notePositionToBoard(zone, note);
  // A drag starts from where the note is drawn, so that it does not jump under the pointer.
  const drag = useNoteDrag(note, { x: drawnX, y: drawnY }, editing);
  const dragCentre = drag.centre;
  const centre = dragCentre ?? remoteDrag?.centre ?? stored;

  const openMenu = (from: 'note' | 'button' = 'note') => {
    const button = ref.current?.querySelector<HTMLElement>('[data-testid="board.note.menu"]');
    if (!button) return;
    const r = button.getBoundingClientRect();
    useUi.getState().openNoteMenu(note.id, { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, from);
  };
  const onKeyDown = useNoteKeys(note, zone, drag, openMenu);
  useNoteFocus(ref, note.id, editing);

  const style = {
    left: centre.x - b.x - NOTE_SIZE.w / 2,
    top: centre.y - b.y - NOTE_SIZE.h / 2,
    width: NOTE_SIZE.w,
    height: NOTE_SIZE.h,
    background: note.color,
    '--peer-color': remoteDrag?.color,
  } as CSSProperties;

  const preview = note.text.length > 280 ? `${note.text.slice(0, 280)}…` : note.text;
  const classes = [
    'note',
    selected && 'is-selected',
    editing && 'is-editing',
    dragCentre && 'is-dragging',
    !dragCentre && remoteDrag && 'is-remote-drag',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={ref}
      className={classes}
      data-testid="board.note"
      data-note-id={note.id}
      data-zone-id={note.zone}
      data-color={note.color}
      tabIndex={0}
      role="group"
      aria-roledescription="note"
      aria-label={preview || 'Empty note'}
      aria-describedby={descriptionId}
      data-selected={selected}
      aria-keyshortcuts={mayEdit ? 'Enter Alt+M Delete' : 'Alt+M'}
      style={style}
      onFocus={(e) => {
        if (e.target !== e.currentTarget) return;
        const ui = useUi.getState();
        ui.select(note.id);
        ui.setActiveZone(note.zone);
      }}
      {...drag.handlers}
      onDoubleClick={(e) => {
        if ((e.target as Element).closest('button')) return;
        e.stopPropagation();
        if (!editing) commands.editNote(note.id);
      }}
      onKeyDown={onKeyDown}
    >
      {!dragCentre && remoteDrag && (
        <span className="note-moved-by" aria-hidden="true">
          {remoteDrag.name}
        </span>
      )}
      <span id={descriptionId} hidden>
        {noteDescription(me, note, authorName)}
      </span>
      {editing && mayEdit ? (
        <NoteEditor noteId={note.id} />
      ) : (
        <div className="note-text" data-testid="board.note.text" dir="auto">
          {note.text}
        </div>
      )}
      <div className="note-footer">
        <span className="note-author" data-testid="board.note.author">
          {authorName}
        </span>
        <button
          type="button"
          className="note-menu-button"
          data-testid="board.note.menu"
          aria-label="Note actions"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          tabIndex={selected ? 0 : -1}
          onClick={() => (menuOpen ? useUi.getState().closeNoteMenu() : openMenu('button'))}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <circle cx="4" cy="10" r="2" />
            <circle cx="10" cy="10" r="2" />
            <circle cx="16" cy="10" r="2" />
          </svg>
        </button>
      </div>
    </div>
  );
});
