import { useContext, useEffect, useState } from 'react';
import { ScaleContext } from '../../board/BoardContext';
import { NEUTRAL_PEER_COLOR, type Peer } from '../../board/peers';

/** A cursor that has not moved for this long fades away. */
const IDLE_MS = 4_000;

/** Other people's pointers with their names, kept the same size at any board scale. */
export function RemoteCursors({ peers }: { peers: readonly Peer[] }) {
  const scale = useContext(ScaleContext);
  const [now, setNow] = useState(() => Date.now());
  const visible = peers.filter((p) => p.cursor);
  const anyActive = visible.some((p) => now - p.cursorMovedAt < IDLE_MS);

  // Ticks only while some cursor is still awake, to fade it once it rests.
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [anyActive]);

  useEffect(() => setNow(Date.now()), [peers]);

  return (
    <div className="cursor-layer" aria-hidden="true">
      {visible.map((p) => (
        <div
          key={p.clientId}
          className={`remote-cursor${now - p.cursorMovedAt >= IDLE_MS ? ' is-idle' : ''}`}
          data-testid="cursor.remote"
          style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px) scale(${1 / scale})` }}
        >
          <svg className="remote-cursor-arrow" width="18" height="22" viewBox="0 0 18 22">
            <path d="M1 1 L1 17 L5.5 13 L8.5 20.5 L11.5 19.2 L8.6 12 L15 12 Z" fill={p.user?.color ?? NEUTRAL_PEER_COLOR} stroke="#fff" strokeWidth="1.5" />
          </svg>
          {/* Unnamed where the session is anonymous. */}
          {p.user && (
            <span className="remote-cursor-name" style={{ background: p.user.color }}>
              {p.user.name}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
