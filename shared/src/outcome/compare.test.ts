import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, initBoardMeta, moveNote, setNoteText } from '../board/document.js';
import { carriedActions, changedAction, newAction, reviewedAction, type Action } from '../actions.js';
import { initialSessionState } from '../sessionState.js';
import { getTemplate } from '../templates/index.js';
import { followUpTemplate } from '../templates/followUp.js';
import type { Template } from '../templates/format.js';
import { deriveOutcome } from './derive.js';
import { outcomeRecordSchema, type OutcomeRecord } from './record.js';
import { compareRecords, normaliseText, textSimilarity, zoneColumns, type RecordComparison, type ZoneComparison } from './compare.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0);
const MIN = 60_000;
const web = getTemplate('cultural-web');
const people = [
  { id: 'fay', name: 'Fay', role: 'facilitator' as const },
  { id: 'amara', name: 'Amara', role: 'participant' as const },
];

type Spec = { id: string; text: string; zone: string; x?: number; y?: number };

function boardOf(specs: readonly Spec[]): Y.Doc {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  specs.forEach((s, i) => addNote(doc, { id: s.id, text: s.text, zone: s.zone, x: s.x ?? 0.5, y: s.y ?? 0.1 * (i + 1), color: '#FFE98F', authorId: 'amara', createdAt: T0 + i }));
  return doc;
}

/** A record derived as the server derives a snapshot's, checked against the schema it is stored under. */
function recordOf(board: Y.Doc, opts: { sessionId?: string; template?: Template; actions?: Action[]; takenAt?: number; previousSessionId?: string | null } = {}): OutcomeRecord {
  const template = opts.template ?? web;
  const record = deriveOutcome({
    session: { id: opts.sessionId ?? 's1', title: 'Team web', createdAt: T0, previousSessionId: opts.previousSessionId ?? null },
    template,
    board,
    state: { ...initialSessionState(template, 'fay', false, T0), roles: { fay: 'facilitator', amara: 'participant' }, actions: opts.actions ?? [] },
    people,
    takenAt: opts.takenAt ?? T0 + 30 * MIN,
  });
  return outcomeRecordSchema.parse(record);
}

function compared(before: OutcomeRecord, after: OutcomeRecord): RecordComparison {
  const result = compareRecords(before, after);
  if (!result.ok) throw new Error(result.message);
  return result.comparison;
}

function zone(c: RecordComparison, zoneId: string): ZoneComparison {
  const z = c.frames.flatMap((f) => f.zones).find((x) => x.zone.zoneId === zoneId);
  if (!z) throw new Error(`no zone ${zoneId}`);
  return z;
}

const FIRST: Spec[] = [
  { id: 'n-stories', text: 'Heroes stay late', zone: 'stories' },
  { id: 'n-rituals', text: 'Monday huddle', zone: 'rituals' },
  { id: 'n-symbols', text: 'Open-plan office', zone: 'symbols' },
  { id: 'n-power', text: 'Decisions made by the head of service', zone: 'power' },
  { id: 'n-controls', text: 'Targets checked every week', zone: 'controls' },
];

