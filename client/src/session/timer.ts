import { timeLeftMs, type TimerState } from '@balcony/shared';

/** What the timer shows: time left as mm:ss, or that it is up. */
export interface TimerView {
  /** `04:32`, or `Time's up`. */
  text: string;
  /** The same for a screen reader: "4 minutes 32 seconds left". */
  spoken: string;
  up: boolean;
  running: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The timer at a server time. Seconds count up to the next whole one, so that 0:00 is never shown
 * while time is left; once none is, it says so and stays put instead of counting on below zero.
 */
export function timerView(timer: TimerState, serverNow: number): TimerView {
  const left = timeLeftMs(timer, serverNow);
  if (left <= 0) return { text: "Time's up", spoken: "Time's up", up: true, running: timer.running };
  const total = Math.ceil(left / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const text = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  const spoken = `${[m > 0 ? plural(m, 'minute') : '', s > 0 || m === 0 ? plural(s, 'second') : ''].filter(Boolean).join(' ')} left`;
  return { text, spoken, up: false, running: timer.running };
}

/** Milliseconds until the shown second changes, so that a ticking display wakes only then. */
export function msToNextSecond(timer: TimerState, serverNow: number): number {
  const left = timeLeftMs(timer, serverNow);
  if (!timer.running || left <= 0) return Infinity;
  const into = left % 1000;
  return (into === 0 ? 1000 : into) + 5;
}
