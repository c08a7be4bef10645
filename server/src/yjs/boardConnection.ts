import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CLOSE_CODES, LIMITS, awarenessClientStateSchema, type AwarenessUser } from '@balcony/shared';
import { TokenBucket } from '../limits/tokenBucket.js';
import type { ServerHooks } from '../extensions/compose.js';
import type { ConnectionInfo } from '../extensions/types.js';
import type { OutboundBudget } from '../limits/outboundBudget.js';
import type { Room, RoomMember } from './room.js';
import { MESSAGE, SYNC, encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2 } from './messages.js';
import { inspectUpdate } from './updateInspector.js';
import { boardPolicy, type BoardPolicy } from './boardPolicy.js';

class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CLOSE_CODES.badMessage,
  ) {
    super(message);
  }
}

const PING_INTERVAL_MS = 30_000;
/** RFC 6455 leaves 123 bytes for a close reason; ws throws on a longer one. */
const CLOSE_REASON_BYTES_MAX = 123;

/** What one board socket may ask of the protocol. Honest clients stay far below every figure. */
export const BOARD_PROTOCOL_BUDGETS = {
  /** Sync step 1 asks for the whole board: answered this many times a minute at most. */
  syncRequestsPerMinute: 6,
  /** Cursor and drag updates a second; more are dropped, not refused. */
  awarenessPerSecond: 20,
  awarenessBurst: 40,
} as const;

/** Cuts a close reason to what fits in a close frame, counted in bytes, not characters. */
function fitCloseReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > CLOSE_REASON_BYTES_MAX) out = out.slice(0, -1);
  return out;
}

const CLOSE_FOR_VERDICT = {
  invalid: CLOSE_CODES.badMessage,
  forbidden: CLOSE_CODES.forbidden,
  limit: CLOSE_CODES.tooLarge,
  'read-only': CLOSE_CODES.forbidden,
} as const;

/**
 * One WebSocket on a board: speaks the y-websocket protocol (sync and awareness) for one
 * authenticated participant. Every update is judged before it is applied, against the writer's
 * rights as the session runtime holds them now; a refused one closes this socket with a code that
 * says why, and the room and every other member carry on.
 */
