import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  connectErrorDataSchema,
  presenceEventSchema,
  type PresenceEvent,
  type ServerToClientEvents,
} from '@balcony/shared';
import { createSession, joinSession, startInProcess, type InProcess } from './helpers.js';
import { eventually } from '../support/eventually.js';

let server: InProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startInProcess();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

/** A control-plane client that records every presence event it gets. */
function connect(auth: unknown) {
  const socket: Socket<ServerToClientEvents> = io(server.url, { auth: auth as object, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  const seen: PresenceEvent[] = [];
  socket.on('presence', (p) => seen.push(p));
  return { socket, seen, latest: () => seen[seen.length - 1] };
}

function connectError(auth: unknown) {
  const { socket } = connect(auth);
  return new Promise<{ code: string; message: string }>((resolve, reject) => {
    socket.on('connect', () => reject(new Error('connected with bad auth')));
    socket.on('connect_error', (err) => resolve(connectErrorDataSchema.parse((err as Error & { data: unknown }).data)));
  });
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

  it('drops an event it does not know and keeps the socket', async () => {
    const session = await createSession(server.url);
    const fay = connect({ token: session.facilitatorToken, protocolVersion: PROTOCOL_VERSION });
    await eventually(() => expect(fay.socket.connected).toBe(true));
    // Untyped on purpose: a hostile client is not bound by the shared event map.
    const raw = fay.socket as unknown as Socket;
    raw.emit('phase:next', { evil: true });
    raw.emit('presence', 'not a payload');
    const amara = await joinSession(server.url, session.joinCode, 'Amara');
    await eventually(() => expect(fay.latest()?.participants.some((p) => p.participantId === amara.participantId)).toBe(true));
    expect(fay.socket.connected).toBe(true);
  });
});
