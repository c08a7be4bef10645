import type { VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { readSessionState } from './stateChanges.js';
import { SessionRuntime, type Admission, type ConnectionCaps, type LiveConnection } from './sessionRuntime.js';

export interface RuntimeLimits extends ConnectionCaps {
  /** Open connections of one kind from one address, across every session. */
  perAddress: number;
}

/**
 * The runtimes of the sessions this server is serving now. A runtime is created when the first
 * connection of its session arrives and dropped when the last one leaves; the per-address cap is
 * counted here, across sessions.
 */
export class RuntimeRegistry {
  private readonly runtimes = new Map<string, Promise<SessionRuntime>>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly limits: RuntimeLimits,
  ) {}

  /** The runtime of a live session, loading its participants the first time. */
  get(sessionId: string): Promise<SessionRuntime> {
    let pending = this.runtimes.get(sessionId);
    if (!pending) {
      pending = Promise.all([
        this.store.getSession(sessionId),
        this.store.listParticipants(sessionId),
        readSessionState(this.store, sessionId),
        this.store.loadNoteAuthors(sessionId),
      ]).then(([session, people, state, authors]) => {
        if (!session || !state) throw new Error(`no session ${sessionId}`);
        const runtime = new SessionRuntime(sessionId, session.template, people, this.limits, state);
        runtime.knowAuthors(authors);
        return runtime;
      });
      this.runtimes.set(sessionId, pending);
      pending.catch(() => this.runtimes.delete(sessionId));
    }
    return pending;
  }

  /** A state written here or on another node: the runtime follows, if this node holds it. */
  async follow(sessionId: string, next: VersionedSessionState | null = null): Promise<void> {
    const pending = this.runtimes.get(sessionId);
    if (!pending) return;
    const runtime = await pending;
    const state = next ?? (await readSessionState(this.store, sessionId));
    // A reveal on any node records its writers before the state moves on: read them again here.
    if (state && runtime.anonymous && state.version > runtime.state.version) runtime.knowAuthors(await this.store.loadNoteAuthors(sessionId));
    if (state) runtime.follow(state);
  }

  /**
   * Drops an erased session's runtime: every connection still in it is closed with `code`, and
   * the next one to come finds no session.
   */
  async forget(sessionId: string, code: number, reason: string): Promise<void> {
    const pending = this.runtimes.get(sessionId);
    if (!pending) return;
    this.runtimes.delete(sessionId);
    const runtime = await pending.catch(() => null);
    runtime?.closeAll(code, reason);
  }

  /** Admits a connection to its session's runtime, under the per-address cap too. */
  admit(runtime: SessionRuntime, conn: LiveConnection): Admission {
    const key = `${conn.kind} ${conn.address}`;
    const fromAddress = this.perAddress.get(key) ?? 0;
    if (fromAddress >= this.limits.perAddress) {
      return { ok: false, reason: `at most ${this.limits.perAddress} open ${conn.kind} connections from one address` };
    }
    const admitted = runtime.admit(conn);
    if (admitted.ok) this.perAddress.set(key, fromAddress + 1);
    return admitted;
  }

  /** Takes a connection out; the runtime goes once its session has no connection left. */
  leave(runtime: SessionRuntime, conn: LiveConnection): void {
    if (!runtime.leave(conn)) return;
    const key = `${conn.kind} ${conn.address}`;
    const n = (this.perAddress.get(key) ?? 1) - 1;
    if (n > 0) this.perAddress.set(key, n);
    else this.perAddress.delete(key);
    if (runtime.connectionCount === 0) {
      const current = this.runtimes.get(runtime.sessionId);
      void current?.then((r) => {
        if (r === runtime && r.connectionCount === 0) this.runtimes.delete(runtime.sessionId);
      });
    }
  }
}
