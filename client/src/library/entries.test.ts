import { describe, expect, it } from 'vitest';
import { getTemplate, type SnapshotSummary } from '@balcony/shared';
import { chainsOf, compareWithPreviousHref, matchesFilter, resultWords, templateChoices, type LibraryEntry, type SessionFacts } from './entries';

const circle = getTemplate('what-works-circle');
const web = getTemplate('cultural-web');
const DAY = 86_400_000;

const snap = (id: string, takenAt: number): SnapshotSummary => ({ snapshotId: id, takenAt, reason: 'end', phaseId: 'close', final: true });

function entry(sessionId: string, facts: Partial<SessionFacts> | null, savedAt = 0): LibraryEntry {
  return {
    sessionId,
    access: 'facilitated',
    token: `t-${sessionId}`,
    storedTitle: `kept ${sessionId}`,
    savedAt,
    status: facts
      ? {
          kind: 'ready',
          facts: { title: sessionId, template: circle, createdAt: 0, endedAt: null, openActions: 0, previousSessionId: null, followUps: [], snapshots: [], ownName: null, ...facts },
        }
      : { kind: 'loading' },
  };
}

const ids = (chains: LibraryEntry[][]) => chains.map((c) => c.map((e) => e.sessionId));

describe('chains of follow-ups', () => {
  it('reads a chain oldest first and lists chains newest first by their latest session', () => {
    const chains = chainsOf([
      entry('march', { createdAt: 3 * DAY, previousSessionId: 'feb' }),
      entry('alone', { createdAt: 2.5 * DAY }),
      entry('jan', { createdAt: 1 * DAY, followUps: [{ sessionId: 'feb', title: 'feb', createdAt: 2 * DAY }] }),
      entry('feb', { createdAt: 2 * DAY, previousSessionId: 'jan' }),
    ]);
    expect(ids(chains)).toEqual([['jan', 'feb', 'march'], ['alone']]);
  });

  it('links through follow-ups alone, as when the later session is still loading', () => {
    const chains = chainsOf([entry('jan', { createdAt: DAY, followUps: [{ sessionId: 'feb', title: 'feb', createdAt: 2 * DAY }] }), entry('feb', null, 5 * DAY)]);
    expect(ids(chains)).toEqual([['jan', 'feb']]);
  });

  it('leaves out links to sessions this browser does not know', () => {
    const chains = chainsOf([entry('feb', { createdAt: 2 * DAY, previousSessionId: 'erased' }), entry('other', { createdAt: DAY })]);
    expect(ids(chains)).toEqual([['feb'], ['other']]);
  });
});

describe('search and filter', () => {
  const entries = [entry('a', { title: 'Équipe  Nord, March' }), entry('b', { title: 'Team culture', template: web }), entry('c', null)];

  it('finds a title by its words, in any case and without accents', () => {
    expect(entries.filter((e) => matchesFilter(e, { query: 'equipe nord', templateId: null })).map((e) => e.sessionId)).toEqual(['a']);
    // Until the server answers, the title this browser kept is searched.
    expect(entries.filter((e) => matchesFilter(e, { query: 'KEPT', templateId: null })).map((e) => e.sessionId)).toEqual(['c']);
  });

  it('filters by template, offering each template once', () => {
    expect(entries.filter((e) => matchesFilter(e, { query: '', templateId: 'cultural-web' })).map((e) => e.sessionId)).toEqual(['b']);
    expect(templateChoices([...entries, entry('d', {})]).map((t) => t.id)).toEqual(['cultural-web', 'what-works-circle']);
  });

  it('counts what it shows', () => {
    expect(resultWords(3, 3)).toBe('3 sessions');
    expect(resultWords(1, 3)).toBe('1 session of 3 match');
    expect(resultWords(0, 3)).toBe('No sessions match, of 3');
  });
});

describe('compare with the session before', () => {
  it('names both newest snapshots, and nothing when either is missing', () => {
    const jan = entry('jan', { snapshots: [snap('j1', 1), snap('j2', 2)] });
    const feb = entry('feb', { previousSessionId: 'jan', snapshots: [snap('f1', 3)] });
    const byId = new Map([jan, feb].map((e) => [e.sessionId, e]));
    expect(compareWithPreviousHref(feb, byId)).toBe('/compare?a=jan.j2&b=feb.f1');
    expect(compareWithPreviousHref(jan, byId)).toBeNull();
    const bare = entry('feb', { previousSessionId: 'jan' });
    expect(compareWithPreviousHref(bare, byId)).toBeNull();
    expect(compareWithPreviousHref(feb, new Map([['feb', feb]]))).toBeNull();
  });
});
