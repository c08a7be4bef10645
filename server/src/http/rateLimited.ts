import type { RequestHandler } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Lets a request through while its address has points left in `limiter`, one point a request,
 * and says so in the RateLimit headers (IETF draft 8); past that, `refuse` answers it, with
 * Retry-After. A limiter that fails lets the request through: a broken counter must not lock
 * everyone out, and the failure is reported.
 */
export function rateLimited(limiter: RateLimiterAbstract, refuse: RequestHandler, onError: (err: unknown) => void): RequestHandler {
  const windowS = limiter.duration;
  return async (req, res, next) => {
    try {
      const used = await limiter.consume(req.ip ?? '');
      res.set('RateLimit-Policy', `"default";q=${limiter.points};w=${windowS}`);
      res.set('RateLimit', `"default";r=${used.remainingPoints};t=${Math.ceil(used.msBeforeNext / 1000)}`);
      next();
    } catch (rejected) {
      if (rejected instanceof Error) {
        onError(rejected);
        return next();
      }
      const r = rejected as { msBeforeNext: number };
      const seconds = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
      res.set('RateLimit-Policy', `"default";q=${limiter.points};w=${windowS}`);
      res.set('RateLimit', `"default";r=0;t=${seconds}`);
      res.set('Retry-After', String(seconds));
      refuse(req, res, next);
    }
  };
}
