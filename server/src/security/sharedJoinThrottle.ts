import type { Redis } from 'ioredis';
import { sharedLimiter } from '../limits/sharedLimiter.js';
import { backoffAfter, type JoinThrottleOptions, type JoinThrottling, type JoinVerdict } from './joinThrottle.js';

/**
 * The join throttle of JoinThrottle, counted in Redis so that every node sees the same wrong
 * codes: a guesser spreading tries over the nodes waits as long as one who sticks to one.
 */
export class SharedJoinThrottle implements JoinThrottling {
  private readonly failures;
  private readonly waits;
  private readonly addresses;

  constructor(
    private readonly opts: Omit<JoinThrottleOptions, 'now'>,
    redis: Redis,
    prefix: string,
  ) {
    this.failures = sharedLimiter({ name: 'join-failures', points: Number.MAX_SAFE_INTEGER, durationMs: opts.windowMs }, redis, prefix);
    this.waits = sharedLimiter({ name: 'join-wait', points: 1, durationMs: opts.backoffMaxMs }, redis, prefix);
    this.addresses = sharedLimiter({ name: 'join-address', points: opts.addressLimit, durationMs: opts.windowMs }, redis, prefix);
  }

  async check(clientId: string, address: string): Promise<JoinVerdict> {
    const [wait, addr] = await Promise.all([this.waits.get(clientId), this.addresses.get(address)]);
    if (wait && wait.consumedPoints > 1) return { ok: false, by: 'client', retryAfterMs: wait.msBeforeNext };
    if (addr && addr.consumedPoints >= this.opts.addressLimit) return { ok: false, by: 'address', retryAfterMs: addr.msBeforeNext };
    return { ok: true };
  }

  async wrongCode(clientId: string, address: string): Promise<void> {
    const [failed] = await Promise.all([this.failures.penalty(clientId, 1), this.addresses.penalty(address, 1)]);
    const waitMs = backoffAfter(failed.consumedPoints, this.opts);
    // block() holds the key over its points for that long: check() reads that as a wait.
    if (waitMs > 0) await this.waits.block(clientId, Math.max(1, Math.round(waitMs / 1000)));
  }

  async joined(clientId: string): Promise<void> {
    await Promise.all([this.failures.delete(clientId), this.waits.delete(clientId)]);
  }
}
