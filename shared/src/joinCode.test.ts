import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, formatJoinCode, isJoinCode, joinCodeFromBytes, normalizeJoinCode } from './joinCode.js';

describe('join codes', () => {
  it('ignores case, spaces and hyphens in what is typed', () => {
    expect(normalizeJoinCode(' abc-d ef ')).toBe('ABCDEF');
    expect(normalizeJoinCode('k7m - 2pq')).toBe('K7M2PQ');
  });

  it('only accepts six characters of the unambiguous alphabet', () => {
    expect(isJoinCode('K7M2PQ')).toBe(true);
    expect(isJoinCode('K7M2P')).toBe(false);
    expect(isJoinCode('K7M2PQR')).toBe(false);
    for (const confusable of ['O', '0', 'I', '1', 'L']) expect(isJoinCode(`K7M2P${confusable}`)).toBe(false);
  });

  it('builds codes from random bytes without bias', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const code = joinCodeFromBytes(globalThis.crypto.getRandomValues(new Uint8Array(16)));
      expect(code).not.toBeNull();
      expect(isJoinCode(code!)).toBe(true);
      for (const ch of code!) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    // 18000 characters over 31 letters: about 580 each.
    for (const n of counts.values()) expect(n).toBeGreaterThan(400);
  });

  it('skips bytes that would bias the draw and says when it ran out', () => {
    expect(joinCodeFromBytes(new Uint8Array([255, 255, 255, 0, 1, 2, 3, 4, 5]))).toBe('ABCDEF');
    expect(joinCodeFromBytes(new Uint8Array([0, 1, 255]))).toBeNull();
  });

  it('formats a code for reading aloud and reads it back', () => {
    expect(formatJoinCode('K7M2PQ')).toBe('K7M-2PQ');
    expect(normalizeJoinCode(formatJoinCode('K7M2PQ'))).toBe('K7M2PQ');
  });
});
