import { useContext, useRef, useState, type PointerEvent } from 'react';
import type { NoteView, Point } from '@balcony/shared';
import { ScaleContext, useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { dropNote, landingSpot } from '../../board/actions';
import { useUi } from '../../state/ui';
import { useGroupOnDrop } from './useGroupOnDrop';

interface DragState {
  pointerId: number;
  startX: number;
  startY: number;
  origin: Point;
  moving: boolean;
}

/** Screen pixels a press may wander before it counts as a drag rather than a click. */
const DRAG_THRESHOLD_PX = 4;

export interface NoteDrag {
  /** Where the note is drawn while this person drags it; null when it is not being dragged. */
  centre: Point | null;
  /** Whether a press has become a drag. */
  isMoving: () => boolean;
  /** Ends a drag without moving the note. */
  cancel: () => void;
  handlers: {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerCancel: () => void;
  };
}

/**
 * Moving a note with a pointer. Others follow the drag through awareness alone; the document
 * changes once, on the drop, which lands the note in the zone under its centre, or groups it
 * with the note or theme under the pointer (useGroupOnDrop).
 */
export function useNoteDrag(note: NoteView, drawn: Point, editing: boolean): NoteDrag {
  const { boardOf, peers, announcer } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  const scale = useContext(ScaleContext);
  const drag = useRef<DragState | null>(null);
  const groupOnDrop = useGroupOnDrop();
  const [centre, setCentre] = useState<Point | null>(null);

  const pointerAt = (d: DragState, e: PointerEvent): Point => ({
    x: d.origin.x + (e.clientX - d.startX) / scale,
    y: d.origin.y + (e.clientY - d.startY) / scale,
  });

  const cancel = () => {
    drag.current = null;
    setCentre(null);
    peers.setDrag(null);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    // Nothing to drag while this person may not write: the server would refuse the drop.
    if (e.button !== 0 || editing || !access.write) return;
    if ((e.target as Element).closest('button, textarea, a')) return;
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, origin: drawn, moving: false };
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
    const p = pointerAt(d, e);
    setCentre(p);
    const spot = landingSpot(frame, p);
    peers.setDrag(spot ? { noteId: note.id, zone: spot.zone.id, x: spot.x, y: spot.y } : null);
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moving) {
      drag.current = null;
      return;
    }
    const p = pointerAt(d, e);
    cancel();
    if (groupOnDrop(note, e.clientX, e.clientY, p)) return;
    const landed = dropNote(boardOf(note.id), frame, note.id, p);
    if (!landed) {
      announcer.say('Notes belong inside a zone, so the note went back.');
    } else if (landed.id !== note.zone) {
      announcer.say(`Note moved to ${landed.label}.`);
      useUi.getState().requestFocus(note.id);
    }
  };

  return {
    centre,
    isMoving: () => drag.current?.moving === true,
    cancel,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: cancel },
  };
}
