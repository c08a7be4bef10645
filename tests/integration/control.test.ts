import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  closingEventSchema,
  connectErrorDataSchema,
  presenceEventSchema,
  type ClosingEvent,
  type PresenceEvent,
  type ServerToClientEvents,
} from '@balcony/shared';
import { createSession, joinSession, request, startInProcess, type InProcess } from './helpers.js';
import { eventually } from '../support/eventually.js';

let server: InProcess;
const sockets: Socket[] = [];
const servers: InProcess[] = [];

beforeAll(async () => {
  server = await startInProcess();
  servers.push(server);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all(servers.map((s) => s.close()));
});

/** A server of its own with small connection caps, so that they can be reached with a few sockets. */
async function cappedServer(): Promise<InProcess> {
  const capped = await startInProcess({ MAX_SOCKETS_PER_PARTICIPANT: '2', MAX_SOCKETS_PER_SESSION: '3', MAX_SOCKETS_PER_ADDRESS: '4' });
  servers.push(capped);
  return capped;
}

const authOf = (token: string) => ({ token, protocolVersion: PROTOCOL_VERSION });

/** A control-plane client that records every presence event it gets, and why it was closed. */
function connect(auth: unknown, on: InProcess = server) {
  const socket: Socket<ServerToClientEvents> = io(on.url, { auth: auth as object, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  const seen: PresenceEvent[] = [];
  const closing: ClosingEvent[] = [];
  const disconnects: string[] = [];
  socket.on('presence', (p) => seen.push(p));
  socket.on('closing', (c) => closing.push(closingEventSchema.parse(c)));
  socket.on('disconnect', (reason) => disconnects.push(reason));
  return { socket, seen, closing, disconnects, latest: () => seen[seen.length - 1] };
}

function connected(auth: unknown, on: InProcess = server) {
  const client = connect(auth, on);
  return new Promise<ReturnType<typeof connect>>((resolve, reject) => {
    client.socket.on('connect', () => resolve(client));
    client.socket.on('connect_error', (err) => reject(err));
  });
}

function connectError(auth: unknown, on: InProcess = server) {
  const { socket } = connect(auth, on);
  return new Promise<{ code: string; message: string }>((resolve, reject) => {
    socket.on('connect', () => reject(new Error('connected with bad auth')));
    socket.on('connect_error', (err) => resolve(connectErrorDataSchema.parse((err as Error & { data: unknown }).data)));
  });
}

/** Sends a raw Socket.io ack packet (id 0) that nobody asked for: Socket.io drops it without a word. */
function sendStrayAck(socket: Socket, payload: unknown[] = []): void {
  socket.io.engine.write(`30${JSON.stringify(payload)}`);
}

describe('control plane', () => {
  it('refuses a handshake without a token, with an unknown token, or of another protocol version, saying why', async () => {
    const session = await createSession(server.url);
    expect(await connectError({ protocolVersion: PROTOCOL_VERSION })).toMatchObject({ code: 'unauthorized' });
    expect(await connectError({ token: 'not-a-token', protocolVersion: PROTOCOL_VERSION })).toMatchObject({ code: 'unauthorized' });
    expect(await connectError({ token: session.facilitatorToken, protocolVersion: PROTOCOL_VERSION + 1 })).toMatchObject({
      code: 'protocol_mismatch',
      message: expect.stringContaining('Reload'),
    });
    expect(await connectError({ token: session.facilitatorToken })).toMatchObject({ code: 'unauthorized' });
  });

  it('tells everyone in a session who is here and who is online, and nobody in another session', async () => {
    const session = await createSession(server.url, 'Thursday group', 'Fay');
    const other = await createSession(server.url, 'Another team', 'Olu');
    const fay = connect({ token: session.facilitatorToken, protocolVersion: PROTOCOL_VERSION });
    const olu = connect({ token: other.facilitatorToken, protocolVersion: PROTOCOL_VERSION });

    await eventually(() => expect(fay.latest()?.participants).toEqual([
      { participantId: session.participantId, name: 'Fay', role: 'facilitator', color: expect.stringMatching(/^#[0-9A-F]{6}$/i), online: true },
    ]));

    // Joining over HTTP shows the newcomer, still offline, before their socket connects.
    const amara = await joinSession(server.url, session.joinCode, 'Amara');
    await eventually(() =>
      expect(fay.latest()?.participants.map((p) => [p.name, p.role, p.online])).toEqual([
        ['Fay', 'facilitator', true],
        ['Amara', 'participant', false],
      ]),
    );

    // Two tabs of one person: online until the last one closes.
    const tab1 = connect({ token: amara.participantToken, protocolVersion: PROTOCOL_VERSION });
    const tab2 = connect({ token: amara.participantToken, protocolVersion: PROTOCOL_VERSION });
    await eventually(() => expect(fay.latest()?.participants.find((p) => p.name === 'Amara')?.online).toBe(true));
    await eventually(() => expect(tab2.latest()?.participants.every((p) => p.online)).toBe(true));
    const before = fay.seen.length;
    tab1.socket.disconnect();
    await eventually(() => expect(fay.seen.length).toBeGreaterThan(before));
    expect(fay.latest()?.participants.find((p) => p.name === 'Amara')?.online).toBe(true);
    tab2.socket.disconnect();
    await eventually(() => expect(fay.latest()?.participants.find((p) => p.name === 'Amara')?.online).toBe(false));

    // Every event matches the shared schema, and the other session heard nothing of this one.
    for (const event of fay.seen) expect(presenceEventSchema.safeParse(event).success).toBe(true);
    expect(olu.seen.every((e) => e.participants.every((p) => p.name === 'Olu'))).toBe(true);
  });

  it('closes a socket on its first unknown event, saying why, and leaves the others alone', async () => {
    const session = await createSession(server.url);
    const fay = await connected(authOf(session.facilitatorToken));
    const amara = await joinSession(server.url, session.joinCode, 'Amara');
    const hostile = await connected(authOf(amara.participantToken));
    await eventually(() => expect(fay.latest()?.participants.find((p) => p.name === 'Amara')?.online).toBe(true));
    // Untyped on purpose: a hostile client is not bound by the shared event map.
    const raw = hostile.socket as unknown as Socket;
    raw.emit('phase:next', { evil: true });
    raw.emit('presence', 'not a payload');
    await eventually(() => expect(hostile.disconnects).toEqual(['io server disconnect']));
    expect(hostile.closing).toEqual([{ code: 'unknown_event', message: expect.stringContaining('Reload') }]);
    // Its place is given back: the others see it go, and they stay connected.
    await eventually(() => expect(fay.latest()?.participants.find((p) => p.name === 'Amara')?.online).toBe(false));
    expect(fay.socket.connected).toBe(true);
    expect(fay.closing).toEqual([]);
  });

  it('answers a bad token on the control socket exactly as the HTTP API does', async () => {
    const session = await createSession(server.url);
    const http = await request(server.url, 'GET', `/api/sessions/${session.sessionId}`, { token: 'x'.repeat(43) });
    const socket = await connectError(authOf('x'.repeat(43)));
    expect(socket).toEqual({ code: http.body.error.code, message: http.body.error.message });
  });
});

describe('control socket budget', () => {
  it('lets a client send at a person\'s pace', async () => {
    const session = await createSession(server.url);
    const fay = await connected(authOf(session.facilitatorToken));
    for (let i = 0; i < 30; i++) sendStrayAck(fay.socket);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fay.socket.connected).toBe(true);
    expect(fay.closing).toEqual([]);
  });

  it('closes a socket that floods it with packets, saying why', async () => {
    const session = await createSession(server.url);
    const fay = await connected(authOf(session.facilitatorToken));
    for (let i = 0; i < 500; i++) sendStrayAck(fay.socket);
    await eventually(() => expect(fay.disconnects).toEqual(['io server disconnect']));
    expect(fay.closing).toEqual([{ code: 'rate_limited', message: expect.stringContaining('too many messages') }]);
  });

  it('closes a socket that sends too many bytes, saying why', async () => {
    const session = await createSession(server.url);
    const fay = await connected(authOf(session.facilitatorToken));
    // Each packet is under Socket.io's own 64 KiB limit; ten of them are not.
    for (let i = 0; i < 10; i++) sendStrayAck(fay.socket, ['x'.repeat(60 * 1024)]);
    await eventually(() => expect(fay.disconnects).toEqual(['io server disconnect']));
    expect(fay.closing).toEqual([{ code: 'rate_limited', message: expect.stringContaining('too much data') }]);
  });
});

describe('control socket caps (2 per person, 3 per session, 4 per address)', () => {
  it('refuses a person\'s third socket with rate_limited, and takes one again once another closes', async () => {
    const capped = await cappedServer();
    const session = await createSession(capped.url);
    const one = await connected(authOf(session.facilitatorToken), capped);
    await connected(authOf(session.facilitatorToken), capped);
    expect(await connectError(authOf(session.facilitatorToken), capped)).toEqual({
      code: 'rate_limited',
      message: expect.stringContaining('per person'),
    });
    one.socket.disconnect();
    await eventually(() => connected(authOf(session.facilitatorToken), capped), 5_000);
  });

  it('refuses the fourth socket of a session and the fifth of an address', async () => {
    const capped = await cappedServer();
    const a = await createSession(capped.url, 'A');
    const people = await Promise.all(['Amara', 'Ben', 'Chi'].map((name) => joinSession(capped.url, a.joinCode, name)));
    await connected(authOf(a.facilitatorToken), capped);
    await connected(authOf(people[0]!.participantToken), capped);
    await connected(authOf(people[1]!.participantToken), capped);
    expect(await connectError(authOf(people[2]!.participantToken), capped)).toEqual({
      code: 'rate_limited',
      message: expect.stringContaining('per session'),
    });

    const b = await createSession(capped.url, 'B');
    await connected(authOf(b.facilitatorToken), capped);
    expect(await connectError(authOf(b.facilitatorToken), capped)).toEqual({
      code: 'rate_limited',
      message: expect.stringContaining('one address'),
    });
  });
});
