import type { SessionProblem } from '../../session/SessionConnection';
import { useLiveConnection, useStore } from '../../board/BoardContext';

const PROBLEM_MESSAGES: Partial<Record<NonNullable<SessionProblem>, string>> = {
  protocol: 'Balcony has been updated on the server. Reload the page to carry on.',
  'bad-message': 'The server refused a change from this device. Reload the page to carry on.',
  'not-allowed': "The server refused a change to a note that isn't yours to change. Reload the page to carry on.",
  'too-large': 'This board is full, so the last change was not saved. Reload the page, then tidy or remove some notes.',
};

/** Says what a lost connection means for the person's work; it never blocks typing. */
export function ConnectionBanner() {
  const conn = useLiveConnection();
  const state = useStore(conn.connection);
  const problem = useStore(conn.problem);

  const message = problem ? PROBLEM_MESSAGES[problem] : undefined;
  if (message) {
    return (
      <div className="banner banner-problem" role="alert">
        <p>{message}</p>
        <button type="button" className="button" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  if (state !== 'offline') return null;
  return (
    <div className="banner banner-offline" data-testid="banner.offline" role="status">
      <span className="banner-icon" aria-hidden="true" />
      <p>
        <strong>You're offline.</strong> Keep working: your edits are kept on this device and will sync when the connection is
        back.
      </p>
    </div>
  );
}
