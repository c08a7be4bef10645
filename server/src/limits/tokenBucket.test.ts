import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket.js';

describe('TokenBucket', () => {
  it('lets a burst through, then refills at its rate and never past the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 500;
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000;
    expect(bucket.take(20)).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('takes nothing when a request is larger than what is left', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 10, () => now);
    expect(bucket.take(8)).toBe(true);
    expect(bucket.take(5)).toBe(false);
    expect(bucket.take(2)).toBe(true);
  });
});
