import { describe, expect, it } from 'vitest';
import { summarise } from './announcer';

describe('summarise', () => {
  it('reads a few changes out one by one', () => {
    expect(summarise([{ text: 'Amara added a note to Stories.', actor: 'Amara' }])).toBe('Amara added a note to Stories.');
  });

  it('sums up a busy moment instead of flooding the screen reader', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ text: `x${i}`, actor: i % 2 ? 'Ben' : 'Amara' }));
    expect(summarise(items)).toBe('5 changes on the board by Amara and Ben.');
  });
});
