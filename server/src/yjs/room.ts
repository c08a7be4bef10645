import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { getNotes, readNote, restoreBoard, templateZones, type NoteMap, type Template } from '@balcony/shared';
import type { BoardPersistence } from '../extensions/types.js';
import { boardStorage, roomKeyOf, type BoardRef, type BoardStorage } from './boardStorage.js';
import { encodeAwareness, encodeUpdate } from './messages.js';
import type { InspectionContext } from './updateInspector.js';
import type { RelayMessage } from '../cluster/relayMessage.js';
import type { BoardMetrics } from '../metrics/metrics.js';

/** The origin of changes another node made and stored: applied and passed on, never stored again. */
export const REMOTE = Symbol('remote');

/** How a room tells the other nodes holding the same session what changed here. */
export type RoomRelay = (message: RelayMessage) => void;

/** What a room needs from a connection; the connection owns the socket. */
export interface RoomMember {
  send(message: Uint8Array): void;
  /** Cuts the member off; code 1011 when the server itself failed. */
  close(code: number, reason: string): void;
  readonly participantId: string;
}

/** What one person may do on this board now, as the inspector asks it. */
export type BoardRights = Pick<InspectionContext, 'mayWrite' | 'mayCreateNotes' | 'mayStar' | 'mayEditNote'>;

export interface RoomOptions {
  /** Counts the board's traffic; none when not given. */
  metrics?: BoardMetrics;
  compactEvery: number;
  /** The session storage quota: bytes the board may take in the store. */
  quotaBytes: number;
}

/**
 * Awareness changes are passed on together, at most this often: a cursor moving at 10 Hz in a
 * room of twelve then costs each socket a message per interval, not one per person who moved.
 */
export const AWARENESS_FLUSH_MS = 50;

/** The origin of the server's own changes (a reveal): stored and passed on to everyone. */
const SERVER_WRITE = Symbol('server');

/** The owner recorded for the client ids the server itself writes under (repairs, migrations). */
export const SERVER_OWNER = '@server';

