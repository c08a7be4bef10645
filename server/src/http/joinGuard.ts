import type { Request, RequestHandler, Response } from 'express';
import type { JoinThrottling } from '../security/joinThrottle.js';
import { clientIdOf } from '../security/clientId.js';
import { ApiError } from './apiError.js';


function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** `res.locals.joinClientId`: the browser the join guard checked, for `countJoin`. */
const JOIN_CLIENT_LOCAL = 'joinClientId';

/**
 * Puts `POST /api/join` behind the join throttle: the browser (by its cookie) and the address
 * are checked before the body is looked at. The route reports how the attempt ended with
 * `countJoin`, before it answers, so the next attempt (on any node) already sees it.
 */
export function joinGuard(throttle: JoinThrottling): RequestHandler {
  return async (req, res, next) => {
    const clientId = clientIdOf(req, res);
    res.locals[JOIN_CLIENT_LOCAL] = clientId;
    let verdict;
    try {
      verdict = await throttle.check(clientId, req.ip ?? '');
    } catch (err) {
      return next(err);
    }
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      res.set('Retry-After', String(seconds));
      const message =
        verdict.by === 'client'
          ? `That was several wrong codes in a row. Wait ${waitWords(seconds)}, then try again.`
          : `Too many wrong codes have come from your network. Wait ${waitWords(seconds)}, then try again.`;
      return next(new ApiError('rate_limited', message));
    }
    next();
  };
}

/**
 * Counts a join attempt's outcome: only a code that no session runs counts against the browser
 * and the address; getting in forgives the browser its earlier typos. A malformed body, a closed
 * or full session counts for nothing.
 */
export async function countJoin(throttle: JoinThrottling, req: Request, res: Response, outcome: 'joined' | unknown): Promise<void> {
  const clientId = res.locals[JOIN_CLIENT_LOCAL] as string;
  if (outcome === 'joined') await throttle.joined(clientId);
  else if (outcome instanceof ApiError && outcome.code === 'unknown_code') await throttle.wrongCode(clientId, req.ip ?? '');
}