describe('compareRecords, between two snapshots of one session', () => {
  const board = boardOf(FIRST);
  const before = recordOf(board, { takenAt: T0 + 10 * MIN });
  addNote(board, { id: 'n-new', text: 'Lunch together on Fridays', zone: 'rituals', x: 0.5, y: 0.9, color: '#FFE98F', authorId: 'amara', createdAt: T0 + 20 * MIN });
  deleteNote(board, 'n-symbols');
  moveNote(board, 'n-power', { zone: 'structures', x: 0.5, y: 0.5 });
  setNoteText(board, 'n-controls', 'Targets checked every month');
  const after = recordOf(board, { takenAt: T0 + 40 * MIN });
  const c = compared(before, after);

  it('finds the note added, in its zone', () => {
    expect(zone(c, 'rituals').added.map((a) => a.after.text)).toEqual(['Lunch together on Fridays']);
    expect(zone(c, 'rituals').unchanged.map((u) => u.after.id)).toEqual(['n-rituals']);
  });

  it('finds the note removed, in the zone it was in', () => {
    expect(zone(c, 'symbols').removed.map((r) => r.before.text)).toEqual(['Open-plan office']);
    expect(zone(c, 'symbols').added).toEqual([]);
  });

  it('finds the note moved, from its old zone to its new one, in both zones', () => {
    const [moved] = zone(c, 'structures').movedIn;
    expect(moved).toMatchObject({ kind: 'moved', matchedBy: 'id', edited: false, from: { zoneId: 'power', label: 'Power structures' }, to: { zoneId: 'structures', label: 'Organisational structures' } });
    expect(zone(c, 'power').movedOut).toEqual([moved]);
    // A move is neither an addition where it lands nor a removal where it left.
    expect(zone(c, 'structures').added).toEqual([]);
    expect(zone(c, 'power').removed).toEqual([]);
  });

  it('finds the note edited, with its words then and now', () => {
    const [changed] = zone(c, 'controls').changed;
    expect(changed).toMatchObject({ kind: 'changed', matchedBy: 'id' });
    expect([changed!.before.text, changed!.after.text]).toEqual(['Targets checked every week', 'Targets checked every month']);
  });

  it('counts every kind of change, and nothing else', () => {
    expect(c.counts).toMatchObject({ added: 1, removed: 1, moved: 1, changed: 1, unchanged: 2 });
    expect(c.sameSession).toBe(true);
    expect(c.frames.map((f) => f.frameId)).toEqual(['current', 'desired', 'gap']);
    expect(c.frames[0]!.zones.map((z) => z.zone.zoneId)).toEqual(['paradigm', 'stories', 'rituals', 'symbols', 'structures', 'controls', 'power']);
  });

  it('gives each zone its two columns: what was there, and what is there now', () => {
    const power = zoneColumns(zone(c, 'power'));
    expect(power.before.map((n) => n.kind)).toEqual(['moved']);
    expect(power.after).toEqual([]);
    const rituals = zoneColumns(zone(c, 'rituals'));
    expect(rituals.before.map((n) => n.kind)).toEqual(['unchanged']);
    expect(rituals.after.map((n) => n.kind)).toEqual(['unchanged', 'added']);
  });

  it('is the same on the same input, and all unchanged against itself', () => {
    expect(compared(before, after)).toEqual(c);
    const self = compared(after, after);
    expect(self.counts).toMatchObject({ added: 0, removed: 0, moved: 0, changed: 0, unchanged: 5 });
  });
});

