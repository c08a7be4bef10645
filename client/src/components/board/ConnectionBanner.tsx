import { useBoard, useStore } from '../../board/BoardContext';

/** Says what a lost connection means for the person's work; it never blocks typing. */
export function ConnectionBanner() {
  const { conn } = useBoard();
  const state = useStore(conn.connection);
  const problem = useStore(conn.problem);

  if (problem === 'bad-message' || problem === 'protocol') {
    return (
      <div className="banner banner-problem" role="alert">
        <p>
          {problem === 'protocol'
            ? 'Balcony has been updated on the server. Reload the page to carry on.'
            : 'The server refused a change from this device. Reload the page to carry on.'}
        </p>
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
