import { Link } from 'react-router-dom';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { dateTimeWords } from '../../outcome/words';
import '../../styles/actions.css';

/** Once the facilitator has ended the session: the board is read-only, and the record is one link away. */
export function EndedNotice() {
  const { conn } = useBoard();
  const endedAt = useSessionState().endedAt;
  if (endedAt === null) return null;
  return (
    <div className="ended-notice" role="status" data-testid="board.ended">
      <p>
        <strong>This session has ended</strong> ({dateTimeWords(endedAt)}). The board is kept as it was; nobody can change it now.
      </p>
      <Link className="button button-primary" to={`/s/${encodeURIComponent(conn.sessionId)}/record`} data-testid="board.ended.record">
        Open the record
      </Link>
    </div>
  );
}
