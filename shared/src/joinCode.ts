/** Letters and digits that cannot be mistaken for one another when read off a projector. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

const validCode = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** What a person typed, as the code it stands for: any case, spaces and hyphens ignored. */
export function normalizeJoinCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

export function isJoinCode(code: string): boolean {
  return validCode.test(code);
}

/**
 * A code from random bytes (one byte per character). Rejection sampling keeps every
 * character equally likely: bytes at or above the largest multiple of the alphabet size are skipped.
 */
export function joinCodeFromBytes(bytes: Uint8Array): string | null {
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    code += JOIN_CODE_ALPHABET[b % n];
    if (code.length === JOIN_CODE_LENGTH) return code;
  }
  return null;
}

/** Groups a code as ABC-DEF for reading aloud; normalizeJoinCode undoes it. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}
