import { useEffect } from 'react';
import { useAccess, useLiveConnection, useStore } from '../../board/BoardContext';
import { useCommands } from '../../board/commands';
import { useUi } from '../../state/ui';
import { ZOOM_STEPS } from '../../board/layout';
import { GroupPickedButton } from './GroupPickedButton';
import '../../styles/keyboard.css';

const TOAST_MS = 8_000;

export function BoardToolbar() {
  const conn = useLiveConnection();
  const commands = useCommands();
  const { canUndo, canRedo } = useStore(conn.undoState);
  const toast = useUi((s) => s.toast);
  const clearToast = useUi((s) => s.clearToast);
  const zoomStep = useUi((s) => s.zoomStep);
  const setZoomStep = useUi((s) => s.setZoomStep);
  // Nothing here is offered that the server would refuse: while this person may not write, the
  // tools that write give way to the reason.
  const access = useAccess();

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(clearToast, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, clearToast]);

  return (
    <div className="board-toolbar" role="group" aria-label="Board tools">
      {!access.write && (
        <p className="read-only-badge" data-testid="board.readOnly" data-code={access.code}>
          <span className="read-only-icon" aria-hidden="true" />
          Read only: {access.reason}
        </p>
      )}
      {access.write && (
      <>
      <button
        type="button"
        className="button button-primary"
        data-testid="board.addNote"
        aria-keyshortcuts="Alt+N"
        title="Add note (Alt+N)"
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
      <GroupPickedButton />
      </>
      )}
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
      <div className="toolbar-status" role="status" data-testid="board.status">
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
      {/* Where the keys work: typing on a zone or a note writes, so no shortcut there is a bare letter. */}
      {access.write && <p className="toolbar-hint">Type on a zone to start a note there, or double-click it.</p>}
      <details className="keys-help" data-testid="board.keysHint">
        <summary>Keys</summary>
        <div className="keys-help-body">
          <p>Typing on a zone starts a note there; typing on your note adds to it.</p>
          <ul>
            <li><kbd>Tab</kbd> moves between zones and notes.</li>
            <li><kbd>Enter</kbd> edits; <kbd>Escape</kbd> leaves editing.</li>
            <li>Arrow keys nudge a selected note.</li>
            <li><kbd>Alt</kbd>+<kbd>M</kbd> opens “Move to zone…”.</li>
            <li><kbd>Alt</kbd>+<kbd>N</kbd> adds a note to the zone in view.</li>
            <li><kbd>Ctrl</kbd>+<kbd>Space</kbd> (or Shift-click) picks notes; <kbd>Alt</kbd>+<kbd>G</kbd> groups them into a theme.</li>
            <li>On a theme, arrow keys move it with its notes; <kbd>Enter</kbd> renames it; <kbd>Delete</kbd> ungroups it.</li>
            <li><kbd>Delete</kbd> removes (with undo).</li>
            <li><kbd>Ctrl</kbd>/<kbd>Cmd</kbd>+<kbd>Z</kbd> and <kbd>Shift</kbd>+<kbd>Ctrl</kbd>/<kbd>Cmd</kbd>+<kbd>Z</kbd> undo and redo.</li>
          </ul>
        </div>
      </details>
    </div>
  );
}
