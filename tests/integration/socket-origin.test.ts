import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, connectErrorDataSchema } from '@balcony/shared';
import { createSession, startInProcess, type InProcess } from './helpers.js';

let server: InProcess;
/** Allows one other origin's pages, as a deployment with a separate front-end host would. */
let extended: InProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  [server, extended] = await Promise.all([startInProcess(), startInProcess({ ALLOWED_ORIGINS: 'https://boards.example.org' })]);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([server.close(), extended.close()]);
});

type Outcome = { connected: true } | { connected: false; data?: unknown };

/** Opens a control socket with the given Origin header (none when undefined) and reports whether it got in. */
async function handshake(on: InProcess, origin: string | undefined, transport: 'websocket' | 'polling'): Promise<Outcome> {
  const session = await createSession(on.url);
  const socket = io(on.url, {
    auth: { token: session.facilitatorToken, protocolVersion: PROTOCOL_VERSION },
    transports: [transport],
    extraHeaders: origin === undefined ? {} : { origin },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('connect', () => {
      resolve({ connected: true });
      socket.disconnect();
    });
    socket.on('connect_error', (err) => resolve({ connected: false, data: (err as Error & { data?: unknown }).data }));
  });
}

describe('Origin of a control socket', () => {
  const ownOrigin = () => `http://127.0.0.1:${server.server.port}`;

  it.each(['websocket', 'polling'] as const)('refuses a page of another site (%s)', async (transport) => {
    expect(await handshake(server, 'https://evil.example', transport)).toMatchObject({ connected: false });
    expect(await handshake(server, 'null', transport)).toMatchObject({ connected: false });
    // The same host on another port is another origin.
    expect(await handshake(server, 'http://127.0.0.1:1', transport)).toMatchObject({ connected: false });
  });

  it.each(['websocket', 'polling'] as const)('lets in a page of its own origin and a client that sends none (%s)', async (transport) => {
    expect(await handshake(server, ownOrigin(), transport)).toEqual({ connected: true });
    expect(await handshake(server, undefined, transport)).toEqual({ connected: true });
  });

  it('lets in the origins of ALLOWED_ORIGINS, and no others', async () => {
    expect(await handshake(extended, 'https://boards.example.org', 'websocket')).toEqual({ connected: true });
    expect(await handshake(extended, `http://127.0.0.1:${extended.server.port}`, 'websocket')).toEqual({ connected: true });
    expect(await handshake(extended, 'https://boards.example.org.evil.example', 'websocket')).toMatchObject({ connected: false });
    expect(await handshake(extended, 'http://boards.example.org', 'websocket')).toMatchObject({ connected: false });
  });

  it('still says why a handshake with a good origin is refused', async () => {
    const socket = io(server.url, { auth: { token: 'nope', protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const data = await new Promise((resolve) => socket.on('connect_error', (err) => resolve((err as Error & { data?: unknown }).data)));
    expect(connectErrorDataSchema.parse(data).code).toBe('unauthorized');
  });
});
