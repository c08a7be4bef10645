import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterSpec {
  /** Names the counter; with Redis, its keys are `<prefix>:<name>:<key>`. */
  name: string;
  points: number;
  durationMs: number;
}

/**
 * A counter of points per key and window: in Redis when several nodes share it, so that a limit
 * counts every node's requests, else in this process's memory. With Redis out of reach, a
 * counter of this node's own takes over rather than letting everything through or nothing.
 */
export function sharedLimiter(spec: LimiterSpec, redis: Redis | null, prefix: string): RateLimiterAbstract {
  const duration = Math.max(1, Math.ceil(spec.durationMs / 1000));
  const memory = new RateLimiterMemory({ points: spec.points, duration, keyPrefix: spec.name });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points: spec.points,
    duration,
    keyPrefix: `${prefix}:${spec.name}`,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