export class BoardConnection implements RoomMember {
  readonly participantId: string;
  /** An update that waits for structs the server does not hold yet, with what came after it. */
  private held: { update: Uint8Array; timer: NodeJS.Timeout } | null = null;
  private readonly pingTimer: NodeJS.Timeout;
  private alive = true;
  private closed = false;
  private queued = 0;
  private readonly syncRequests = new TokenBucket(BOARD_PROTOCOL_BUDGETS.syncRequestsPerMinute / 60, BOARD_PROTOCOL_BUDGETS.syncRequestsPerMinute);
  private readonly cursors = new TokenBucket(BOARD_PROTOCOL_BUDGETS.awarenessPerSecond, BOARD_PROTOCOL_BUDGETS.awarenessBurst);
  private readonly policy: BoardPolicy;
  private readonly user: AwarenessUser;
  /** Awareness client ids this socket has spoken for, removed from awareness when it closes. */
  private readonly awarenessIds = new Set<number>();
  /** Whether this person could write when last asked: a change to true asks for their writes again. */
  private writable: boolean;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    private readonly info: ConnectionInfo,
    private readonly hooks: Pick<ServerHooks, 'message' | 'refused'>,
    private readonly outbound: OutboundBudget,
    private readonly log: Logger,
    private readonly onClosed: (conn: BoardConnection) => void,
  ) {
    const { participant } = info;
    this.participantId = participant.id;
    this.policy = boardPolicy(room.ref, info.runtime, participant.id);
    this.user = { participantId: participant.id, name: participant.name, color: participant.color };
    this.writable = this.policy.rights().mayWrite;
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
    if (!this.outbound.allows(this.queued, message.byteLength)) {
      this.log.warn({ participantId: this.participantId, queued: this.queued }, 'board socket not reading; closing');
      this.ws.terminate();
      this.cleanUp();
      return;
    }
    const size = message.byteLength;
    this.queued += size;
    this.outbound.add(size);
    this.ws.send(message, { binary: true }, () => {
      if (this.closed) return;
      this.queued -= size;
      this.outbound.release(size);
    });
  }

  /**
   * The session's state changed. When this person may write again, a fresh sync step 1 asks
   * their client for everything the board lacks: what they wrote while they could not arrives
   * now, judged under the new rules, and nobody saw it before.
   */
  stateChanged(): void {
    if (this.closed) return;
    const writable = this.policy.rights().mayWrite;
    if (writable && !this.writable) this.send(encodeSyncStep1(this.room.doc));
    this.writable = writable;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    // Reasons quote client data (type names, note ids), which can be multi-byte.
    this.ws.close(code, fitCloseReason(reason));
    this.cleanUp();
  }

  private reject(reason: string, code: number = CLOSE_CODES.badMessage): void {
    this.hooks.refused(this.info, code, reason);
    this.close(code, reason.slice(0, 120));
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    const spent = this.hooks.message(this.info, data.byteLength);
    if (spent) return this.reject(`${spent === 'bytes' ? 'byte' : 'message'} budget spent; reconnect in a moment`, CLOSE_CODES.slowDown);
    if (!isBinary) return this.reject('board messages are binary');
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (err) {
      // Any decoding error is the sender's: a truncated varint, bad JSON, an unknown type.
      if (err instanceof ProtocolError) this.reject(err.message, err.code);
      else this.reject('malformed message');
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
        if (this.syncRequests.take()) this.send(encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()]));
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
      // Each answer can be the whole board; a client needs one per connection.
      if (this.syncRequests.take()) this.send(encodeSyncStep2(this.room.doc, stateVector));
      else this.log.info({ participantId: this.participantId }, 'sync request over budget ignored');
    } else if (kind === SYNC.step2 || kind === SYNC.update) {
      this.receiveUpdate(decoding.readVarUint8Array(decoder));
    } else {
      throw new ProtocolError(`unknown sync message ${kind}`);
    }
  }

  /**
   * An update is judged whole, with whatever this socket sent before it that still waits for its
   * dependencies (a browser may type while its offline copy is on its way): Yjs never holds a
   * client's structs back unchecked.
   */
  private receiveUpdate(incoming: Uint8Array): void {
    const update = this.held ? Y.mergeUpdates([this.held.update, incoming]) : incoming;
    if (update.byteLength > 2 * LIMITS.frameBytesMax) throw new ProtocolError('held-back updates grew too large');
    const rights = this.policy.rights();
    const verdict = inspectUpdate(update, this.room.inspectionContext(this.participantId, rights));
    // A write while the person may not write (the phase, their role, the lock) is nobody's
    // mistake: it is not applied, and the socket stays open and is told, as y-websocket tells.
    // What waits on it waits with it: the client sends both again when writing opens.
    if ((verdict.kind === 'refuse' && verdict.code === 'read-only') || (verdict.kind === 'pending' && !rights.mayWrite)) {
      this.release();
      this.writable = false;
      this.send(encodePermissionDenied('read-only'));
      return;
    }
    if (verdict.kind === 'refuse') throw new ProtocolError(verdict.reason, CLOSE_FOR_VERDICT[verdict.code]);
    if (verdict.kind === 'pending') {
      this.hold(update);
      return;
    }
    this.release();
    if (!this.room.hasRoomFor(update.byteLength)) {
      throw new ProtocolError("the session's storage quota is used up", CLOSE_CODES.tooLarge);
    }
    this.room.bind(this.participantId, verdict.newClientIds);
    try {
      this.room.applyAccepted(update, this, verdict.created);
    } catch {
      throw new ProtocolError('the update could not be applied');
    }
    const store = this.room.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The inspector lets through only what integrates whole; anything held back is dropped.
      store.pendingStructs = null;
      store.pendingDs = null;
      throw new ProtocolError('the update depends on structs the server does not hold');
    }
  }

  private hold(update: Uint8Array): void {
    const timer =
      this.held?.timer ??
      setTimeout(() => {
        if (this.held) this.reject('missing dependencies did not arrive in time');
      }, LIMITS.missingDependencyMs);
    this.held = { update, timer };
  }

  private release(): void {
    if (!this.held) return;
    clearTimeout(this.held.timer);
    this.held = null;
  }

  /**
   * Awareness is re-encoded here: only client ids bound to this participant are accepted (an
   * unbound id is bound to them on first use), `user` comes from the token, and only known
   * fields pass. The stock provider relays every awareness change it hears, others' included:
   * those echoes are skipped unread.
   */
  private handleAwareness(payload: Uint8Array): void {
    const mode = this.policy.awareness();
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    const accepted: { clientId: number; clock: number; state: unknown }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (!this.speaksFor(clientId, decoder)) {
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
      const { cursor, frame, drag } = parsed.data;
      // Unnamed: the cursor, its frame and a drag only; the client id alone says whose it is.
      const who = mode === 'named' ? { user: this.user } : {};
      accepted.push({
        clientId,
        clock,
        state: { ...who, ...(cursor ? { cursor } : {}), ...(cursor && frame ? { frame } : {}), ...(drag ? { drag } : {}) },
      });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes in the awareness update');
    // A private board has one reader, who needs no news of themselves.
    if (mode === 'none') return;
    // A removal always passes; a pointer moving faster than people can follow is dropped.
    if (accepted.length === 0 || (accepted.some((a) => a.state !== null) && !this.cursors.take())) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, accepted.length);
    for (const a of accepted) {
      encoding.writeVarUint(e, a.clientId);
      encoding.writeVarUint(e, a.clock);
      encoding.writeVarString(e, JSON.stringify(a.state));
      this.awarenessIds.add(a.clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encoding.toUint8Array(e), this);
  }

  /**
   * Whether this socket may set the awareness of a client id: one bound to this participant, or
   * an unbound one with a live state to set (not a removal: an echo of someone who left), which
   * is then bound to them. Peeks at the state without consuming it.
   */
  private speaksFor(clientId: number, decoder: decoding.Decoder): boolean {
    if (clientId === this.room.doc.clientID) return false;
    const owner = this.room.ownerOf(clientId);
    if (owner !== undefined) return owner === this.participantId;
    const peek = decoding.clone(decoder);
    if (decoding.readVarString(peek) === 'null') return false;
    this.room.bind(this.participantId, [clientId]);
    return true;
  }

  private cleanUp(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pingTimer);
    // Whatever the socket still held goes with it.
    this.outbound.release(this.queued);
    this.queued = 0;
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    this.room.members.delete(this);
    const present = [...this.awarenessIds].filter((id) => this.room.awareness.getStates().has(id));
    if (present.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, present, 'left');
    this.onClosed(this);
  }
}
