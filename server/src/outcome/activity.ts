import type { Logger } from 'pino';
import type { Store } from '../store/types.js';

/** How often one session's last activity is written at most: retention counts days, not seconds. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Keeps each session's last activity (board writes, commands, joins, snapshots) in the store, for
 * its retention. Writes at most once a minute per session, so a busy board costs one small
 * update a minute, not one per keystroke.
 */
export class ActivityClock {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly store: Pick<Store, 'touchSession'>,
    private readonly log: Pick<Logger, 'error'>,
    private readonly now: () => number = Date.now,
  ) {}

  touch(sessionId: string): void {
    const at = this.now();
    const last = this.written.get(sessionId);
    if (last !== undefined && at - last < TOUCH_EVERY_MS) return;
    this.written.set(sessionId, at);
    // Off the caller's path: a board append must not wait for this write (SQLite's is synchronous).
    setImmediate(() => {
      this.store.touchSession(sessionId, at).catch((err: unknown) => {
        this.written.delete(sessionId);
        this.log.error({ err, sessionId }, 'recording activity failed');
      });
    });
  }

  /** An erased session is forgotten here too. */
  forget(sessionId: string): void {
    this.written.delete(sessionId);
  }
}
