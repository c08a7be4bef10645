import type { RequestHandler } from 'express';
import { ApiError } from './apiError.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Every body the API reads is JSON, and saying so is required. A form post or a text/plain fetch
 * from another site is then refused outright (it cannot set this type without a CORS preflight,
 * which this server never grants) instead of being read or silently treated as empty.
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!WITH_BODY.has(req.method)) return next();
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return next();
  next(new ApiError('unsupported_media_type', 'The request body must be JSON, sent with Content-Type: application/json.'));
};
