import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A random id for one browser, so that the one that keeps typing wrong codes can be slowed down
 * without slowing down everyone behind the same address. It says nothing about the person, lives
 * only until the browser closes, is never stored, and is read only by the API (httpOnly, /api).
 */
export const CLIENT_COOKIE = 'balcony_client';
const CLIENT_ID = /^[A-Za-z0-9_-]{22}$/;

function readClientId(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== CLIENT_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return CLIENT_ID.test(value) ? value : null;
  }
  return null;
}

/**
 * The browser's id, issuing one with this response when it has none yet: a first wrong code then
 * already counts for the id the browser will send next time.
 */
export function clientIdOf(req: Request, res: Response): string {
  const known = readClientId(req);
  if (known) return known;
  const id = randomBytes(16).toString('base64url');
  res.cookie(CLIENT_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/api', secure: req.secure });
  return id;
}
