import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = configFromEnv(process.env, rootDir);
const log = createLogger(config.logLevel);

// A failure in one request or socket is logged, never allowed to take every session down with it.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

const server = await startServer(config, log);
log.info({ port: server.port, dataDir: config.dataDir }, 'listening');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
