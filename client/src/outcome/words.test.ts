import { describe, expect, it } from 'vitest';
import { dateTimeWords, dateWords, dayWords, expiryAfter, ownerWords, retentionWords } from './words';

describe('dayWords', () => {
  it('writes a due date as people do, without a time zone moving it', () => {
    expect(dayWords('2027-03-02')).toBe('2 March 2027');
    expect(dayWords('2026-12-31')).toBe('31 December 2026');
  });

  it('leaves what is not a date as it came', () => {
    expect(dayWords('soon')).toBe('soon');
    expect(dayWords('2026-13-01')).toBe('2026-13-01');
  });
});

describe('dates of instants', () => {
  it('says the day and the time on this device', () => {
    const at = new Date(2026, 4, 7, 9, 5).getTime();
    expect(dateWords(at)).toBe('7 May 2026');
    expect(dateTimeWords(at)).toBe('7 May 2026, 09:05');
  });
});

describe('retentionWords', () => {
  it('says until when and why', () => {
    const last = new Date(2026, 11, 2, 12).getTime();
    const expiresAt = expiryAfter(last, 90);
    expect(retentionWords({ days: 90, lastActivityAt: last, expiresAt })).toBe('Kept until 2 March 2027 — 90 days after the last activity');
  });

  it('says one day in the singular', () => {
    const last = new Date(2026, 0, 1, 12).getTime();
    expect(retentionWords({ days: 1, lastActivityAt: last, expiresAt: expiryAfter(last, 1) })).toBe('Kept until 2 January 2026 — 1 day after the last activity');
  });
});

describe('ownerWords', () => {
  const names = new Map([['p-amara', 'Amara']]);
  it('names the owner, or says there is none', () => {
    expect(ownerWords({ kind: 'participant', participantId: 'p-amara' }, names, 'p-ben')).toBe('Amara');
    expect(ownerWords({ kind: 'participant', participantId: 'p-ben' }, names, 'p-ben')).toBe('You');
    expect(ownerWords({ kind: 'name', name: 'Dee' }, names, 'p-ben')).toBe('Dee');
    expect(ownerWords(null, names, 'p-ben')).toBe('No one yet');
    expect(ownerWords({ kind: 'participant', participantId: 'p-gone' }, names, 'p-ben')).toBe('Someone who left');
  });
});