describe('compareRecords, between two sessions of the same template', () => {
  it('matches notes with new ids by their words within a zone, case, punctuation and spacing aside', () => {
    const lastYear = recordOf(boardOf(FIRST), { sessionId: 'last-year' });
    const thisYear = recordOf(
      boardOf([
        { id: 'x1', text: 'heroes  stay late!', zone: 'stories' },
        { id: 'x2', text: 'Monday huddles', zone: 'rituals' },
        { id: 'x3', text: 'Targets checked each week', zone: 'controls' },
        { id: 'x4', text: 'A wall of thank-you cards', zone: 'symbols' },
      ]),
      { sessionId: 'this-year' },
    );
    const c = compared(lastYear, thisYear);
    expect(c.sameSession).toBe(false);
    expect(zone(c, 'stories').changed).toMatchObject([{ matchedBy: 'text', before: { id: 'n-stories' }, after: { id: 'x1' } }]);
    expect(zone(c, 'rituals').changed).toMatchObject([{ matchedBy: 'text', before: { id: 'n-rituals' }, after: { id: 'x2' } }]);
    expect(zone(c, 'controls').changed).toMatchObject([{ matchedBy: 'text', before: { id: 'n-controls' }, after: { id: 'x3' } }]);
    // Unlike words are not the same note, even in the same zone.
    expect(zone(c, 'symbols').removed.map((r) => r.before.id)).toEqual(['n-symbols']);
    expect(zone(c, 'symbols').added.map((a) => a.after.id)).toEqual(['x4']);
    expect(zone(c, 'power').removed.map((r) => r.before.id)).toEqual(['n-power']);
  });

  it('counts a note with the same words but unchanged text as unchanged', () => {
    const c = compared(recordOf(boardOf([FIRST[0]!]), { sessionId: 'a' }), recordOf(boardOf([{ ...FIRST[0]!, id: 'other' }]), { sessionId: 'b' }));
    expect(zone(c, 'stories').unchanged).toMatchObject([{ matchedBy: 'text', similarity: 1 }]);
  });

  it('never matches by words across zones: the same words elsewhere are one note removed and one added', () => {
    const c = compared(
      recordOf(boardOf([{ id: 'a', text: 'Heroes stay late', zone: 'stories' }]), { sessionId: 'a' }),
      recordOf(boardOf([{ id: 'b', text: 'Heroes stay late', zone: 'desired-stories' }]), { sessionId: 'b' }),
    );
    expect(zone(c, 'stories').removed.map((r) => r.before.id)).toEqual(['a']);
    expect(zone(c, 'desired-stories').added.map((r) => r.after.id)).toEqual(['b']);
    expect(c.counts.moved).toBe(0);
  });

  it('pairs the most alike first and uses each note once', () => {
    const c = compared(
      recordOf(
        boardOf([
          { id: 'a1', text: 'Peer supervision every fortnight', zone: 'rituals' },
          { id: 'a2', text: 'Peer supervision every month', zone: 'rituals' },
        ]),
        { sessionId: 'a' },
      ),
      recordOf(boardOf([{ id: 'b1', text: 'Peer supervision every month', zone: 'rituals' }]), { sessionId: 'b' }),
    );
    expect(zone(c, 'rituals').unchanged).toMatchObject([{ before: { id: 'a2' }, after: { id: 'b1' } }]);
    expect(zone(c, 'rituals').removed.map((r) => r.before.id)).toEqual(['a1']);
  });

  it('pairs a full board of notes by their words quickly enough to open on a laptop', () => {
    // The board's limit, spread over two zones, none sharing an id with the other session.
    const specs = (prefix: string, words: (i: number) => string) =>
      Array.from({ length: 1000 }, (_, i) => ({
        id: `${prefix}${i}`,
        text: words(i),
        zone: i % 2 === 0 ? 'stories' : 'rituals',
        x: 0.05 + (i % 10) / 10,
        y: 0.05 + (Math.floor(i / 10) % 10) / 10,
      }));
    const a = recordOf(boardOf(specs('a', (i) => `Note number ${i} about the rota`)), { sessionId: 'a' });
    expect(a.notes).toHaveLength(1000);
    const sameWords = recordOf(boardOf(specs('b', (i) => `note number ${i} about the rota`)), { sessionId: 'b' });
    const nearWords = recordOf(boardOf(specs('c', (i) => `Note number ${i} about our rota!`)), { sessionId: 'c' });
    for (const b of [sameWords, nearWords]) {
      const started = performance.now();
      const c = compared(a, b);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(c.counts).toMatchObject({ added: 0, removed: 0, unchanged: 0, changed: 1000 });
      expect(zone(c, 'stories').changed.every((p) => p.before.id.slice(1) === p.after.id.slice(1))).toBe(true);
    }
  });

  it('refuses records of different templates, naming both', () => {
    const circle = getTemplate('what-works-circle');
    const result = compareRecords(recordOf(boardOf(FIRST)), recordOf(boardOf([{ id: 'c', text: 'We listened', zone: 'story' }]), { template: circle }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('different_templates');
    expect(result.message).toContain('Cultural web');
    expect(result.message).toContain(circle.name);
  });
});

describe('compareRecords, on actions', () => {
  it('gives each action its status then and now, matched by id, then by words; added and removed ones too', () => {
    const board = boardOf(FIRST);
    const a1 = newAction('a1', { text: 'Draft a no-blame debrief routine' }, 'actions', T0);
    const a2 = newAction('a2', { text: 'Agree quiet hours for email' }, 'actions', T0);
    const a3 = newAction('a3', { text: 'Ask HR about flexible hours' }, 'actions', T0);
    const before = recordOf(board, { actions: [a1, a2, a3] });
    const after = recordOf(board, {
      actions: [
        changedAction(a1, { status: 'done' }, T0 + MIN),
        // Written again under a new id with nearly the same words: the same action.
        newAction('a2-again', { text: 'Agree quiet hours for emails', status: 'dropped' }, 'actions', T0 + MIN),
        newAction('a4', { text: 'Share the web with the whole team' }, 'actions', T0 + MIN),
      ],
    });
    const c = compared(before, after);
    expect(c.actions.map((a) => [a.kind, a.before?.id ?? null, a.after?.id ?? null, a.matchedBy, a.statusBefore, a.statusAfter, a.textChanged])).toEqual([
      ['kept', 'a1', 'a1', 'id', 'open', 'done', false],
      ['kept', 'a2', 'a2-again', 'text', 'open', 'dropped', true],
      ['removed', 'a3', null, null, 'open', null, false],
      ['added', null, 'a4', null, null, 'open', false],
    ]);
    expect(c.counts.actions).toEqual({ kept: 2, added: 1, removed: 1, leftBehind: 0, statusChanged: 2 });
  });

  it('follows an action along a follow-up: carried by id, with the review it was given, and the done ones left behind', () => {
    const first = [
      newAction('c-open', { text: 'Try reflective huddles' }, 'actions', T0),
      newAction('c-still', { text: 'Read the new guidance together' }, 'actions', T0),
      changedAction(newAction('c-done', { text: 'Book a case discussion' }, 'actions', T0), { status: 'done' }, T0),
    ];
    const board = boardOf(FIRST);
    const before = recordOf(board, { sessionId: 's0', actions: first });
    const followUp = followUpTemplate(web);
    const carried = carriedActions(first, { sessionId: 's0', nameOf: () => null }, 'review-actions', T0 + 7 * MIN);
    const reviewed = carried.map((a) => (a.id === 'c-open' ? reviewedAction(a, 'done', 'Every Monday now', 'fay', T0 + 8 * MIN) : a));
    // A follow-up started from the saved notes keeps their ids.
    const after = recordOf(board, { sessionId: 's1', template: followUp, previousSessionId: 's0', actions: reviewed });
    const c = compared(before, after);
    expect(c.sameSession).toBe(false);
    expect(c.counts).toMatchObject({ unchanged: 5, added: 0, removed: 0 });
    const byId = new Map(c.actions.map((a) => [(a.before ?? a.after)!.id, a]));
    expect(byId.get('c-open')).toMatchObject({ kind: 'kept', matchedBy: 'id', statusBefore: 'open', statusAfter: 'done', review: { outcome: 'done', note: 'Every Monday now', fromSessionId: 's0' } });
    expect(byId.get('c-still')).toMatchObject({ kind: 'kept', statusBefore: 'open', statusAfter: 'open', review: { outcome: null, note: null } });
    expect(byId.get('c-done')).toMatchObject({ kind: 'left-behind', statusBefore: 'done', statusAfter: null, review: null });
  });
});

describe('textSimilarity', () => {
  it('reads case, accents, punctuation and spacing as the same words', () => {
    expect(normaliseText('  Café — “naïve”,  TEAM! ')).toBe('cafe naive team');
    expect(textSimilarity('Heroes stay late.', 'heroes STAY late')).toBe(1);
  });

  it('scores near wording high and other wording low', () => {
    expect(textSimilarity('Targets checked every week', 'Targets checked each week')).toBeGreaterThan(0.6);
    expect(textSimilarity('Open-plan office', 'A wall of thank-you cards')).toBeLessThan(0.3);
    expect(textSimilarity('a', 'b')).toBe(0);
  });

  it('tells apart notes of symbols alone, which normalise to nothing', () => {
    expect(textSimilarity('👍', '❤️')).toBe(0);
    expect(textSimilarity('👍', ' 👍 ')).toBe(1);
  });
});
