import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/types.js';
import { RoomManager } from './yjs/roomManager.js';
import { attachBoardEndpoint } from './yjs/boardEndpoint.js';
import { attachControlPlane } from './control/controlPlane.js';
import { RuntimeRegistry } from './session/runtimeRegistry.js';
import { OutboundBudget } from './limits/outboundBudget.js';
import { isAllowedOrigin } from './security/origin.js';
import { clientAddress, compileTrust } from './security/clientAddress.js';
import { composeExtensions } from './extensions/compose.js';
import { tokenAuth } from './extensions/tokenAuth.js';
import { connectionCaps } from './extensions/connectionCaps.js';
import { messageBudgets } from './extensions/messageBudgets.js';
import { storePersistence } from './extensions/storePersistence.js';
import { connectionLog } from './extensions/connectionLog.js';
import { CONTROL_BUDGET } from './control/budget.js';
import { redisBoardRelay } from './cluster/boardRelay.js';
import { openRedis } from './cluster/redis.js';
import { createMetrics } from './metrics/metrics.js';
import type { BoardPersistence } from './extensions/types.js';
import { PrivateCounts } from './session/privateCounts.js';
import { SessionBoards } from './session/sessionBoards.js';
import { Snapshots } from './outcome/snapshots.js';
import { ActivityClock } from './outcome/activity.js';
import { RetentionSweep } from './outcome/retentionSweep.js';
import { CLOSE_CODES } from '@balcony/shared';

/** What one board socket may send: a reconnect or a paste may come at once, a flood may not. */
const BOARD_BUDGET = { messagesPerSecond: 200, messageBurst: 1_000, bytesPerSecond: 1024 * 1024, byteBurst: 4 * 1024 * 1024 };

/** What a caller (a test, say) may set beyond the configuration. */
export interface ServerOptions {
  /** The clock retention is kept and swept by. */
  now?: () => number;
}

export interface RunningServer {
  port: number;
  /** Erases expired sessions now; resolves to their ids. */
  sweepRetention(): Promise<string[]>;
  rooms: RoomManager;
  runtimes: RuntimeRegistry;
  store: Store;
  /**
   * Drains and stops: readiness answers 503, new sockets are refused, open ones are closed with
   * 4503 (board) or dropped (control) so their clients reconnect to another node; every room is
   * flushed and compacted, every document freed, and the store closed.
   */
  close(): Promise<void>;
}

