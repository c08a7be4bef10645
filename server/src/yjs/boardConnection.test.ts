import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addNote, getNotes, getTemplate, initBoardMeta, initialSessionState, type SessionState } from '@balcony/shared';
import { encodeUpdate } from './messages.js';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { WebSocket } from 'ws';
import type { Store } from '../store/types.js';
import { SessionRuntime } from '../session/sessionRuntime.js';
import { OutboundBudget } from '../limits/outboundBudget.js';
import { Room } from './room.js';
import { BoardConnection } from './boardConnection.js';
import type { ConnectionInfo } from '../extensions/types.js';

const log = pino({ level: 'silent' });

/** A peer that reads until `stall()`, then never again: nothing handed to it is written out. */
class StalledSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  binaryType = 'nodebuffer';
  terminated = false;
  reading = true;
  sent = 0;
  readonly messages: Uint8Array[] = [];
  send(data: Uint8Array, _opts: unknown, done?: () => void): void {
    this.sent++;
    this.messages.push(data);
    if (this.reading) done?.();
  }
  stall(): void {
    this.reading = false;
    this.sent = 0;
  }
  ping(): void {}
  close(): void {
    this.terminate();
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

const emptyStore = {
  loadDoc: async () => ({ state: null, updates: [], lastSeq: 0, clientOwners: new Map() }),
  appendUpdate: async () => 1,
  compact: async () => {},
  bindClientIds: async () => {},
} as unknown as Store;

const TEMPLATE = getTemplate('cultural-web');

async function connect(outbound: OutboundBudget, room?: Room, state?: SessionState, stall = true) {
  const r = room ?? (await Room.load({ sessionId: 's', owner: null }, TEMPLATE, emptyStore, log, { compactEvery: 500, quotaBytes: 1 << 20 }));
  const participant = { id: 'p', sessionId: 's', name: 'P', role: 'participant' as const, color: '#1F6FEB', createdAt: 0 };
  const runtime = new SessionRuntime('s', TEMPLATE, [participant], { perParticipant: 8, perSession: 100 }, {
    version: 1,
    state: state ?? { ...initialSessionState(TEMPLATE, 'f'), phase: { id: 'current-reveal', index: 2 } },
  });
  const ws = new StalledSocket();
  const info: ConnectionInfo = {
    kind: 'board',
    participant,
    session: { id: 's', title: 'T', templateId: TEMPLATE.id, template: TEMPLATE, joinCode: 'ABCDEF', createdAt: 0 },
    runtime,
    address: '127.0.0.1',
    live: { kind: 'board', participantId: 'p', address: '127.0.0.1', close: () => {}, stateChanged: () => conn.stateChanged() },
  };
  // As the endpoint does: the runtime tells admitted connections of each new state.
  runtime.admit(info.live);
  const hooks = { message: () => null, refused: () => {} };
  const conn = new BoardConnection(ws as unknown as WebSocket, r, info, hooks, outbound, log, () => {});
  // The first sync message went out; from here on the peer reads nothing.
  if (stall) ws.stall();
  return { ws, conn, room: r, runtime };
}

describe('BoardConnection: a peer that stops reading', () => {
  it('is cut off once it holds more unread bytes than one socket may', async () => {
    const outbound = new OutboundBudget(64 * 1024, 1 << 30, 1024);
    const { ws, conn, room } = await connect(outbound);
    const message = new Uint8Array(16 * 1024);
    for (let i = 0; i < 10 && !ws.terminated; i++) conn.send(message);
    expect(ws.terminated).toBe(true);
    expect(ws.sent).toBeLessThanOrEqual(6);
    // What it held is no longer counted against the process.
    expect(outbound.queued).toBe(0);
    room.destroy();
  });

  it('still gets one message larger than the limit while it holds nothing', async () => {
    const outbound = new OutboundBudget(64 * 1024, 1 << 30, 1024);
    const { ws, conn, room } = await connect(outbound);
    conn.send(new Uint8Array(512 * 1024));
    expect(ws.terminated).toBe(false);
    conn.send(new Uint8Array(10));
    expect(ws.terminated).toBe(true);
    room.destroy();
  });

  it('is cut off when all sockets together hold too much, sparing one that holds little', async () => {
    const outbound = new OutboundBudget(1 << 20, 300 * 1024, 32 * 1024);
    const a = await connect(outbound);
    const b = await connect(outbound, a.room);
    // a fills most of the process's allowance.
    for (let i = 0; i < 4; i++) a.conn.send(new Uint8Array(64 * 1024));
    expect(a.ws.terminated).toBe(false);
    b.conn.send(new Uint8Array(8 * 1024));
    expect(b.ws.terminated).toBe(false);
    a.conn.send(new Uint8Array(64 * 1024));
    expect(a.ws.terminated).toBe(true);
    expect(b.ws.terminated).toBe(false);
    a.room.destroy();
  });
});

/** The y-websocket message type and, for sync and auth, its sub-type. */
function kindOf(message: Uint8Array): string {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  if (type === 2) return `auth:${decoding.readVarUint(d)}:${decoding.readVarString(d)}`;
  return type === 0 ? `sync:${decoding.readVarUint(d)}` : `type:${type}`;
}

describe('BoardConnection: a person who may not write now', () => {
  it('is told read-only and keeps the socket; their write waits for a fresh sync step 1', async () => {
    const outbound = new OutboundBudget(1 << 20, 1 << 30, 1 << 20);
    const locked = { ...initialSessionState(TEMPLATE, 'f'), phase: { id: 'current-reveal', index: 2 }, locked: true };
    const { ws, conn, room, runtime } = await connect(outbound, undefined, locked, false);
    const client = new Y.Doc();
    initBoardMeta(client);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    addNote(client, { id: 'n1', zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'p', createdAt: 1, text: 'Heroes' });
    ws.messages.length = 0;
    ws.emit('message', Buffer.from(encodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(room.doc)))), true);
    expect(ws.messages.map(kindOf)).toEqual(['auth:0:read-only']);
    expect(ws.terminated).toBe(false);
    expect(getNotes(room.doc).has('n1')).toBe(false);

    // Unlocked: the server asks again, and nothing else was sent meanwhile.
    runtime.follow({ version: 2, state: { ...locked, locked: false } });
    expect(ws.messages.map(kindOf)).toEqual(['auth:0:read-only', 'sync:0']);
    // A change that keeps them writing asks nothing more.
    runtime.follow({ version: 3, state: { ...locked, locked: false, follow: 'stories' } });
    expect(ws.messages).toHaveLength(2);
    conn.close(1000, 'done');
    room.destroy();
  });
});
