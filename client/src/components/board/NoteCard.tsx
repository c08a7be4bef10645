import { memo, useContext, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { notePositionToBoard, shapeBounds, type NoteView, type Point, type Zone } from '@balcony/shared';
import { ScaleContext, useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { scaleTrack, scaleWords } from '../../board/scale';
import { noteZoom } from '../../board/layout';
import { useCommands } from '../../board/commands';
import { mayEditNote, mayWithdrawNote, noteDescription } from '../../board/noteRights';
import { isPrivateNote } from '../../board/notesIndex';
import { ONLY_YOU } from '../../board/privateWriting';
import { holdsMore, measureNoteText } from '../../board/noteFit';
import { useUi } from '../../state/ui';
import { NoteEditor } from './NoteEditor';
import { useNoteDrag } from './useNoteDrag';
import { useNoteFocus } from './useNoteFocus';
import { useNoteKeys } from './useNoteKeys';
import { NoteMarks } from './NoteMarks';
import { VoteButtons } from './VoteButtons';
import { useThemeCommands } from '../../board/themeCommands';

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
  /** The zone draws its notes as a cascade, each partly under the next. */
  cascade: boolean;
  /** The note's size in its own units: narrower in a column, shorter in a crowded zone. */
  boxW: number;
  boxH: number;
}

/** One note: its words, its author and its menu button. Dragging, keys and focus are hooks. */
export const NoteCard = memo(function NoteCard({ note, zone, authorName, selected, editing, remoteDrag, drawnX, drawnY, cascade, boxW, boxH }: Props) {
  const { me } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  const scale = useContext(ScaleContext);
  const commands = useCommands();
  const ref = useRef<HTMLDivElement>(null);
  const menuOpen = useUi((s) => s.noteMenu?.noteId === note.id);
  const picked = useUi((s) => s.pickedNoteIds.includes(note.id));
  const themes = useThemeCommands();
  const mayEdit = mayEditNote(me, note, access);
  const descriptionId = useId();
  // In a cascade most of a note is under the next one, so it is drawn with its words alone until
  // someone points at it, selects it or moves it: a full board then lays out a third as much.
  const [pointedAt, setPointedAt] = useState(false);

  const b = shapeBounds(zone.shape);
  const stored = notePositionToBoard(zone, note);
  // A drag starts from where the note is drawn, so that it does not jump under the pointer.
  const drag = useNoteDrag(note, { x: drawnX, y: drawnY }, editing);
  const dragCentre = drag.centre;
  // Where someone else drags it, or where it was put; the slot around it shifts it to where the
  // zone's arrangement draws it.
  const centre = !dragCentre && remoteDrag ? remoteDrag.centre : stored;
  const slot = {
    '--slot-x': `${!dragCentre && remoteDrag ? 0 : drawnX - stored.x}px`,
    '--slot-y': `${!dragCentre && remoteDrag ? 0 : drawnY - stored.y}px`,
    // A note this person drags follows the pointer by a translation of its slot alone, which the
    // compositor applies without laying out or repainting the other notes of a full board.
    transform: dragCentre ? `translate(${dragCentre.x - drawnX}px, ${dragCentre.y - drawnY}px)` : undefined,
    // A note in a theme is drawn smaller than the loose notes of its zone.
    '--note-w': `${boxW}px`,
    '--note-h': `${boxH}px`,
  } as CSSProperties;

  const detailed = !cascade || selected || editing || menuOpen || pointedAt || dragCentre !== null || remoteDrag !== null;

  const openMenu = (from: 'note' | 'button' = 'note') => {
    // The menu changes the board, but for taking back one's own note: while this person may not
    // write, and the note is not theirs to withdraw, they hear why.
    if (!mayWithdrawNote(me, note, access, !isPrivateNote(note)) && !commands.mayWrite()) return;
    const button = ref.current?.querySelector<HTMLElement>('[data-testid="board.note.menu"]');
    if (!button) return;
    const r = button.getBoundingClientRect();
    useUi.getState().openNoteMenu(note.id, { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, from);
  };
  const onKeyDown = useNoteKeys(note, zone, drag, openMenu);
  useNoteFocus(ref, note.id, editing);

  const style = {
    '--cx': `${centre.x - b.x}px`,
    '--cy': `${centre.y - b.y}px`,
    background: note.color,
    '--note-color': note.color,
    '--peer-color': remoteDrag?.color,
  } as CSSProperties;

  // Words that do not all fit say so with a fade and "more…", and Tab reaches them, where the
  // arrow keys scroll an open note's words rather than nudge it.
  const more = useMemo(() => holdsMore(note.text, { w: boxW, h: boxH }, measureNoteText), [note.text, boxW, boxH]);
  // Which way an open note grows (board.css): evenly, unless that would take it past the board's
  // left or right edge, where it keeps that edge.
  const halfOpen = 1.2 * boxW * noteZoom(scale);
  const openX = drawnX - halfOpen < 0 ? 'right' : drawnX + halfOpen > frame.board.width ? 'left' : 'middle';
  const track = scaleTrack(zone);
  const preview = note.text.length > 280 ? `${note.text.slice(0, 280)}…` : note.text;
  // A note of this person's private board: drawn among the others, marked, and named so.
  const alone = isPrivateNote(note);
  const classes = [
    'note',
    alone && 'is-private',
    note.noRecord && 'is-no-record',
    selected && 'is-selected',
    picked && 'is-picked',
    editing && 'is-editing',
    dragCentre && 'is-dragging',
    !dragCentre && remoteDrag && 'is-remote-drag',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`note-slot${dragCentre ? ' is-dragging' : ''}`} style={slot}>
      <div
        ref={ref}
        className={classes}
        data-testid="board.note"
        data-note-id={note.id}
        data-zone-id={note.zone}
        data-color={note.color}
        data-more={more}
        data-open-x={openX}
        data-open-y={drawnY > frame.board.height / 2 ? 'up' : 'down'}
        tabIndex={0}
        role="group"
        aria-roledescription="note"
        aria-label={alone ? `${preview || 'Empty note'} (${ONLY_YOU})` : preview || 'Empty note'}
        data-private={alone || undefined}
        aria-describedby={descriptionId}
        data-selected={selected}
        data-picked={picked || undefined}
        data-theme-id={note.themeId ?? undefined}
        data-starred={note.starred || undefined}
        data-no-record={note.noRecord || undefined}
        aria-keyshortcuts={mayEdit ? 'Enter Alt+M Delete' : access.write ? 'Alt+M' : undefined}
        style={style}
        onFocus={(e) => {
          if (e.target !== e.currentTarget) return;
          const ui = useUi.getState();
          ui.select(note.id);
          ui.setActiveZone(note.zone);
        }}
        {...drag.handlers}
        onClick={(e) => {
          // Shift- or Ctrl-click picks notes to group; a plain click selects one, as focus does.
          if (!(e.shiftKey || e.ctrlKey || e.metaKey) || (e.target as Element).closest('button')) return;
          e.preventDefault();
          themes.togglePicked(note.id);
        }}
        onPointerEnter={cascade ? () => setPointedAt(true) : undefined}
        onPointerLeave={cascade ? () => setPointedAt(false) : undefined}
        onDoubleClick={(e) => {
          if ((e.target as Element).closest('button')) return;
          e.stopPropagation();
          if (!editing) commands.editNote(note.id);
        }}
        onKeyDown={onKeyDown}
      >
        {!dragCentre && remoteDrag?.name && (
          <span className="note-moved-by" aria-hidden="true">
            {remoteDrag.name}
          </span>
        )}
        <span id={descriptionId} hidden>
          {noteDescription(me, note, authorName, access)}
          {track && ` ${scaleWords(track, stored.x)}`}
          {picked && ' Picked for grouping.'}
        </span>
        {/* In words, not by colour or border alone: it stays on the board but out of the record. */}
        {note.noRecord && (
          <span className="note-no-record" data-testid="board.note.noRecord">
            Not recorded
          </span>
        )}
        {editing && mayEdit ? (
          <NoteEditor noteId={note.id} />
        ) : (
          <div className="note-text" data-testid="board.note.text" dir="auto" tabIndex={more ? 0 : undefined}>
            {note.text}
          </div>
        )}
        {/* After the words, so that Tab from the note reaches them first. */}
        {!alone && <NoteMarks note={note} tabbable={selected} />}
        {detailed && (
          <div className="note-footer">
            <span className="note-author" data-testid="board.note.author">
              {alone ? ONLY_YOU : authorName}
            </span>
            {!alone && <VoteButtons targetId={note.id} kind="notes" zoneId={note.zone} tabbable={selected} />}
            {(access.write || mayWithdrawNote(me, note, access, !alone)) && (
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
                <span className="note-menu-dots" aria-hidden="true" />
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
});
