import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { openSqliteStore } from './store/sqliteStore.js';
import type { Store } from './store/types.js';
import { RoomManager } from './yjs/roomManager.js';
import { attachBoardEndpoint } from './yjs/boardEndpoint.js';
import { attachControlPlane } from './control/controlPlane.js';

export interface RunningServer {
  port: number;
  rooms: RoomManager;
  store: Store;
  /** Stops accepting, flushes and compacts every room, frees every document, closes the store. */
  close(): Promise<void>;
}

/** Composes the server's parts in one place: store, HTTP API, board endpoint, control plane. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const store = openSqliteStore(config.dataDir);
  const rooms = new RoomManager(store, log, { unloadMs: config.roomUnloadMs, compactEvery: config.compactEvery });
  let control: ReturnType<typeof attachControlPlane> | null = null;
  const app = createApp(config, store, log, { onParticipantJoined: (id) => control?.participantJoined(id) });
  const http = createServer(app);
  const board = attachBoardEndpoint(http, store, rooms, log);
  control = attachControlPlane(http, store, log);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    port,
    rooms,
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
