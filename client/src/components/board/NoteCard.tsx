import {
  memo,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { NOTE_SIZE, notePositionToBoard, shapeBounds, type NoteView, type Point, type Zone } from '@balcony/shared';
import { ScaleContext, useBoard } from '../../board/BoardContext';
import { dropNote, landingSpot, nudgeNote } from '../../board/actions';
import { useCommands } from '../../board/commands';
import { mayEditNote, noteDescription } from '../../board/noteRights';
import { useUi } from '../../state/ui';
import { NoteEditor } from './NoteEditor';

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
}

interface DragState {
  pointerId: number;
  startX: number;
  startY: number;
  origin: Point;
  moving: boolean;
}

/** Screen pixels a press may wander before it counts as a drag rather than a click. */
const DRAG_THRESHOLD_PX = 4;
const NUDGE = 10;
const NUDGE_BIG = 50;

export const NoteCard = memo(function NoteCard({ note, zone, authorName, selected, editing, remoteDrag }: Props) {
  const { conn, template, peers, announcer, me } = useBoard();
  const scale = useContext(ScaleContext);
  const commands = useCommands();
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<DragState | null>(null);
  const [dragCentre, setDragCentre] = useState<Point | null>(null);
  const wantsFocus = useUi((s) => s.pendingFocusNoteId === note.id);
  const menuOpen = useUi((s) => s.noteMenu?.noteId === note.id);
  const mayEdit = mayEditNote(me, note);
  const descriptionId = useId();

  useLayoutEffect(() => {
    if (!wantsFocus || editing) return;
    ref.current?.focus();
    useUi.getState().requestFocus(null);
  }, [wantsFocus, editing]);

  // A note that changes zone is drawn inside another zone's element, so React makes it anew;
  // focus goes with it.
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el && document.activeElement === el) useUi.getState().requestFocus(note.id);
    };
  }, [note.id]);

  const b = shapeBounds(zone.shape);
  const stored = notePositionToBoard(zone, note);
  const centre = dragCentre ?? remoteDrag?.centre ?? stored;

  const endDrag = () => {
    drag.current = null;
    setDragCentre(null);
    peers.setDrag(null);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || editing) return;
    if ((e.target as Element).closest('button, textarea, a')) return;
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, origin: stored, moving: false };
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moving) {
      if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_THRESHOLD_PX) return;
      d.moving = true;
      e.currentTarget.setPointerCapture(e.pointerId);
      const ui = useUi.getState();
      ui.select(note.id);
      ui.closeNoteMenu();
    }
    const p = { x: d.origin.x + (e.clientX - d.startX) / scale, y: d.origin.y + (e.clientY - d.startY) / scale };
    setDragCentre(p);
    const spot = landingSpot(template, p);
    peers.setDrag(spot ? { noteId: note.id, zone: spot.zone.id, x: spot.x, y: spot.y } : null);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moving) {
      drag.current = null;
      return;
    }
    const p = { x: d.origin.x + (e.clientX - d.startX) / scale, y: d.origin.y + (e.clientY - d.startY) / scale };
    endDrag();
    const landed = dropNote(conn, template, note.id, p);
    if (!landed) {
      announcer.say('Notes belong inside a zone, so the note went back.');
    } else if (landed.id !== note.zone) {
      announcer.say(`Note moved to ${landed.label}.`);
      useUi.getState().requestFocus(note.id);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const ui = useUi.getState();
    const step = e.shiftKey ? NUDGE_BIG : NUDGE;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const arrow = arrows[e.key];
    if (arrow) {
      e.preventDefault();
      if (!nudgeNote(conn, template, note, arrow[0], arrow[1])) announcer.say(`The note is at the edge of ${zone.label}.`);
      return;
    }
    switch (e.key) {
      case 'Enter':
      case 'F2':
        e.preventDefault();
        commands.editNote(note.id);
        return;
      case 'm':
      case 'M':
        e.preventDefault();
        ui.openMoveDialog(note.id);
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        commands.deleteNote(note.id);
        return;
      case 'Escape':
        if (drag.current?.moving) {
          e.preventDefault();
          endDrag();
        }
        return;
      case 'ContextMenu':
      case 'F10':
        if (e.key === 'F10' && !e.shiftKey) return;
        e.preventDefault();
        openMenu();
        return;
    }
  };

  const openMenu = () => {
    const button = ref.current?.querySelector<HTMLElement>('[data-testid="board.note.menu"]');
    if (!button) return;
    const r = button.getBoundingClientRect();
    useUi.getState().openNoteMenu(note.id, { left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  };

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
      aria-keyshortcuts={mayEdit ? 'Enter M Delete' : 'M'}
      style={style}
      onFocus={(e) => {
        if (e.target !== e.currentTarget) return;
        const ui = useUi.getState();
        ui.select(note.id);
        ui.setActiveZone(note.zone);
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={endDrag}
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
        <div className="note-text" data-testid="board.note.text">
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
          onClick={() => (menuOpen ? useUi.getState().closeNoteMenu() : openMenu())}
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
