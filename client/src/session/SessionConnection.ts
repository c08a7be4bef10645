import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { clearDocument, type IndexeddbPersistence } from 'y-indexeddb';
import { io, type Socket } from 'socket.io-client';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  boardSubprotocols,
  closingEventSchema,
  connectErrorDataSchema,
  getNotes,
  presenceEventSchema,
  versionedSessionStateViewSchema,
  type ClientToServerEvents,
  type Command,
  type NoteMap,
  type PresenceParticipant,
  type ServerToClientEvents,
  type VersionedSessionStateView,
} from '@balcony/shared';
import { ValueStore } from './store';
import { knownZones, openOfflineCopy } from './offlineCopy';
import { loadSession, updateSession } from './storage';
import { storedTemplate } from './sessionTemplate';
import { ServerClock } from './serverClock';
import { sendCommand, type CommandResult } from './sessionCommands';
import { PrivateBoard } from './PrivateBoard';
import { MyNotes } from './mine';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

/** Why the board cannot carry on without the person doing something. */
export type SessionProblem = 'unauthorized' | 'bad-message' | 'not-allowed' | 'too-large' | 'protocol' | null;

/** Close codes after which reconnecting would only send the same refused change again. */
const FINAL_CLOSES: ReadonlyMap<number, SessionProblem> = new Map<number, SessionProblem>([
  [CLOSE_CODES.unauthorized, 'unauthorized'],
  [CLOSE_CODES.badMessage, 'bad-message'],
  [CLOSE_CODES.forbidden, 'not-allowed'],
  [CLOSE_CODES.tooLarge, 'too-large'],
]);

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Origin of every change made on this device. The undo manager tracks only this origin, so a
 * person undoes their own changes and never someone else's.
 */
export const LOCAL_ORIGIN = { source: 'balcony-local' } as const;

/** Where an undo step keeps its place in the order of this person's steps on both boards. */
const STEP = 'balcony-step';

/** How long the first connection may take before the board says it is offline. */
const FIRST_CONNECT_GRACE_MS = 4_000;

/**
 * One session on this device: the board replica (Yjs, kept in IndexedDB and synced over the
 * board socket) and the control socket that says who is here. It has no UI; components
 * subscribe to its stores.
 */
export class SessionConnection {
  readonly doc = new Y.Doc();
  readonly notes: Y.Map<NoteMap>;
  readonly provider: WebsocketProvider;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly undoManager: Y.UndoManager;
  /** This person's private board, where notes go while writing is private (PrivateBoard.ts). */
  readonly privateBoard: PrivateBoard;
  /** The notes this browser wrote on its private board, kept after they are revealed. */
  readonly mine: MyNotes;

  readonly connection = new ValueStore<ConnectionState>('connecting');
  readonly problem = new ValueStore<SessionProblem>(null);
  /** The control socket's list of who is here; null until it first arrives. */
  readonly presence = new ValueStore<PresenceParticipant[] | null>(null);
  /** The session's state as the server last said it; null until the control socket has. */
  readonly sessionState = new ValueStore<VersionedSessionStateView | null>(null);
  /** Whether the control socket is up; while it is down the presence list is only a memory. */
  readonly controlConnected = new ValueStore(false);
  readonly undoState = new ValueStore<UndoState>({ canUndo: false, canRedo: false });
  /** The server's clock as this device estimates it, for timers that end at a server time. */
  readonly clock: ServerClock;

  private everConnected = false;
  private steps = 0;
  private failedAttempts = 0;
  private graceOver = false;
  private readonly graceTimer: ReturnType<typeof setTimeout>;
  private destroyed = false;
  private livePersistence: IndexeddbPersistence | null = null;
  /** Ends the wait for the offline copy when the connection goes first. */
  private readonly closing = new AbortController();

