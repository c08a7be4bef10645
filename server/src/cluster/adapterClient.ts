import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Commands the control plane's adapter sends without waiting for their answer. */
const UNAWAITED = new Set<PropertyKey>(['set', 'publish', 'spublish']);

/**
 * The Redis client the Socket.io adapter is given. The adapter stores a socket's recovery state
 * and publishes some messages without waiting for the reply; when Redis is away, or the
 * connection is already closed because the node is shutting down, those commands reject with
 * nobody to hear it. Here such a failure is logged instead of left unhandled.
 */
export function adapterClient(redis: Redis, log: Logger): Redis {
  return new Proxy(redis, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!UNAWAITED.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        const sent = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return sent.catch((err: unknown) => {
          log.warn({ err: (err as Error).message, command: String(prop) }, 'redis command from the control adapter failed');
          return undefined;
        });
      };
    },
  });
}
