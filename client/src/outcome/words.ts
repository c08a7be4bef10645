import type { Action, ActionStatus, Retention, SnapshotReason } from '@balcony/shared';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A calendar date ('YYYY-MM-DD') as people write it: "2 March 2027". Read as the date it names,
 * never through a time zone, so that a due date never moves a day.
 */
export function dayWords(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : isoDate;
}

/** An instant as a date on this device's calendar: "2 March 2027". */
export function dateWords(ms: number): string {
  const d = new Date(ms);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** An instant as a date and a time of day on this device: "2 March 2027, 14:05". */
export function dateTimeWords(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${dateWords(ms)}, ${hh}:${mm}`;
}

export const STATUS_WORDS: Record<ActionStatus, string> = { open: 'Open', done: 'Done', dropped: 'Dropped' };

export const REASON_WORDS: Record<SnapshotReason, string> = {
  phase: 'Phase finished',
  manual: 'Taken by the facilitator',
  end: 'Session ended',
};

/** "Kept until 2 March 2027 — 90 days after the last activity". */
export function retentionWords(r: Retention): string {
  const days = r.days === 1 ? '1 day' : `${r.days} days`;
  return `Kept until ${dateWords(r.expiresAt)} — ${days} after the last activity`;
}

/** When a session would run out if kept this many days after its last activity. */
export function expiryAfter(lastActivityAt: number, days: number): number {
  return lastActivityAt + days * 24 * 60 * 60 * 1000;
}

/** Who owns an action, in words. */
export function ownerWords(owner: Action['owner'], names: ReadonlyMap<string, string>, me: string): string {
  if (owner === null) return 'No one yet';
  if (owner.kind === 'name') return owner.name;
  if (owner.participantId === me) return 'You';
  return names.get(owner.participantId) ?? 'Someone who left';
}
