import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { useBoard, useViewFrame, ScaleContext } from '../../board/BoardContext';
import { BOARD_MARGIN, ZOOM_STEPS, fitScale, labelZoom } from '../../board/layout';
import { framesOnScreen } from '../../board/frames';
import { useUi } from '../../state/ui';
import { BoardCanvas } from './BoardCanvas';

/** Board units between two frames side by side, and above them for their names. */
const SIDE_GAP = 48;
const CAPTION_H = 56;

/**
 * The scrolling area that holds the frame in view, scaled to fit it (never below a readable
 * size); side by side, both webs share one scale, so that they compare segment for segment.
 */
export function BoardViewport() {
  const { template } = useBoard();
  const frame = useViewFrame();
  const sideBySide = useUi((s) => s.sideBySide);
  const frames = framesOnScreen(template, frame, sideBySide);
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    // Measured on the next frame, so that a resize never re-enters layout in the same frame.
    let raf = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(measure);
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
    };
  }, []);

  // What was selected or open belongs to the frame that went out of view.
  const shownKey = frames.map((f) => f.id).join(' ');
  const firstShown = useRef(shownKey);
  useEffect(() => {
    if (shownKey === firstShown.current) return;
    firstShown.current = shownKey;
    useUi.getState().clearSelection();
  }, [shownKey]);

  const paired = frames.length > 1;
  const top = paired ? CAPTION_H : 0;
  const drawing = {
    width: frames.reduce((w, f) => w + f.board.width, 0) + SIDE_GAP * (frames.length - 1),
    height: top + Math.max(...frames.map((f) => f.board.height)),
  };
  const zoomStep = useUi((s) => s.zoomStep);
  // A couple of pixels spare, so that rounding never adds scroll bars that would shrink the fit.
  const scale = size ? fitScale(size.w - 2, size.h - 2, drawing, ZOOM_STEPS[zoomStep] ?? 1) : 1;
  const frameW = Math.floor((drawing.width + 2 * BOARD_MARGIN.x) * scale);
  const frameH = Math.floor((drawing.height + 2 * BOARD_MARGIN.y) * scale);
  const tabbed = template.frames.length > 1;

  let x = 0;
  const placed = frames.map((f) => {
    const at = { x, y: top };
    x += f.board.width + SIDE_GAP;
    return { frame: f, at };
  });

  return (
    <div
      className="board-viewport"
      ref={ref}
      data-testid="board.viewport"
      data-frame-id={frame.id}
      {...(tabbed ? { role: 'tabpanel', id: 'frame-panel', 'aria-labelledby': `frame-tab-${frame.id}` } : {})}
    >
      {size && (
        <ScaleContext.Provider value={scale}>
          <div className="board-frame" style={{ width: frameW, height: frameH, '--label-zoom': labelZoom(scale) } as CSSProperties}>
            {paired &&
              placed.map(({ frame: f, at }) => (
                <p
                  key={f.id}
                  className="frame-caption"
                  data-testid="board.frameCaption"
                  style={{ left: (BOARD_MARGIN.x + at.x) * scale, top: BOARD_MARGIN.y * scale, width: f.board.width * scale }}
                >
                  {f.label}
                </p>
              ))}
            {placed.map(({ frame: f, at }, i) => (
              <BoardCanvas key={f.id} frame={f} scale={scale} offset={at} primary={i === 0} />
            ))}
          </div>
        </ScaleContext.Provider>
      )}
    </div>
  );
}
