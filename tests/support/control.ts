import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  commandAckSchema,
  versionedSessionStateViewSchema,
  type ClientToServerEvents,
  type CommandAck,
  type ServerToClientEvents,
  type VersionedSessionStateView,
} from '@balcony/shared';
import { eventually } from './eventually.js';

export type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A stock Socket.io client on a session's control plane, holding a participant's token. */
export function openControl(url: string, token: string): ControlSocket {
  return io(url, { auth: { token, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves once the socket is connected, rejecting with the server's refusal. */
export function controlConnected(socket: ControlSocket): Promise<ControlSocket> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Sends a command and resolves to the server's acknowledgement, parsed with the shared schema. */
export async function command(socket: ControlSocket, cmd: unknown, timeoutMs = 5_000): Promise<CommandAck> {
  const ack: unknown = await socket.timeout(timeoutMs).emitWithAck('command', cmd);
  return commandAckSchema.parse(ack);
}

/** Connects, sends one command as `token`, and disconnects: what a facilitator's one click does. */
export async function commandOnce(url: string, token: string, cmd: unknown): Promise<CommandAck> {
  const socket = await controlConnected(openControl(url, token));
  try {
    return await command(socket, cmd);
  } finally {
    socket.disconnect();
  }
}

/** Every `state` event a socket receives, parsed, with the latest first to hand. */
export function recordStates(socket: ControlSocket) {
  const seen: VersionedSessionStateView[] = [];
  socket.on('state', (s) => seen.push(versionedSessionStateViewSchema.parse(s)));
  return { seen, latest: () => seen.at(-1) };
}

/**
 * A connected control socket with its states and `closing` events recorded, once it has been
 * sent its first state: what a test of commands usually starts from.
 */
export async function controlSession(url: string, token: string) {
  const socket = openControl(url, token);
  const closing: unknown[] = [];
  socket.on('closing', (c) => closing.push(c));
  const states = recordStates(socket);
  await controlConnected(socket);
  await eventually(() => {
    if (!states.latest()) throw new Error('no state yet');
  });
  return { socket, states, closing, send: (cmd: unknown) => command(socket, cmd) };
}
