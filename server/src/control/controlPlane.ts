import { isDeepStrictEqual } from 'node:util';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { adapterClient } from '../cluster/adapterClient.js';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  isClientEvent,
  roleIn,
  socketAuthSchema,
  stateFor,
  versionedSessionStateSchema,
  type CommandAck,
  type ClientToServerEvents,
  type ConnectErrorData,
  type ErrorCode,
  type PresenceEvent,
  type ServerToClientEvents,
  type VersionedSessionState,
} from '@balcony/shared';
import type { Config } from '../config.js';
import type { ParticipantRecord, Store } from '../store/types.js';
import type { RuntimeRegistry } from '../session/runtimeRegistry.js';
import type { LiveConnection } from '../session/sessionRuntime.js';
import type { ServerHooks } from '../extensions/compose.js';
import type { ConnectionInfo, Spent } from '../extensions/types.js';
import { isAllowedOrigin } from '../security/origin.js';
import { securityHeaders } from '../security/headers.js';
import { clientAddress, compileTrust } from '../security/clientAddress.js';
import { meterPackets } from './budget.js';
import { runCommand } from '../session/runCommand.js';
import type { SessionBoards } from '../session/sessionBoards.js';
import type { Snapshots } from '../outcome/snapshots.js';

/** What other nodes may read of a socket (Socket.io sends it between nodes): plain data only. */
interface SocketData {
  participantId: string;
}
/** What this node keeps of each of its own sockets. */
interface LocalSocket {
  participant: ParticipantRecord;
  info: ConnectionInfo;
  /** Takes the connection out of its runtime; safe to call more than once. */
  release: () => void;
}
/** What nodes tell each other through the adapter, apart from what goes to sockets. */
interface InterServerEvents {
  /** A session's state changed on the sending node: runtimes here follow, and sockets are told. */
  sessionState: (sessionId: string, current: VersionedSessionState) => void;
  /** A session was erased on the sending node: this one lets go of everything it holds of it. */
  sessionErased: (sessionId: string) => void;
}
type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** How long a control socket's rooms and missed events are kept for it to pick up again. */
const RECOVERY_MS = 2 * 60_000;

export interface ControlPlaneDeps {
  store: Store;
  /** What commands need of the session's boards (votes, reveals). */
  boards: Pick<SessionBoards, 'voteTargets' | 'reveal'>;
  snapshots: Pick<Snapshots, 'take' | 'hasFinal' | 'withdraw'>;
  /** A command changed a session: it counts as activity for its retention. */
  onActivity(sessionId: string): void;
  /** Another node erased a session: this node drops what it holds of it. */
  onErasedElsewhere(sessionId: string): void;
  hooks: ServerHooks;
  runtimes: RuntimeRegistry;
  log: Logger;
  config: Pick<Config, 'allowedOrigins' | 'trustProxy' | 'redisPrefix'>;
  /** Shared with the other nodes of the same sessions; null on a node of its own. */
  redis: Redis | null;
}

function connectError(data: ConnectErrorData): Error & { data: ConnectErrorData } {
  return Object.assign(new Error(data.message), { data });
}

/** Says why on the socket, then closes it; the client does not reconnect after a server close. */
function closeWith(socket: ControlSocket, data: ConnectErrorData): void {
  if (!socket.connected) return;
  socket.emit('closing', data);
  socket.disconnect(true);
}

/** The runtime closes connections with board close codes; the control socket says it in words. */
function errorCodeFor(closeCode: number): ErrorCode {
  return closeCode === CLOSE_CODES.unauthorized ? 'unauthorized' : 'forbidden';
}

const SPENT_MESSAGES: Record<Spent, string> = {
  messages: 'This page sent too many messages too fast, so the server closed its connection. Reload the page.',
  bytes: 'This page sent too much data too fast, so the server closed its connection. Reload the page.',
};

/**
 * The Socket.io control plane: presence (who is in the session and who is online), the
 * session's state (phase, timer, lock, roles, follow-me, hands) and the commands that change it,
 * each event parsed with its shared schema and checked against the sender's role.
 */