/** Composes the server's parts in one place: store, HTTP API, board endpoint, control plane. */
export async function startServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const now = options.now ?? Date.now;
  const store = await openStore(config);
  const activity = new ActivityClock(store, log, now);
  const runtimes = new RuntimeRegistry(store, {
    perParticipant: config.maxSocketsPerParticipant,
    perSession: config.maxSocketsPerSession,
    perAddress: config.maxSocketsPerAddress,
  });
  // Every server concern that hooks into the sockets and rooms, composed here and nowhere else.
  const hooks = composeExtensions([
    tokenAuth(store),
    connectionCaps(runtimes),
    messageBudgets({ board: BOARD_BUDGET, control: CONTROL_BUDGET }),
    storePersistence(store),
    connectionLog(log),
  ]);
  let board: ReturnType<typeof attachBoardEndpoint> | null = null;
  let control: ReturnType<typeof attachControlPlane> | null = null;
  let rooms: RoomManager | null = null;
  const metrics = createMetrics(
    {
      sockets: (kind) => (kind === 'board' ? board?.socketCount() : control?.socketCount()) ?? 0,
      rooms: () => rooms?.loadedCount ?? 0,
    },
    config.metrics,
  );
  const relay = config.redisUrl ? redisBoardRelay(config.redisUrl, config.redisPrefix, log, metrics.relayLag) : null;
  // Commands shared by the rate limits and the control plane's adapter (which opens its own
  // connections for blocking reads from this one).
  const redis = config.redisUrl ? openRedis(config.redisUrl, 'shared', log) : null;
  let draining = false;
  // Every append timed, whichever store stands behind it; the rest passed straight through.
  const stored = hooks.persistence;
  const persistence: BoardPersistence = {
    loadDoc: (sessionId) => stored.loadDoc(sessionId),
    compact: (sessionId, state, throughSeq) => stored.compact(sessionId, state, throughSeq),
    bindClientIds: (sessionId, participantId, clientIds) => stored.bindClientIds(sessionId, participantId, clientIds),
    loadPrivateDoc: (sessionId, owner) => stored.loadPrivateDoc(sessionId, owner),
    compactPrivate: (sessionId, owner, state, throughSeq) => stored.compactPrivate(sessionId, owner, state, throughSeq),
    async appendPrivateUpdate(sessionId, owner, update) {
      activity.touch(sessionId);
      const done = metrics.appendStarted();
      try {
        return await stored.appendPrivateUpdate(sessionId, owner, update);
      } finally {
        done();
      }
    },
    async appendUpdate(sessionId, update) {
      activity.touch(sessionId);
      const done = metrics.appendStarted();
      try {
        return await stored.appendUpdate(sessionId, update);
      } finally {
        done();
      }
    },
  };
  rooms = new RoomManager(
    persistence,
    log,
    {
      unloadMs: config.roomUnloadMs,
      compactEvery: config.compactEvery,
      quotaBytes: config.boardQuotaBytes,
      metrics: metrics.board,
      onPrivateCount: (ref, count) => privateCounts.report(ref.sessionId, ref.owner!, count),
    },
    relay,
  );
  const privateCounts = new PrivateCounts(store, (id, current) => control?.sessionStateChanged(id, current), log);
  const boards = new SessionBoards(rooms, store);
  const snapshots = new Snapshots(rooms, store);
  const GONE = 'This session was deleted.';
  /** Lets go of everything this node holds of an erased session: sockets, rooms, runtime. */
  const forgetSession = async (sessionId: string) => {
    control?.closeSession(sessionId, GONE);
    await rooms!.evict(sessionId, CLOSE_CODES.unauthorized, GONE);
    await runtimes.forget(sessionId, CLOSE_CODES.unauthorized, GONE);
    activity.forget(sessionId);
  };
  /** Erases a session from the store, then from this node and every other. */
  const erase = async (sessionId: string) => {
    const erased = await store.eraseSession(sessionId);
    await forgetSession(sessionId);
    control?.announceErased(sessionId);
    return erased;
  };
  const sweep = new RetentionSweep(store, erase, log, now, config.retentionSweepMs);
  // 4 MiB unread per board socket (a whole board's first sync may still go out at once); under
  // pressure across the process, a socket already holding 256 KiB is the one cut off.
  const outbound = new OutboundBudget(4 * 1024 * 1024, config.unreadBytesPerProcess, 256 * 1024);
  const app = createApp(
    config,
    store,
    log,
    {
      authenticate: hooks.authenticate,
      onParticipantJoined: (id) => control?.participantJoined(id),
      onSessionStateChanged: (id, current) => control?.sessionStateChanged(id, current),
      async readiness() {
        const storeOk = await store.ping().then(
          () => true,
          () => false,
        );
        const redisOk = redis && relay ? redis.status === 'ready' && relay.isConnected() : null;
        return {
          ready: storeOk && redisOk !== false && !draining,
          store: storeOk ? 'ok' : 'unreachable',
          redis: redisOk === null ? 'not used' : redisOk ? 'ok' : 'unreachable',
          draining,
        };
      },
      ...(config.metrics ? { metrics: () => metrics.render() } : {}),
      outcomes: { snapshots, erase, onActivity: (id) => activity.touch(id), now },
    },
    redis,
  );
  const http = createServer(app);
  const trust = compileTrust(config.trustProxy);
  board = attachBoardEndpoint(http, {
    store,
    hooks,
    rooms,
    runtimes,
    outbound,
    log,
    originAllowed: (req) => isAllowedOrigin(req.headers, config),
    addressOf: (req) => clientAddress(req, trust),
  });
  control = attachControlPlane(http, {
    store,
    boards,
    snapshots,
    onActivity: (id) => activity.touch(id),
    onErasedElsewhere: (id) => void forgetSession(id).catch((err: unknown) => log.error({ err, sessionId: id }, 'forgetting an erased session failed')),
    hooks,
    runtimes,
    log,
    config,
    redis,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  sweep.start();

  let closing: Promise<void> | null = null;
  return {
    port,
    rooms,
    runtimes,
    store,
    sweepRetention: () => sweep.sweep(),
    close() {
      closing ??= (async () => {
        draining = true;
        sweep.stop();
        board.close();
        control!.drain();
        await control!.close();
        await rooms.closeAll();
        await privateCounts.flush();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        await relay?.close();
        await redis?.quit().catch(() => redis.disconnect());
        await store.close();
      })();
      return closing;
    },
  };
}
