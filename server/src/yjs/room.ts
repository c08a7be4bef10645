import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { getTemplate, type TemplateId } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { BoardGuard } from './boardGuard.js';
import { encodeAwareness, encodeUpdate } from './messages.js';

/** What a room needs from a connection; the connection owns the socket. */
export interface RoomMember {
  send(message: Uint8Array): void;
  /** Cuts the member off; code 1011 when the server itself failed. */
  close(code: number, reason: string): void;
  /** The Yjs client id whose awareness this member may set, once known. */
  readonly clientId: number | null;
}

export interface RoomOptions {
  compactEvery: number;
}

/**
 * One session's board in memory: the document, its awareness, and the members connected to it.
 * Every change to the document, whoever made it, is appended to the store first and passed on
 * to the other members only once the store has it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  readonly guard: BoardGuard;
  private lastSeq: number;
  private sinceCompaction: number;
  /** Serialises store writes and the broadcasts that follow them, in document order. */
  private tail: Promise<void> = Promise.resolve();
  private failed = false;
  unloadTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly sessionId: string,
    readonly template: TemplateId,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    stored: { state: Uint8Array | null; updates: Uint8Array[]; lastSeq: number },
  ) {
    this.doc.transact(() => {
      if (stored.state) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'store');
    this.lastSeq = stored.lastSeq;
    this.sinceCompaction = stored.updates.length;
    this.guard = new BoardGuard(this.doc, new Set(getTemplate(template).zones.map((z) => z.id)));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server takes part in the document, not in the session: it has no awareness state.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(sessionId: string, template: TemplateId, store: Store, log: Logger, options: RoomOptions): Promise<Room> {
    const stored = await store.loadDoc(sessionId);
    return new Room(sessionId, template, store, log.child({ sessionId }), options, stored);
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.failed) return;
    const written = this.store.appendUpdate(this.sessionId, update);
    this.tail = this.tail
      .then(() => written)
      .then((seq) => {
        this.lastSeq = seq;
        this.broadcast(encodeUpdate(update), origin);
        if (++this.sinceCompaction >= this.options.compactEvery) return this.compact();
      })
      .catch((err: unknown) => this.fail(err));
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    // Everyone, the sender too: the stock provider counts any message as a sign of life.
    this.broadcast(encodeAwareness(this.awareness, changed), null);
  };

  broadcast(message: Uint8Array, except: unknown): void {
    for (const member of this.members) if (member !== except) member.send(message);
  }

  /** True when another member already speaks for this Yjs client id. */
  clientIdTaken(clientId: number): boolean {
    for (const member of this.members) if (member.clientId === clientId) return true;
    return false;
  }

  /** Resolves once every change made so far is in the store and passed on. */
  flushed(): Promise<void> {
    return this.tail;
  }

  /** Folds the update log into one state. */
  async compact(): Promise<void> {
    if (this.failed || this.sinceCompaction === 0) return;
    const through = this.lastSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.sinceCompaction = 0;
    await this.store.compact(this.sessionId, state, through);
    this.log.debug({ through, bytes: state.byteLength }, 'compacted');
  }

  /**
   * The store refused a write. The document in memory is now ahead of the store, so nobody may
   * be told about it: every member is cut off, and each will send its changes again when it
   * reconnects to a freshly loaded room.
   */
  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log.error({ err }, 'store write failed; closing the room');
    for (const member of this.members) member.close(1011, 'storage failure');
  }

  get isFailed(): boolean {
    return this.failed;
  }

  destroy(): void {
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
