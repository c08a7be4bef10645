import { describe, expect, it } from 'vitest';
import { JoinThrottle } from './joinThrottle.js';

function throttle(overrides: Partial<ConstructorParameters<typeof JoinThrottle>[0]> = {}) {
  let now = 1_000_000;
  const t = new JoinThrottle({ freeFailures: 3, backoffMs: 2_000, backoffMaxMs: 60_000, addressLimit: 1_000, windowMs: 300_000, now: () => now, ...overrides });
  return { t, advance: (ms: number) => (now += ms) };
}

describe('JoinThrottle', () => {
  it('gives a browser three free wrong codes, then waits that double up to a ceiling', () => {
    const { t, advance } = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      expect(t.check('b', 'addr').ok).toBe(true);
      t.wrongCode('b', 'addr');
      const verdict = t.check('b', 'addr');
      waits.push(verdict.ok ? 0 : verdict.retryAfterMs);
      advance(waits.at(-1)!);
    }
    expect(waits).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
  });

  it('slows down only the failing browser, and forgives it once it gets in', () => {
    const { t } = throttle();
    for (let i = 0; i < 4; i++) t.wrongCode('typo', 'room');
    expect(t.check('typo', 'room')).toMatchObject({ ok: false, by: 'client' });
    expect(t.check('colleague', 'room').ok).toBe(true);
    t.joined('typo');
    expect(t.check('typo', 'room').ok).toBe(true);
  });

  it('stops an address at its limit until the window ends', () => {
    const { t, advance } = throttle({ addressLimit: 5 });
    for (let i = 0; i < 5; i++) t.wrongCode(`browser-${i}`, 'room');
    expect(t.check('new', 'room')).toMatchObject({ ok: false, by: 'address', retryAfterMs: 300_000 });
    expect(t.check('new', 'elsewhere').ok).toBe(true);
    advance(300_000);
    expect(t.check('new', 'room').ok).toBe(true);
  });

  it('forgets a browser\'s wrong codes a window after the last one', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 3; i++) t.wrongCode('b', 'addr');
    advance(300_000);
    t.wrongCode('b', 'addr');
    expect(t.check('b', 'addr').ok).toBe(true);
  });
});
