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

export interface RunningServer {
  port: number;
  rooms: RoomManager;
  runtimes: RuntimeRegistry;
  store: Store;
  /** Stops accepting, flushes and compacts every room, frees every document, closes the store. */
  close(): Promise<void>;
}

/** Composes the server's parts in one place: store, HTTP API, board endpoint, control plane. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const store = await openStore(config);
  const rooms = new RoomManager(store, log, {
    unloadMs: config.roomUnloadMs,
    compactEvery: config.compactEvery,
    quotaBytes: config.boardQuotaBytes,
  });
  const runtimes = new RuntimeRegistry(store, {
    perParticipant: config.maxSocketsPerParticipant,
    perSession: config.maxSocketsPerSession,
    perAddress: config.maxSocketsPerAddress,
  });
  // 4 MiB unread per board socket (a whole board's first sync may still go out at once); under
  // pressure across the process, a socket already holding 256 KiB is the one cut off.
  const outbound = new OutboundBudget(4 * 1024 * 1024, config.unreadBytesPerProcess, 256 * 1024);
  let control: ReturnType<typeof attachControlPlane> | null = null;
  const app = createApp(config, store, log, { onParticipantJoined: (id) => control?.participantJoined(id) });
  const http = createServer(app);
  const board = attachBoardEndpoint(http, {
    store,
    rooms,
    runtimes,
    outbound,
    log,
    originAllowed: (req) => isAllowedOrigin(req.headers, config),
  });
  control = attachControlPlane(http, { store, runtimes, log, config });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    port,
    rooms,
    runtimes,
    store,
    close() {
      closing ??= (async () => {
        board.close();
        await control!.close();
        await rooms.closeAll();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        await store.close();
      })();
      return closing;
    },
  };
}
