import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; only the hash is stored, so a copy of the database grants no access. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
