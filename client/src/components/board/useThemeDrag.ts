import { useContext, useRef, useState, type PointerEvent } from 'react';
import type { Point, ThemeView } from '@balcony/shared';
import { ScaleContext, useAccess, useBoard, useFrame } from '../../board/BoardContext';
import { landingSpot } from '../../board/actions';
import { moveThemeTo } from '../../board/themeActions';
import { themeName } from '../../board/grouping';

const DRAG_THRESHOLD_PX = 4;

interface DragState {
  pointerId: number;
  startX: number;
  startY: number;
  moving: boolean;
}

/**
 * Moving a theme with a pointer, by its block: the block follows the pointer, and on the drop
 * the theme and its notes move together (moveTheme) into the zone under the block's centre
 * (`drawn`, where the block is drawn now).
 */
export function useThemeDrag(theme: ThemeView, drawn: Point) {
  const { conn, announcer } = useBoard();
  const frame = useFrame();
  const access = useAccess();
  const scale = useContext(ScaleContext);
  const drag = useRef<DragState | null>(null);
  const [offset, setOffset] = useState<{ x: number; y: number } | null>(null);

  const cancel = () => {
    drag.current = null;
    setOffset(null);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !access.write) return;
    if ((e.target as Element).closest('button, input, [data-testid="board.note"]')) return;
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, moving: false };
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moving) {
      if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_THRESHOLD_PX) return;
      d.moving = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    setOffset({ x: (e.clientX - d.startX) / scale, y: (e.clientY - d.startY) / scale });
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    cancel();
    if (!d.moving) return;
    const spot = landingSpot(frame, { x: drawn.x + (e.clientX - d.startX) / scale, y: drawn.y + (e.clientY - d.startY) / scale });
    if (!spot) {
      announcer.say('Themes belong inside a zone, so the theme went back.');
      return;
    }
    moveThemeTo(conn, theme.id, { zone: spot.zone.id, x: spot.x, y: spot.y });
    announcer.say(spot.zone.id === theme.zone ? `Theme ${themeName(theme.title)} moved.` : `Theme ${themeName(theme.title)} moved to ${spot.zone.label}.`);
  };

  return {
    /** How far the block is drawn from its place while this person drags it, in board units. */
    offset,
    isMoving: () => drag.current?.moving === true,
    cancel,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: cancel },
  };
}
