import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { clearDocument, type IndexeddbPersistence } from 'y-indexeddb';
import { CLOSE_CODES, boardSubprotocols, getNotes, type NoteMap } from '@balcony/shared';
import { openOfflineCopy } from './offlineCopy';
import { ValueStore } from './store';

/** Close codes after which the private board stops trying: the server will say the same again. */
const FINAL_CLOSES: ReadonlySet<number> = new Set([CLOSE_CODES.unauthorized, CLOSE_CODES.badMessage, CLOSE_CODES.forbidden, CLOSE_CODES.tooLarge]);

/**
 * This person's private board: the same notes and zones as the shared one, in a document of its
 * own that the server keeps for them alone and never shows anyone else. Notes written while
 * writing is private go here, until the facilitator reveals them onto the shared board.
 */
export class PrivateBoard {
  readonly doc = new Y.Doc();
  readonly notes: Y.Map<NoteMap>;
  readonly provider: WebsocketProvider;
  readonly undoManager: Y.UndoManager;
  /**
   * Whether the server holds this board as this browser does: caught up since the last
   * connection, with no change of this browser's still on its way. Notes written offline reach
   * the server only then, so only then can a reveal take them.
   */
  readonly synced = new ValueStore(false);

  private livePersistence: IndexeddbPersistence | null = null;
  private destroyed = false;
  private readonly closing = new AbortController();

  constructor(
    readonly sessionId: string,
    token: string,
    private readonly origin: object,
    zoneIds: ReadonlySet<string>,
  ) {
    this.notes = getNotes(this.doc);
    openOfflineCopy(this.offlineCopyName, this.doc, this.closing.signal, zoneIds)
      .then((persistence) => {
        if (this.destroyed) void persistence?.destroy();
        else this.livePersistence = persistence;
      })
      .catch((err) => console.warn('The offline copy of the private board could not be opened.', err));

    const wsProto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // The same server and token as the shared board; the room's name asks for the private one.
    this.provider = new WebsocketProvider(`${wsProto}//${location.host}/yjs`, `${sessionId}/private`, this.doc, {
      protocols: boardSubprotocols(token),
      disableBc: true,
      shouldReconnect: (event) => !FINAL_CLOSES.has(event.code),
    });
    // Nobody else is on this board: there is nobody to tell where the pointer is.
    this.provider.awareness.setLocalState(null);
    this.provider.on('sync', (isSynced: boolean) => this.synced.set(isSynced));
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') this.synced.set(false);
    });
    this.provider.on('closed', ({ code }) => {
      if (FINAL_CLOSES.has(code)) console.warn(`The private board was closed by the server (${code}).`);
    });

    this.undoManager = new Y.UndoManager(this.notes, { trackedOrigins: new Set([origin]), captureTimeout: 600 });
    // A reveal takes the notes away from here: steps on them would undo nothing, so they go too.
    this.notes.observe((event, transaction) => {
      if (transaction.origin !== this.provider) return;
      if ([...event.changes.keys.values()].some((change) => change.action === 'delete')) this.undoManager.clear();
    });
  }

  private get offlineCopyName(): string {
    return `balcony-${this.sessionId}-private`;
  }

  transact(fn: () => void): void {
    this.doc.transact(fn, this.origin);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closing.abort();
    this.undoManager.destroy();
    this.provider.destroy();
    void this.livePersistence?.destroy();
    this.doc.destroy();
  }

  /** Closes the board and removes this browser's copy of it. */
  async leave(): Promise<void> {
    const persistence = this.livePersistence;
    this.destroyed = true;
    this.closing.abort();
    this.undoManager.destroy();
    this.provider.destroy();
    try {
      if (persistence) await persistence.clearData();
      else void clearDocument(this.offlineCopyName).catch(() => {});
    } catch {
      /* the copy may already be gone */
    }
    this.doc.destroy();
  }
}
