import { Link } from 'react-router-dom';
import type { SessionAccess } from '../../library/access';
import type { SnapshotProblem } from '../../pages/useSnapshotSession';
import { useDocumentTitle } from '../../pages/useDocumentTitle';

/** This browser holds neither a place in the session nor a team link to it. */
export function NoSnapshotAccess() {
  useDocumentTitle('No access to this session');
  return (
    <main className="message-page" data-testid="snapshot.noAccess">
      <h1>This browser can't open this session</h1>
      <p>
        Its snapshots open for the people who took part, on the device they joined with, and for anyone with a team link from the
        facilitator. Open the team link you were given, or ask the facilitator for one.
      </p>
      <p>
        <Link className="button button-primary" to="/library">
          Go to your library
        </Link>
      </p>
    </main>
  );
}

/** Why the snapshot is not shown, and where to go from here. */
export function SnapshotProblemMessage({ problem, access, onRetry }: { problem: SnapshotProblem; access: SessionAccess; onRetry?: () => void }) {
  useDocumentTitle(problem.kind === 'gone' ? 'Snapshot not found' : 'Snapshot not opened');
  return (
    <main className="message-page" role="alert" data-testid="snapshot.problem" data-problem={problem.kind}>
      {problem.kind === 'revoked' ? (
        access.kind === 'team' ? (
          <>
            <h1>This team link no longer opens the session</h1>
            <p>The facilitator has revoked it, or the session has been erased. Ask the facilitator for a new link.</p>
          </>
        ) : (
          <>
            <h1>This device's place in the session is no longer valid</h1>
            <p>The session may have been erased. Ask the facilitator for a team link to its outcome.</p>
          </>
        )
      ) : problem.kind === 'gone' ? (
        <>
          <h1>This snapshot is no longer here</h1>
          <p>The server has no such snapshot of this session: it may have been erased with its session, or the address is wrong.</p>
        </>
      ) : (
        <>
          <h1>The snapshot could not be opened</h1>
          <p>{problem.message}</p>
        </>
      )}
      <p className="message-actions">
        {problem.kind === 'other' && onRetry && (
          <button type="button" className="button button-primary" onClick={onRetry}>
            Try again
          </button>
        )}
        <Link className={problem.kind === 'other' && onRetry ? 'button' : 'button button-primary'} to="/library">
          Go to your library
        </Link>
      </p>
    </main>
  );
}
