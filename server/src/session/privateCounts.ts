import type { Logger } from 'pino';
import type { VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { changeSessionState } from './stateChanges.js';

/** Long enough to take a burst of typing as one change of count; short enough to feel live. */
const SETTLE_MS = 250;

/**
 * Keeps `state.privateCounts` up to date as people write on their private boards: each count is
 * written into the session state a moment after it last changed, and everyone who may see it
 * hears of it as of any change of state. Only numbers travel: no word of a private note.
 */
export class PrivateCounts {
  private readonly waiting = new Map<string, { sessionId: string; owner: string; count: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly store: Pick<Store, 'loadSessionState' | 'replaceSessionState'>,
    private readonly changed: (sessionId: string, current: VersionedSessionState) => void,
    private readonly log: Logger,
  ) {}

  report(sessionId: string, owner: string, count: number): void {
    const key = `${sessionId}/${owner}`;
    const held = this.waiting.get(key);
    if (held) {
      held.count = count;
      return;
    }
    const timer = setTimeout(() => void this.write(key), SETTLE_MS);
    this.waiting.set(key, { sessionId, owner, count, timer });
  }

  private async write(key: string): Promise<void> {
    const held = this.waiting.get(key);
    if (!held) return;
    this.waiting.delete(key);
    const { sessionId, owner, count } = held;
    try {
      const { current, changed } = await changeSessionState(this.store, sessionId, (state) =>
        state.privateCounts[owner] === count ? state : { ...state, privateCounts: { ...state.privateCounts, [owner]: count } },
      );
      if (changed) this.changed(sessionId, current);
    } catch (err) {
      this.log.error({ err, sessionId }, 'private count could not be written');
    }
  }

  /** Writes what is waiting now (on shutdown). */
  async flush(): Promise<void> {
    const keys = [...this.waiting.keys()];
    for (const key of keys) clearTimeout(this.waiting.get(key)!.timer);
    await Promise.all(keys.map((key) => this.write(key)));
  }
}