/**
 * One session's board in memory: the document, its awareness, the members connected to it, and
 * what the inspector needs to judge a write (client-id owners, note authors, the note count).
 * Every change to the document, whoever made it, is appended to the store first and passed on
 * to the other members only once the store has it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  readonly zoneIds: ReadonlySet<string>;
  /** Yjs client id → the participant who first wrote under it; kept in the store. */
  private readonly owners: Map<number, string>;
  /** Author of every note this room has held, deleted ones too, so an undone delete can come back. */
  private readonly authors = new Map<string, string>();
  private liveNotes = 0;
  private lastSeq: number;
  private sinceCompaction: number;
  /** Bytes the board takes in the store now: the state plus the log since, as last written. */
  private storedBytes: number;
  /** Serialises store writes and the broadcasts that follow them, in document order. */
  private tail: Promise<void> = Promise.resolve();
  /** Bindings written but not yet confirmed; the next append waits for them. */
  private bindings: Promise<void> = Promise.resolve();
  private failed = false;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Told how many notes a private board holds after each change made on this node. */
  onNoteCount: ((count: number) => void) | null = null;
  /** Awareness changes not yet passed on to the sockets, and those not yet to other nodes. */
  private readonly awarenessOut = new Set<number>();
  private readonly awarenessRelay = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  readonly sessionId: string;
  /** The room's name among the nodes: the session's id, or for a private board its own. */
  readonly key: string;

  private constructor(
    readonly ref: BoardRef,
    readonly template: Template,
    private readonly store: BoardStorage,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    stored: Awaited<ReturnType<BoardPersistence['loadDoc']>>,
    private readonly relay: RoomRelay | null,
  ) {
    this.sessionId = ref.sessionId;
    this.key = roomKeyOf(ref);
    this.owners = new Map(stored.clientOwners);
    // A fresh id per load, never one a participant has written under.
    while (this.owners.has(this.doc.clientID)) this.doc.clientID = Math.floor(Math.random() * 0xffffffff);
    this.doc.transact(() => {
      if (stored.state) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'store');
    this.lastSeq = stored.lastSeq;
    this.sinceCompaction = stored.updates.length;
    this.storedBytes = (stored.state?.byteLength ?? 0) + stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.zoneIds = new Set(templateZones(template).map((z) => z.id));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server takes part in the document, not in the session: it has no awareness state.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.restore();
    const notes = getNotes(this.doc);
    notes.forEach((note, id) => {
      const view = readNote(id, note);
      if (view) this.authors.set(id, view.authorId);
    });
    this.liveNotes = notes.size;
    notes.observe(this.onNotesChanged);
  }

  static async load(
    ref: BoardRef,
    template: Template,
    persistence: BoardPersistence,
    log: Logger,
    options: RoomOptions,
    relay: RoomRelay | null = null,
  ): Promise<Room> {
    const store = boardStorage(persistence, ref);
    const stored = await store.load();
    const context = ref.owner === null ? { sessionId: ref.sessionId } : { sessionId: ref.sessionId, board: 'private' };
    return new Room(ref, template, store, log.child(context), options, stored, relay);
  }

  /** What another node holding this session told this one. */
  hear(message: RelayMessage): void {
    if (this.failed) return;
    try {
      switch (message.kind) {
        case 'update':
          Y.applyUpdate(this.doc, message.update, REMOTE);
          break;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE);
          break;
        case 'bind':
          // Bound and stored there first; the first owner stays, as in the store.
          for (const id of message.clientIds) if (!this.owners.has(id)) this.owners.set(id, message.participantId);
          break;
        case 'resync':
          void this.resync();
          break;
      }
    } catch (err) {
      this.log.warn({ err, kind: message.kind }, 'relayed message could not be applied; resyncing');
      void this.resync();
    }
  }

  /**
   * Reads the board again from the store and takes in whatever this node missed (a relayed
   * message lost while Redis was away). Everything accepted anywhere is in the store before it is
   * relayed, so afterwards this replica holds at least what the store does.
   */
  async resync(): Promise<void> {
    if (this.failed) return;
    try {
      const stored = await this.store.load();
      for (const [id, owner] of stored.clientOwners) if (!this.owners.has(id)) this.owners.set(id, owner);
      this.doc.transact(() => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      }, REMOTE);
    } catch (err) {
      this.log.error({ err }, 'resync with the store failed');
    }
  }

  /** Runs the restore gate on the loaded board; what it changes is stored and relayed like any write. */
  private restore(): void {
    const before = Y.getState(this.doc.store, this.doc.clientID);
    const report = restoreBoard(this.doc, { zoneIds: this.zoneIds, write: true });
    if (Y.getState(this.doc.store, this.doc.clientID) > before) this.bind(SERVER_OWNER, [this.doc.clientID]);
    if (report.migrated.length > 0 || report.repaired.length > 0 || report.dropped.length > 0 || report.fromVersion !== report.toVersion) {
      this.log.warn(
        { fromVersion: report.fromVersion, toVersion: report.toVersion, migrated: report.migrated, repaired: report.repaired, dropped: report.dropped },
        'board restored',
      );
    }
  }

  private onNotesChanged = (event: Y.YMapEvent<NoteMap>) => {
    for (const [id, change] of event.changes.keys) {
      if (change.action === 'add') {
        this.liveNotes++;
        // Notes another node accepted are known here too, so an undone delete can come back here.
        if (!this.authors.has(id)) {
          const note = getNotes(this.doc).get(id);
          const view = note ? readNote(id, note) : null;
          if (view) this.authors.set(id, view.authorId);
        }
      } else if (change.action === 'delete') this.liveNotes--;
    }
    // Counted where the change was made: the node that heard it from another says nothing.
    if (this.ref.owner !== null && event.transaction.origin !== REMOTE) this.onNoteCount?.(this.liveNotes);
  };

  /** What the inspector needs to judge a write by this participant, with their rights now. */
  inspectionContext(participantId: string, rights: BoardRights): InspectionContext {
    return {
      doc: this.doc,
      zoneIds: this.zoneIds,
      writer: participantId,
      ...rights,
      ownerOf: (clientId) => this.ownerOf(clientId),
      formerAuthorOf: (noteId) => this.authors.get(noteId),
      liveNotes: this.liveNotes,
    };
  }

  /** Who writes under a client id: on a private board, its owner, whoever else it might be. */
  ownerOf(clientId: number): string | undefined {
    return this.ref.owner ?? this.owners.get(clientId);
  }

  /**
   * Binds client ids to a participant; the binding is in the store before any update under them.
   * A private board needs none: nobody but its owner ever writes to it.
   */
  bind(participantId: string, clientIds: readonly number[]): void {
    if (this.ref.owner !== null) return;
    const fresh = clientIds.filter((id) => !this.owners.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.owners.set(id, participantId);
    const written = this.store.bind(participantId, fresh);
    this.bindings = this.bindings.then(() => written);
    // Passed on once stored, and so before any update under these ids, which waits for it.
    written.then(() => this.relay?.({ kind: 'bind', participantId, clientIds: fresh }), (err: unknown) => this.fail(err));
  }

  /**
   * Changes the board as the server, in one transaction: stored, passed on to every member and
   * to the other nodes like any accepted write, under a client id bound to the server.
   */
  writeAsServer(change: (doc: Y.Doc) => void): void {
    if (this.failed) throw new Error('this board could not be stored; try again');
    if (this.owners.get(this.doc.clientID) === undefined) this.bind(SERVER_OWNER, [this.doc.clientID]);
    this.doc.transact(() => change(this.doc), SERVER_WRITE);
  }

  /** Applies an update the inspector accepted, from a member whose notes it creates. */
  applyAccepted(update: Uint8Array, from: RoomMember, created: ReadonlyMap<string, string>): void {
    for (const [noteId, authorId] of created) this.authors.set(noteId, authorId);
    Y.applyUpdate(this.doc, update, from);
  }

  /**
   * Whether the board may take this many more bytes within its storage quota. The stored size is
   * counted as written, so it grows with every edit until a compaction folds the log; near the
   * quota the board's real size is what counts, so it is measured, and the log folded to match.
   */
  hasRoomFor(bytes: number): boolean {
    if (this.storedBytes + bytes <= this.options.quotaBytes) return true;
    const real = Y.encodeStateAsUpdate(this.doc).byteLength;
    if (real + bytes > this.options.quotaBytes) return false;
    this.storedBytes = real;
    this.tail = this.tail.then(() => this.compact()).catch((err: unknown) => this.fail(err));
    return true;
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.failed) return;
    if (origin === REMOTE) {
      // Stored by the node that accepted it: pass it on here, in order with this node's own.
      this.storedBytes += update.byteLength;
      this.sinceCompaction++;
      this.options.metrics?.updateRelayedIn();
      this.tail = this.tail.then(() => this.broadcastUpdate(update, origin));
      return;
    }
    // Only what changed the board counts: a sync reply with nothing new makes no update event.
    if (this.members.has(origin as RoomMember)) this.options.metrics?.updateIn();
    // Read once the current task is done, so a binding made right after a write (the restore
    // gate's) still reaches the store before the update does.
    const written = Promise.resolve()
      .then(() => this.bindings)
      .then(() => this.store.append(update));
    this.storedBytes += update.byteLength;
    this.tail = this.tail
      .then(() => written)
      .then((seq) => {
        this.lastSeq = seq;
        this.broadcastUpdate(update, origin);
        this.relay?.({ kind: 'update', update });
        if (++this.sinceCompaction >= this.options.compactEvery) return this.compact();
      })
      .catch((err: unknown) => this.fail(err));
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    for (const id of changed) this.awarenessOut.add(id);
    // A state that came from another node is theirs to pass on, and each node expires states on
    // its own (y-protocols removes them with origin 'timeout'), so neither goes out again.
    if (origin !== REMOTE && origin !== 'timeout' && this.relay) for (const id of changed) this.awarenessRelay.add(id);
    this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_FLUSH_MS);
  };

  /** Passes on every awareness change since the last flush, each client's latest state once. */
  private flushAwareness = () => {
    this.awarenessTimer = null;
    const out = [...this.awarenessOut];
    const relayed = [...this.awarenessRelay];
    this.awarenessOut.clear();
    this.awarenessRelay.clear();
    // Everyone, the sender too: the stock provider counts any message as a sign of life.
    if (out.length > 0) this.broadcast(encodeAwareness(this.awareness, out), null);
    if (relayed.length > 0) this.relay?.({ kind: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, relayed) });
  };

  private broadcastUpdate(update: Uint8Array, except: unknown): void {
    this.broadcast(encodeUpdate(update), except);
    this.options.metrics?.updatesOut(this.members.size - (this.members.has(except as RoomMember) ? 1 : 0));
  }

  broadcast(message: Uint8Array, except: unknown): void {
    for (const member of this.members) if (member !== except) member.send(message);
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
    const appendedSince = this.storedBytes;
    this.sinceCompaction = 0;
    await this.store.compact(state, through);
    // Updates appended while the fold was written stay in the log and still count.
    this.storedBytes = state.byteLength + Math.max(0, this.storedBytes - appendedSince);
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

  private destroyed = false;

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.doc.off('update', this.onDocUpdate);
    getNotes(this.doc).unobserve(this.onNotesChanged);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