  constructor(
    readonly sessionId: string,
    token: string,
  ) {
    this.notes = getNotes(this.doc);
    // The board syncs from the server meanwhile; the kept copy joins it once it passes the gate.
    const kept = loadSession(sessionId);
    // The state last heard, until the control socket says: a reload, or a start while offline,
    // shows the phase and the access the person last had rather than the first phase's.
    const lastState = versionedSessionStateViewSchema.safeParse(kept?.lastState);
    if (lastState.success) this.sessionState.set(lastState.data);
    const zoneIds = knownZones(storedTemplate(kept?.template));
    this.privateBoard = new PrivateBoard(sessionId, token, LOCAL_ORIGIN, zoneIds);
    this.mine = new MyNotes(sessionId);
    openOfflineCopy(this.offlineCopyName, this.doc, this.closing.signal, zoneIds)
      .then((persistence) => {
        if (this.destroyed) void persistence?.destroy();
        else this.livePersistence = persistence;
      })
      .catch((err) => console.warn('The offline copy of the board could not be opened.', err));

    const wsProto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.provider = new WebsocketProvider(`${wsProto}//${location.host}/yjs`, sessionId, this.doc, {
      // The token rides in the subprotocol header, never in the URL.
      protocols: boardSubprotocols(token),
      // Every replica talks to the server, which checks each update; tabs do not sync behind its back.
      disableBc: true,
      // A bad token or a refused change will not get better by retrying; anything else will.
      shouldReconnect: (event) => !FINAL_CLOSES.has(event.code),
    });
    this.provider.on('status', () => this.refreshConnection());
    this.provider.on('connection-close', () => {
      this.failedAttempts++;
      this.refreshConnection();
    });
    this.provider.on('closed', ({ code }) => {
      const problem = FINAL_CLOSES.get(code);
      if (problem) this.problem.set(problem);
      this.refreshConnection();
    });
    this.graceTimer = setTimeout(() => {
      this.graceOver = true;
      this.refreshConnection();
    }, FIRST_CONNECT_GRACE_MS);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);

