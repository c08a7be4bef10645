import { useEffect } from 'react';
import { useBoard, useStore } from '../../board/BoardContext';
import { useCommands } from '../../board/commands';
import { useUi } from '../../state/ui';
import { ZOOM_STEPS } from '../../board/layout';

const TOAST_MS = 8_000;

export function BoardToolbar() {
  const { conn } = useBoard();
  const commands = useCommands();
  const { canUndo, canRedo } = useStore(conn.undoState);
  const toast = useUi((s) => s.toast);
  const clearToast = useUi((s) => s.clearToast);
  const zoomStep = useUi((s) => s.zoomStep);
  const setZoomStep = useUi((s) => s.setZoomStep);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(clearToast, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, clearToast]);

  return (
    <div className="board-toolbar" role="group" aria-label="Board tools">
      <button
        type="button"
        className="button button-primary"
        data-testid="board.addNote"
        aria-keyshortcuts="N"
        onClick={() => commands.addNote()}
      >
        <span aria-hidden="true" className="plus">
          +
        </span>{' '}
        Add note
      </button>
      <button
        type="button"
        className="button"
        data-testid="board.undo"
        aria-keyshortcuts="Control+Z Meta+Z"
        disabled={!canUndo}
        onClick={commands.undo}
      >
        Undo
      </button>
      <button
        type="button"
        className="button"
        data-testid="board.redo"
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        disabled={!canRedo}
        onClick={commands.redo}
      >
        Redo
      </button>
      <div className="zoom-controls" role="group" aria-label="Zoom">
        <button
          type="button"
          className="button button-icon"
          aria-label="Zoom out"
          title="Zoom out (-)"
          disabled={zoomStep === 0}
          onClick={() => setZoomStep(Math.max(0, zoomStep - 1))}
        >
          −
        </button>
        <button
          type="button"
          className="button"
          title="Show the whole board (0)"
          aria-pressed={zoomStep === 0}
          onClick={() => setZoomStep(0)}
        >
          {zoomStep === 0 ? 'Whole board' : `${Math.round((ZOOM_STEPS[zoomStep] ?? 1) * 100)}%`}
        </button>
        <button
          type="button"
          className="button button-icon"
          aria-label="Zoom in"
          title="Zoom in (+)"
          disabled={zoomStep === ZOOM_STEPS.length - 1}
          onClick={() => setZoomStep(Math.min(ZOOM_STEPS.length - 1, zoomStep + 1))}
        >
          +
        </button>
      </div>
      <div className="toolbar-status" role="status">
        {toast && (
          <span className="toast">
            {toast.text}
            {toast.undo && canUndo && (
              <button type="button" className="link-button" onClick={commands.undo}>
                Undo
              </button>
            )}
          </span>
        )}
      </div>
      <p className="toolbar-hint">
        Double-click a zone to add a note there. Keys: <kbd>N</kbd> new note, <kbd>Enter</kbd> edit, <kbd>M</kbd> move,
        arrows nudge.
      </p>
    </div>
  );
}
