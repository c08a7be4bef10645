import { useLiveConnection, useStore } from '../../board/BoardContext';

const WORDS = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline',
} as const;

export function ConnectionBadge() {
  const conn = useLiveConnection();
  const state = useStore(conn.connection);
  return (
    <span className={`connection connection-${state}`} data-testid="topbar.connection" data-state={state} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {WORDS[state]}
    </span>
  );
}
