import { useEffect, useState } from 'react';
import type { TimerState } from '@balcony/shared';
import { useLiveConnection, useStore } from '../../board/BoardContext';
import { msToNextSecond, timerView, type TimerView } from '../../session/timer';

/**
 * The timer as it reads now on the server's clock (this device's, corrected by the measured
 * offset), drawn again only when the shown second changes, and not at all while it is stopped.
 */
export function useTimerView(timer: TimerState): TimerView {
  const conn = useLiveConnection();
  const offset = useStore(conn.clock.offset);
  const [, setTick] = useState(0);
  const now = Date.now() + offset;
  const wait = msToNextSecond(timer, now);
  useEffect(() => {
    if (!Number.isFinite(wait)) return;
    const t = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(t);
  });
  return timerView(timer, now);
}
