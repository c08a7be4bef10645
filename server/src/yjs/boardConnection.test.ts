import { initialSessionState } from '@balcony/shared';
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
  send(_data: Uint8Array, _opts: unknown, done?: () => void): void {
    this.sent++;
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

async function connect(outbound: OutboundBudget, room?: Room) {
  const r = room ?? (await Room.load('s', 'cultural-web', emptyStore, log, { compactEvery: 500, quotaBytes: 1 << 20 }));
  const participant = { id: 'p', sessionId: 's', name: 'P', role: 'participant' as const, color: '#1F6FEB', createdAt: 0 };
  const runtime = new SessionRuntime('s', [participant], { perParticipant: 8, perSession: 100 }, { version: 1, state: initialSessionState() });
  const ws = new StalledSocket();
  const info: ConnectionInfo = {
    kind: 'board',
    participant,
    session: { id: 's', title: 'T', template: 'cultural-web', joinCode: 'ABCDEF', createdAt: 0 },
    runtime,
    address: '127.0.0.1',
    live: { kind: 'board', participantId: 'p', address: '127.0.0.1', close: () => {} },
  };
  const hooks = { message: () => null, refused: () => {} };
  const conn = new BoardConnection(ws as unknown as WebSocket, r, info, hooks, outbound, log, () => {});
  // The first sync message went out; from here on the peer reads nothing.
  ws.stall();
  return { ws, conn, room: r };
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
