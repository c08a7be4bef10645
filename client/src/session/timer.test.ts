import { describe, expect, it } from 'vitest';
import { msToNextSecond, timerView } from './timer';
import { offsetFrom } from './serverClock';

const running = (endsAt: number) => ({ endsAt, remainingMs: 0, running: true });

describe('timerView', () => {
  it('shows a stopped timer as the time it holds', () => {
    expect(timerView({ endsAt: null, remainingMs: 5 * 60_000, running: false }, 0)).toMatchObject({ text: '05:00', running: false, up: false });
  });

  it('counts a running timer from its end, in the server clock', () => {
    expect(timerView(running(100_000), 100_000 - 272_000).text).toBe('04:32');
    expect(timerView(running(100_000), 100_000 - 272_000).spoken).toBe('4 minutes 32 seconds left');
  });

  it('never shows 00:00 while time is left, and says time is up, without counting below zero', () => {
    expect(timerView(running(10_000), 9_999).text).toBe('00:01');
    expect(timerView(running(10_000), 10_000)).toMatchObject({ text: "Time's up", up: true });
    expect(timerView(running(10_000), 70_000).text).toBe("Time's up");
  });

  it('speaks whole minutes without "0 seconds"', () => {
    expect(timerView({ endsAt: null, remainingMs: 60_000, running: false }, 0).spoken).toBe('1 minute left');
  });
});

describe('msToNextSecond', () => {
  it('wakes just after the shown second changes', () => {
    expect(msToNextSecond(running(10_000), 8_700)).toBe(305);
  });

  it('sleeps while paused or up', () => {
    expect(msToNextSecond({ endsAt: null, remainingMs: 1_000, running: false }, 0)).toBe(Infinity);
    expect(msToNextSecond(running(10_000), 11_000)).toBe(Infinity);
  });
});

describe('offsetFrom', () => {
  it('takes the server clock at the middle of the shortest round trip', () => {
    const samples = [
      { t0: 1_000, now: 61_400, t1: 1_800 },
      { t0: 2_000, now: 62_050, t1: 2_100 },
    ];
    expect(offsetFrom(samples)).toBe(60_000);
  });

  it('has nothing to say without an answer', () => {
    expect(offsetFrom([])).toBeNull();
  });
});