    // WebSocket from the first packet: the board needs one anyway, so long-polling first would
    // only add round trips while the board loads, and each poll may reach another node.
    this.socket = io({ auth: { token, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'] });
    // Changes may arrive in either order: the highest version is the state. The first state on
    // a new connection is the server's word whatever its version, so that a state kept from
    // before (storage, an earlier socket) can never outrank the server's.
    let first = true;
    this.socket.on('connect', () => (first = true));
    this.socket.on('state', (payload) => {
      const parsed = versionedSessionStateViewSchema.safeParse(payload);
      const held = this.sessionState.get();
      if (!parsed.success || (!first && held && parsed.data.version <= held.version)) return;
      first = false;
      this.sessionState.set(parsed.data);
      updateSession(sessionId, { lastState: parsed.data });
    });
    this.socket.on('presence', (payload) => {
      const parsed = presenceEventSchema.safeParse(payload);
      if (parsed.success) this.presence.set(parsed.data.participants);
    });
    // The server closes a control socket only for something the page did (an unknown event, a
    // flood); Socket.io does not reconnect after that, so the page must say it and offer a reload.
    this.socket.on('closing', (payload) => {
      if (closingEventSchema.safeParse(payload).success) this.problem.set('bad-message');
    });
    this.clock = new ServerClock(this.socket);
    this.socket.on('connect', () => this.controlConnected.set(true));
    this.socket.on('disconnect', () => this.controlConnected.set(false));
    this.socket.on('connect_error', (err) => {
      const data = connectErrorDataSchema.safeParse((err as Error & { data?: unknown }).data);
      if (!data.success) return;
      if (data.data.code === 'unauthorized' || data.data.code === 'forbidden') this.problem.set('unauthorized');
      else if (data.data.code === 'protocol_mismatch') this.problem.set('protocol');
    });

    this.undoManager = new Y.UndoManager(this.notes, {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 600,
    });
    // Undo and redo span both boards: each step is stamped, and the latest of the two goes first.
    const managers = [this.undoManager, this.privateBoard.undoManager];
    const refreshUndo = () =>
      this.setUndoState(
        managers.some((m) => m.undoStack.length > 0),
        managers.some((m) => m.redoStack.length > 0),
      );
    for (const manager of managers) {
      manager.on('stack-item-added', ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
        stackItem.meta.set(STEP, ++this.steps);
        refreshUndo();
      });
      manager.on('stack-item-popped', refreshUndo);
      manager.on('stack-cleared', refreshUndo);
    }
  }

  /**
   * This browser's copy of the board in IndexedDB, once it has passed the restore gate and joined
   * the live board; null before that, or without IndexedDB.
   */
  get persistence(): IndexeddbPersistence | null {
    return this.livePersistence;
  }

  private get offlineCopyName(): string {
    return `balcony-${this.sessionId}`;
  }

  /** The board (shared or private) whose last change of this person's an undo, or a redo, takes back. */
  latestStep(kind: 'undo' | 'redo'): Y.UndoManager | null {
    let best: { manager: Y.UndoManager; step: number } | null = null;
    for (const manager of [this.undoManager, this.privateBoard.undoManager]) {
      const stack = kind === 'undo' ? manager.undoStack : manager.redoStack;
      const top = stack[stack.length - 1];
      if (!top) continue;
      const step = Number(top.meta.get(STEP) ?? 0);
      if (!best || step > best.step) best = { manager, step };
    }
    return best?.manager ?? null;
  }

  /** Runs a change as this device's own, so that it can be undone. */
  transact(fn: () => void): void {
    this.doc.transact(fn, LOCAL_ORIGIN);
  }

  /** Asks the server to change the session's state; resolves with its answer (sessionCommands.ts). */
  command(command: Command): Promise<CommandResult> {
    return sendCommand(this.socket, command);
  }

  /** True once the board has caught up with the server since the last (re)connection. */
  get synced(): boolean {
    return this.provider.synced;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closing.abort();
    clearTimeout(this.graceTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.undoManager.destroy();
    this.provider.destroy();
    this.privateBoard.destroy();
    this.clock.destroy();
    this.socket.disconnect();
    void this.persistence?.destroy();
    this.doc.destroy();
  }

  /** Leaves the session on this device: disconnects and removes the local copy of the board. */
  async leave(): Promise<void> {
    const persistence = this.persistence;
    this.closing.abort();
    clearTimeout(this.graceTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.destroyed = true;
    this.undoManager.destroy();
    this.provider.destroy();
    this.clock.destroy();
    this.socket.disconnect();
    this.mine.clear();
    await this.privateBoard.leave();
    try {
      if (persistence) await persistence.clearData();
      // Still at the gate: the deletion waits for the gate to close its copy, so it is not awaited.
      else void clearDocument(this.offlineCopyName).catch(() => {});
    } catch {
      /* the copy may already be gone */
    }
    this.doc.destroy();
  }

  private setUndoState(canUndo: boolean, canRedo: boolean): void {
    const current = this.undoState.get();
    if (current.canUndo !== canUndo || current.canRedo !== canRedo) this.undoState.set({ canUndo, canRedo });
  }

  private refreshConnection(): void {
    if (this.provider.wsconnected) {
      this.everConnected = true;
      this.failedAttempts = 0;
      this.connection.set(navigator.onLine === false ? 'offline' : 'connected');
      return;
    }
    const down =
      navigator.onLine === false || this.problem.get() !== null || this.everConnected || this.failedAttempts > 0 || this.graceOver;
    this.connection.set(down ? 'offline' : 'connecting');
  }

  private onOffline = (): void => this.refreshConnection();

  private onOnline = (): void => {
    // The old socket may have died without a close event; a fresh one resyncs at once.
    if (this.destroyed || this.problem.get() !== null) return;
    this.provider.disconnect();
    this.provider.connect();
    // The control socket would wait out its back-off (up to seconds) before trying again.
    if (!this.socket.connected) this.socket.disconnect().connect();
    this.refreshConnection();
  };
}
