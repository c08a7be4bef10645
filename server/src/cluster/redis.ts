import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A Redis connection that retries for ever and logs its errors rather than throwing them: a
 * Redis that is away makes the node unready, never takes the process down.
 */
export function openRedis(url: string, name: string, log: Logger, options: { offlineQueue?: boolean } = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: options.offlineQueue ?? true });
  client.on('error', (err: Error) => log.warn({ err: err.message, client: name }, 'redis error'));
  return client;
}
