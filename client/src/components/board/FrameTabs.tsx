import { useRef, type KeyboardEvent } from 'react';
import { useAccess, useBoard, usePhase, useViewFrame } from '../../board/BoardContext';
import { sideBySideFrames } from '../../board/frames';
import { useUi } from '../../state/ui';

/**
 * The template's frames as tabs (the ARIA tabs pattern: one tab stop, arrow keys between tabs,
 * Home and End), the current phase's frame marked; beside the board on a wide screen, above it
 * on a narrow one (board.css). On a web, a toggle draws both webs side by
 * side. Nothing is drawn for a template of one frame.
 */
export function FrameTabs() {
  const { template } = useBoard();
  const frame = useViewFrame();
  const phase = usePhase();
  const sideBySide = useUi((s) => s.sideBySide);
  // On a snapshot the phase marked is the one it was taken in, not the phase now.
  const access = useAccess();
  const snapshot = !access.write && access.code === 'snapshot';
  const listRef = useRef<HTMLDivElement>(null);
  if (template.frames.length < 2) return null;
  const pair = sideBySideFrames(template, frame);

  const show = (frameId: string, focus: boolean) => {
    // Choosing the phase's own frame is the same as following the phase.
    useUi.getState().showFrame(frameId === phase.frame ? null : frameId);
    if (focus) listRef.current?.querySelector<HTMLElement>(`[data-frame-id="${CSS.escape(frameId)}"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const ids = template.frames.map((f) => f.id);
    const i = ids.indexOf(frame.id);
    // Beside the board the tabs run down, above it across: either pair of arrows moves.
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (i + 1) % ids.length
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (i - 1 + ids.length) % ids.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? ids.length - 1
      : null;
    if (to === null) return;
    e.preventDefault();
    show(ids[to]!, true);
  };

  return (
    <div className="frame-tabs" data-testid="frames">
      <div className="frame-tablist" role="tablist" aria-label="Frames" ref={listRef} onKeyDown={onKeyDown} data-testid="frames.tabs">
        {template.frames.map((f) => {
          const selected = f.id === frame.id;
          return (
            <button
              key={f.id}
              type="button"
              role="tab"
              id={`frame-tab-${f.id}`}
              className="frame-tab"
              data-testid={`frames.tab.${f.id}`}
              data-frame-id={f.id}
              aria-selected={selected}
              aria-controls="frame-panel"
              tabIndex={selected ? 0 : -1}
              onClick={() => show(f.id, false)}
            >
              {f.label}
              {f.id === phase.frame && (
                <span className="frame-tab-now">
                  <span aria-hidden="true">{snapshot ? 'Then' : 'Now'}</span>
                  <span className="visually-hidden">{snapshot ? ', the phase it was taken in' : ', this phase'}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      {pair.length > 0 && (
        <button
          type="button"
          className="button frame-side-by-side"
          data-testid="frames.sideBySide"
          aria-pressed={sideBySide}
          onClick={() => useUi.getState().setSideBySide(!sideBySide)}
        >
          Side by side
        </button>
      )}
    </div>
  );
}
