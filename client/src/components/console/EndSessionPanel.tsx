import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { commandFailureWords } from '../../session/sessionCommands';
import { ConfirmDialog } from '../common/ConfirmDialog';

/**
 * Ending the session: the final snapshot is taken, the board turns read-only for everyone and
 * the join code stops working. Asked once more, then the facilitator is taken to the record.
 */
export function EndSessionPanel() {
  const { conn } = useBoard();
  const ended = useSessionState().endedAt !== null;
  const navigate = useNavigate();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const recordPath = `/s/${encodeURIComponent(conn.sessionId)}/record`;

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.end">
      <h3 id={`${id}-title`}>End session</h3>
      {ended ? (
        <>
          <p className="hint">The session has ended. Its final record is kept.</p>
          <div className="console-buttons">
            <button type="button" className="button button-primary" data-testid="console.end.record" onClick={() => void navigate(recordPath)}>
              Open the record
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">When the group is done: the board is kept as it is now and nobody can change it after.</p>
          <div className="console-buttons">
            <button type="button" className="button button-danger" data-testid="console.end.open" aria-haspopup="dialog" onClick={() => setAsking(true)}>
              End session…
            </button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={asking}
        title="End the session for everyone?"
        confirmLabel="End session"
        danger
        testId="endDialog"
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          const result = await conn.command({ type: 'session.end' });
          if (!result.ok) return commandFailureWords(result);
          void navigate(recordPath);
          return null;
        }}
      >
        <p>The final snapshot is taken now. After that the board is read-only for everyone, and the join code stops working.</p>
        <p>Everyone can still open the record and download it.</p>
      </ConfirmDialog>
    </section>
  );
}
