import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CLOSE_CODES, LIMITS, awarenessClientStateSchema, type AwarenessUser } from '@balcony/shared';
import type { Room, RoomMember } from './room.js';
import { MESSAGE, SYNC, encodeAwareness, encodeSyncStep1, encodeSyncStep2 } from './messages.js';
import { inspectUpdate } from './updateInspector.js';

class ProtocolError extends Error {}

const PING_INTERVAL_MS = 30_000;
/** A socket this far behind is not reading: it is cut off and will resync when it reconnects. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** RFC 6455 leaves 123 bytes for a close reason; ws throws on a longer one. */
const CLOSE_REASON_BYTES_MAX = 123;

/** Cuts a close reason to what fits in a close frame, counted in bytes, not characters. */
function fitCloseReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > CLOSE_REASON_BYTES_MAX) out = out.slice(0, -1);
  return out;
}

/**
 * One WebSocket on a board: speaks the y-websocket protocol (sync and awareness) for one
 * authenticated participant. Anything that breaks the protocol or the board schema closes this
 * socket with 4400; the room and every other member carry on.
 */
export class BoardConnection implements RoomMember {
  clientId: number | null = null;
  private missingDependencyTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout;
  private alive = true;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    private readonly user: AwarenessUser,
    private readonly log: Logger,
    private readonly onClosed: (conn: BoardConnection) => void,
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', () => this.cleanUp());
    // ws reports an oversized or malformed frame here and closes the socket itself (1009, 1002).
    ws.on('error', (err) => this.log.info({ err: err.message }, 'board socket error'));
    ws.on('pong', () => (this.alive = true));
    this.pingTimer = setInterval(() => {
      if (!this.alive) return this.ws.terminate();
      this.alive = false;
      this.ws.ping();
    }, PING_INTERVAL_MS);

    room.members.add(this);
    // The stored state is loaded before a socket is accepted, so this first step already
    // describes the whole board: nobody is told they are in sync with an empty one.
    this.send(encodeSyncStep1(room.doc));
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwareness(room.awareness, states));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ participantId: this.user.participantId }, 'board socket too slow; closing');
      this.ws.terminate();
      this.cleanUp();
      return;
    }
    this.ws.send(message, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    // Reasons quote client data (type names, note ids), which can be multi-byte.
    this.ws.close(code, fitCloseReason(reason));
    this.cleanUp();
  }

  private reject(reason: string): void {
    this.log.warn({ reason, participantId: this.user.participantId }, 'board message refused');
    this.close(CLOSE_CODES.badMessage, reason.slice(0, 120));
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.reject('board messages are binary');
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      // Any decoding error is the sender's: a truncated varint, bad JSON, an unknown type.
      this.reject(err instanceof ProtocolError ? err.message : 'malformed message');
    }
  }

  private handle(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        this.handleSync(decoder);
        break;
      case MESSAGE.awareness:
        this.handleAwareness(decoding.readVarUint8Array(decoder));
        break;
      case MESSAGE.queryAwareness:
        this.send(encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()]));
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  }

  private handleSync(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === SYNC.step1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(stateVector);
      this.send(encodeSyncStep2(this.room.doc, stateVector));
    } else if (kind === SYNC.step2 || kind === SYNC.update) {
      this.applyUpdate(decoding.readVarUint8Array(decoder));
    } else {
      throw new ProtocolError(`unknown sync message ${kind}`);
    }
  }

  private applyUpdate(update: Uint8Array): void {
    const verdict = inspectUpdate(update, this.room.doc);
    if (!verdict.ok) throw new ProtocolError(verdict.reason);
    const store = this.room.doc.store;
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null;
    let violations: string[];
    try {
      violations = this.room.guard.apply(update, this);
    } catch {
      throw new ProtocolError('the update could not be applied');
    }
    if (violations.length > 0) throw new ProtocolError(`board schema: ${violations[0]}`);
    this.watchMissingDependencies(hadPending);
  }

  /**
   * Yjs holds back an update whose dependencies it has not seen. If they do not arrive in time,
   * the sender is cut off and the held-back part dropped, so it cannot surface later unchecked
   * by a timer that no longer runs. What is held back is shared by the room, so only the socket
   * whose update started it is on the clock, not another member who merely writes meanwhile.
   */
  private watchMissingDependencies(hadPending: boolean): void {
    const store = this.room.doc.store;
    const pending = store.pendingStructs !== null || store.pendingDs !== null;
    if (!pending) {
      if (this.missingDependencyTimer) clearTimeout(this.missingDependencyTimer);
      this.missingDependencyTimer = null;
      return;
    }
    if (this.missingDependencyTimer || hadPending) return;
    this.missingDependencyTimer = setTimeout(() => {
      this.missingDependencyTimer = null;
      if (store.pendingStructs === null && store.pendingDs === null) return;
      store.pendingStructs = null;
      store.pendingDs = null;
      this.reject('missing dependencies did not arrive in time');
    }, LIMITS.missingDependencyMs);
  }

  /**
   * Awareness is re-encoded here: only this socket's own client id is accepted (the first id it
   * uses is bound to it), `user` comes from the token, and only known fields pass.
   */
  private handleAwareness(payload: Uint8Array): void {
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    const accepted: { clientId: number; clock: number; state: unknown }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (this.clientId === null && this.mayBind(clientId, decoder)) this.clientId = clientId;
      if (clientId !== this.clientId) {
        // The stock provider relays every awareness change it hears, others' included: these
        // echoes are normal, so they are skipped unread and unlogged. A spoof ends up here too.
        decoding.readVarUint8Array(decoder);
        continue;
      }
      const raw: unknown = JSON.parse(decoding.readVarString(decoder));
      if (raw === null) {
        accepted.push({ clientId, clock, state: null });
        continue;
      }
      const parsed = awarenessClientStateSchema.safeParse(raw);
      if (!parsed.success) {
        this.log.debug('awareness state with unknown shape dropped');
        continue;
      }
      const { cursor, drag } = parsed.data;
      accepted.push({ clientId, clock, state: { user: this.user, ...(cursor ? { cursor } : {}), ...(drag ? { drag } : {}) } });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in the awareness update');
    if (accepted.length === 0) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, accepted.length);
    for (const a of accepted) {
      encoding.writeVarUint(e, a.clientId);
      encoding.writeVarUint(e, a.clock);
      encoding.writeVarString(e, JSON.stringify(a.state));
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encoding.toUint8Array(e), this);
  }

  /**
   * Whether the socket's first awareness entry may name its client id: not an id another socket
   * speaks for, not an id with a live state (an echo of someone present), and not a removal
   * (an echo of someone who left). A client that reconnects gets its id back, since leaving
   * removed its state. Peeks at the state without consuming it.
   */
  private mayBind(clientId: number, decoder: decoding.Decoder): boolean {
    if (this.room.clientIdTaken(clientId) || this.room.awareness.getStates().has(clientId)) return false;
    const peek = decoding.clone(decoder);
    return decoding.readVarString(peek) !== 'null';
  }

  private cleanUp(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.missingDependencyTimer) {
      clearTimeout(this.missingDependencyTimer);
      // Its deadline can no longer cut the sender off: drop what it held back now, or it would
      // wait in the room and be blamed on the next member who writes.
      this.room.doc.store.pendingStructs = null;
      this.room.doc.store.pendingDs = null;
    }
    this.room.members.delete(this);
    if (this.clientId !== null) awarenessProtocol.removeAwarenessStates(this.room.awareness, [this.clientId], 'left');
    this.onClosed(this);
  }
}
