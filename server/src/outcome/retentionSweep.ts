import type { Logger } from 'pino';
import type { Store } from '../store/types.js';

/** Sessions erased per round at most, so that one round never holds the store for long. */
const PER_ROUND = 50;

/**
 * Erases sessions whose retention has run out, every `intervalMs`. Each node may sweep: an
 * erasure already done elsewhere finds nothing and logs nothing. Only ids are logged.
 */
export class RetentionSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;

  constructor(
    private readonly store: Pick<Store, 'listExpiredSessions'>,
    private readonly erase: (sessionId: string) => Promise<boolean>,
    private readonly log: Pick<Logger, 'info' | 'error'>,
    private readonly now: () => number,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.sweep().catch((err: unknown) => this.log.error({ err }, 'retention sweep failed')), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round now; resolves to the ids it erased. Rounds never overlap. */
  sweep(): Promise<string[]> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<string[]> {
    const erased: string[] = [];
    // A session another node is erasing may still be listed once: it is tried once per round.
    const tried = new Set<string>();
    for (;;) {
      const due = await this.store.listExpiredSessions(this.now(), PER_ROUND);
      const fresh = due.filter((id) => !tried.has(id));
      if (fresh.length === 0) return erased;
      for (const sessionId of fresh) {
        tried.add(sessionId);
        if (!(await this.erase(sessionId))) continue;
        erased.push(sessionId);
        this.log.info({ sessionId }, 'session erased: its retention ran out');
      }
      if (due.length < PER_ROUND) return erased;
    }
  }
}
