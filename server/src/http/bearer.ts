import type { Request } from 'express';

/** The token of an `Authorization: Bearer <token>` header; null without one. */
export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}