export function attachControlPlane(server: HttpServer, deps: ControlPlaneDeps) {
  const { store, boards, snapshots, hooks, runtimes, log, config, redis } = deps;
  const trust = compileTrust(config.trustProxy);
  // With Redis, broadcasts and socket queries reach every node's sockets, and a socket that
  // reconnects to another node picks up what it missed.
  const local = new WeakMap<ControlSocket, LocalSocket>();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(server, {
    ...(redis ? { adapter: createAdapter(adapterClient(redis, log), { streamName: `${config.redisPrefix}:control` }) } : {}),
    // The token is checked again on a recovered connection: a revoked one must not come back.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: false },
    // The board endpoint shares this HTTP server: leave its upgrades alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    // Checked on the first request of every transport, before an Engine.IO session exists.
    allowRequest: (req, callback) => {
      const allowed = isAllowedOrigin(req.headers, config);
      if (!allowed) log.debug({ origin: req.headers.origin, host: req.headers.host }, 'control socket refused: origin');
      callback(null, allowed);
    },
  });
  // Socket.io answers its own HTTP requests, before Express sees them.
  io.engine.on('headers', (headers: Record<string, string>) => {
    Object.assign(headers, securityHeaders(false, config));
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { protocolVersion?: unknown } | undefined;
    if (auth && auth.protocolVersion !== undefined && auth.protocolVersion !== PROTOCOL_VERSION) {
      return next(
        connectError({
          code: 'protocol_mismatch',
          message: `This page speaks protocol ${String(auth.protocolVersion)}; the server speaks ${PROTOCOL_VERSION}. Reload the page.`,
        }),
      );
    }
    const parsed = socketAuthSchema.safeParse(auth);
    if (!parsed.success) return next(connectError({ code: 'unauthorized', message: 'A session token and protocol version are needed.' }));
    admit(socket, parsed.data.token).then(next, (err: unknown) => {
      log.error({ err }, 'control auth failed');
      next(connectError({ code: 'internal', message: 'Something went wrong on the server. Try again.' }));
    });
  });

  /** Checks the token and lets the socket into its session's runtime, under the caps. */
  async function admit(socket: ControlSocket, token: string): Promise<Error | undefined> {
    const access = await hooks.authenticate(token);
    if (!access.ok) return connectError({ code: access.error.code, message: access.error.message });
    const { participant, session } = access;
    const runtime = await runtimes.get(participant.sessionId);
    // Gone while the store answered: admitting it now would hold a place nobody ever gives back.
    if (socket.conn.readyState !== 'open') return connectError({ code: 'internal', message: 'The connection closed.' });
    runtime.know(participant);
    const live: LiveConnection = {
      kind: 'control',
      participantId: participant.id,
      address: clientAddress(socket.request, trust),
      close: (code, reason) => closeWith(socket, { code: errorCodeFor(code), message: reason }),
    };
    const info: ConnectionInfo = { kind: 'control', participant, session, runtime, address: live.address, live };
    const admitted = hooks.connect(info);
    if (!admitted.ok) {
      hooks.refused(info, 429, admitted.reason);
      return connectError({ code: 'rate_limited', message: `Too many connections: ${admitted.reason}. Close a tab and try again.` });
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      hooks.disconnect(info);
    };
    // The client may go before the handshake completes, and then no `disconnect` ever fires.
    socket.conn.once('close', release);
    socket.data.participantId = participant.id;
    local.set(socket, { participant, info, release });
    return undefined;
  }

  async function presence(sessionId: string): Promise<PresenceEvent> {
    // Every node's sockets of the session, so a person is online wherever their tab is connected.
    const sockets = await io.in(sessionId).fetchSockets();
    const here = new Set(sockets.map((s) => s.data.participantId));
    const [participants, runtime] = await Promise.all([store.listParticipants(sessionId), runtimes.get(sessionId)]);
    const { state } = runtime.state;
    return {
      participants: participants.map((p) => ({
        participantId: p.id,
        name: p.name,
        role: roleIn(state, p.id, p.role),
        color: p.color,
        online: here.has(p.id),
      })),
    };
  }

  async function emitPresence(sessionId: string): Promise<void> {
    try {
      io.to(sessionId).emit('presence', await presence(sessionId));
    } catch (err) {
      log.error({ err, sessionId }, 'presence failed');
    }
  }

  /**
   * Tells this node's sockets of a session its state as this node holds it: each is sent what
   * its person may see (pause requests go to facilitators). Every node does this for its own.
   */
  function tellLocalSockets(sessionId: string, current: VersionedSessionState): void {
    for (const id of io.of('/').adapter.rooms.get(sessionId) ?? []) {
      const socket = io.of('/').sockets.get(id);
      const mine = socket && local.get(socket);
      if (mine) socket.emit('state', { version: current.version, state: stateFor(current.state, mine.participant.id) });
    }
  }

  /**
   * A state this node just heard of, written here or elsewhere: the runtime follows and the
   * sockets are told. Every version is passed on, even one that arrives after a later one (two
   * nodes wrote at once): each client keeps the highest it has seen, and hears every change.
   */
  async function followState(sessionId: string, next: VersionedSessionState): Promise<void> {
    await runtimes.follow(sessionId, next);
    tellLocalSockets(sessionId, next);
  }

  io.on('connection', (socket: ControlSocket) => {
    const { participant, info, release } = local.get(socket)!;
    const sessionId = participant.sessionId;

    const stopMetering = meterPackets(socket.conn, (bytes) => hooks.message(info, bytes), (spent) => {
      hooks.refused(info, 429, `${spent} budget spent`);
      closeWith(socket, { code: 'rate_limited', message: SPENT_MESSAGES[spent] });
    });
    // Every event a client may send is listed in the shared map; the first one that is not shows
    // a client that is broken or hostile, and it is closed rather than heard out.
    socket.onAny((event: unknown) => {
      if (isClientEvent(event)) return;
      hooks.refused(info, 400, `unknown control event ${String(event).slice(0, 40)}`);
      closeWith(socket, { code: 'unknown_event', message: 'This page sent a message the server does not know. Reload the page.' });
    });

    void socket.join(sessionId);
    void emitPresence(sessionId);
    // Where the session stands now, then every change as it is made.
    const now = info.runtime.state;
    socket.emit('state', { version: now.version, state: stateFor(now.state, participant.id) });

    socket.on('time', (ack: unknown) => {
      if (typeof ack === 'function') (ack as (a: { now: number }) => void)({ now: Date.now() });
    });

    socket.on('command', (command: unknown, ack: unknown) => {
      // Without an acknowledgement nobody would hear the answer: the protocol asks for one.
      if (typeof ack !== 'function') {
        hooks.refused(info, 400, 'command without an acknowledgement');
        return;
      }
      const answer = ack as (a: CommandAck) => void;
      const session = { ...info.session, template: info.runtime.template };
      runCommand({ store, boards, snapshots, log }, session, participant.id, command)
        .then(({ ack: result, changed }) => {
          if (!result.ok) log.debug({ sessionId, code: result.error.code }, 'command refused');
          if (result.ok) deps.onActivity(sessionId);
          if (changed) stateChanged(sessionId, changed, !isDeepStrictEqual(info.runtime.state.state.roles, changed.state.roles));
          answer(result);
        })
        .catch((err: unknown) => {
          log.error({ err, sessionId }, 'command failed');
          answer({ ok: false, error: { code: 'internal', message: 'Something went wrong on the server. Try again.' } });
        });
    });

    socket.on('disconnect', () => {
      stopMetering();
      release();
      void emitPresence(sessionId);
    });
  });

  io.on('sessionErased', (sessionId: unknown) => {
    if (typeof sessionId !== 'string') return void log.warn('a node sent an erasure this one cannot read');
    deps.onErasedElsewhere(sessionId);
  });

  io.on('sessionState', (sessionId: unknown, current: unknown) => {
    const parsed = versionedSessionStateSchema.safeParse(current);
    if (typeof sessionId !== 'string' || !parsed.success) return void log.warn('a node sent a session state this one cannot read');
    followState(sessionId, parsed.data).catch((err: unknown) => log.error({ err, sessionId }, 'session state follow failed'));
  });

  /**
   * A state this node wrote: its runtime takes it and its sockets are told, and the other nodes
   * read it again and tell theirs (each client keeps the highest version it has seen). When
   * roles changed, presence says so too.
   */
  function stateChanged(sessionId: string, current: VersionedSessionState, rolesChanged: boolean): void {
    followState(sessionId, current)
      .then(() => (rolesChanged ? emitPresence(sessionId) : undefined))
      .catch((err: unknown) => log.error({ err, sessionId }, 'session state follow failed'));
    if (redis) io.serverSideEmit('sessionState', sessionId, current);
  }

  return {
    participantJoined: (sessionId: string) => void emitPresence(sessionId),
    sessionStateChanged: (sessionId: string, current: VersionedSessionState) => stateChanged(sessionId, current, false),
    socketCount: () => io.of('/').sockets.size,
    /** Closes this node's control sockets of an erased session, saying why; they do not come back. */
    closeSession: (sessionId: string, message: string) => {
      for (const id of io.of('/').adapter.rooms.get(sessionId) ?? []) {
        const socket = io.of('/').sockets.get(id);
        if (socket) closeWith(socket, { code: 'unauthorized', message });
      }
    },
    /** Tells the other nodes, when there are any, that a session was erased here. */
    announceErased: (sessionId: string) => {
      if (redis) io.serverSideEmit('sessionErased', sessionId);
    },
    /**
     * Drops every socket of this node as a lost connection does (no "server disconnect"), so that
     * each client reconnects at once, through the load balancer, to another node.
     */
    drain: () => {
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
