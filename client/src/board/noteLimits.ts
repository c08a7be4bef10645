import { LIMITS } from '@balcony/shared';

/**
 * What the note editor says about its length limit. Nothing until the note is close to full;
 * then how much room is left, announced only when a step is crossed so that a screen reader is
 * not read a number on every key.
 */

const MAX = LIMITS.noteTextMax;
/** The counter shows from this many characters left. */
export const COUNTER_FROM = 200;
/** Remaining counts at which the counter is announced. */
const ANNOUNCE_AT = [200, 100, 50, 20, 0];

const count = (n: number) => n.toLocaleString('en-GB');

export function noteFull(): string {
  return `This note is full: a note holds ${count(MAX)} characters.`;
}

/** The visible counter, or null while there is plenty of room. */
export function roomLeft(length: number): string | null {
  const left = MAX - length;
  if (left > COUNTER_FROM) return null;
  if (left <= 0) return `Full: ${count(MAX)} of ${count(MAX)} characters`;
  return `${count(left)} ${left === 1 ? 'character' : 'characters'} left`;
}

/** What to announce now, or null: only when the length has just crossed one of the steps. */
export function roomLeftAnnouncement(before: number, after: number): string | null {
  const leftBefore = MAX - before;
  const leftAfter = MAX - after;
  const step = ANNOUNCE_AT.find((n) => leftAfter <= n && leftBefore > n);
  if (step === undefined) return null;
  return leftAfter <= 0 ? noteFull() : `${count(leftAfter)} ${leftAfter === 1 ? 'character' : 'characters'} left in this note.`;
}

/** What to say when a paste or a drop did not fit: how much was left out. */
export function cutMessage(cut: number): string {
  return `Only part of that fitted: a note holds ${count(MAX)} characters, so the last ${count(cut)} were left out.`;
}
