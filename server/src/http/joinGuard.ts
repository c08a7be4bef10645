import type { RequestHandler } from 'express';
import type { JoinThrottle } from '../security/joinThrottle.js';
import { clientIdOf } from '../security/clientId.js';
import { ApiError } from './apiError.js';

/** `res.locals.errorCode`: the code of the error the API answered with, set by its error handler. */
export const ERROR_CODE_LOCAL = 'errorCode';

function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/**
 * Puts `POST /api/join` behind the join throttle: the browser (by its cookie) and the address
 * are checked before the body is looked at, and only an `unknown_code` answer counts against
 * them. A malformed body, a closed or full session, or a refused attempt counts for nothing.
 */
export function joinGuard(throttle: JoinThrottle): RequestHandler {
  return (req, res, next) => {
    const clientId = clientIdOf(req, res);
    const address = req.ip ?? '';
    const verdict = throttle.check(clientId, address);
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      res.set('Retry-After', String(seconds));
      const message =
        verdict.by === 'client'
          ? `That was several wrong codes in a row. Wait ${waitWords(seconds)}, then try again.`
          : `Too many wrong codes have come from your network. Wait ${waitWords(seconds)}, then try again.`;
      return next(new ApiError('rate_limited', message));
    }
    res.once('finish', () => {
      if (res.locals[ERROR_CODE_LOCAL] === 'unknown_code') throttle.wrongCode(clientId, address);
      else if (res.statusCode === 201) throttle.joined(clientId);
    });
    next();
  };
}
