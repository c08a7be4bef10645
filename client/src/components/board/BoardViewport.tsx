import { useLayoutEffect, useRef, useState } from 'react';
import { useBoard, ScaleContext } from '../../board/BoardContext';
import { BOARD_MARGIN, ZOOM_STEPS, fitScale } from '../../board/layout';
import { useUi } from '../../state/ui';
import { BoardCanvas } from './BoardCanvas';

/** The scrolling area that holds the board, scaled to fit it (never below a readable size). */
export function BoardViewport() {
  const { template } = useBoard();
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    // Measured on the next frame, so that a resize never re-enters layout in the same frame.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  const zoomStep = useUi((s) => s.zoomStep);
  // A couple of pixels spare, so that rounding never adds scroll bars that would shrink the fit.
  const scale = size ? fitScale(size.w - 2, size.h - 2, template.board, ZOOM_STEPS[zoomStep] ?? 1) : 1;
  const frameW = Math.floor((template.board.width + 2 * BOARD_MARGIN.x) * scale);
  const frameH = Math.floor((template.board.height + 2 * BOARD_MARGIN.y) * scale);

  return (
    <div className="board-viewport" ref={ref}>
      {size && (
        <ScaleContext.Provider value={scale}>
          <div className="board-frame" style={{ width: frameW, height: frameH }}>
            <BoardCanvas scale={scale} />
          </div>
        </ScaleContext.Provider>
      )}
    </div>
  );
}
