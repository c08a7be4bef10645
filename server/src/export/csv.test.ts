import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, defuse, recordCsv } from './csv.js';
import { culturalWebFixture, followUpFixture, HOSTILE_TEXT, UNICODE_TEXT, WITHHELD_TEXT } from './fixtures.js';

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

describe('recordCsv', () => {
  const { record } = culturalWebFixture();
  const text = recordCsv(record);
  const rows: Row[] = parse(text, { columns: true, bom: true });

  it('starts with a byte-order mark and the documented header', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
  });

  it('has one row per note, theme, voted item and action, in that order', () => {
    const kinds = rows.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'note')).toHaveLength(record.notes.length);
    expect(kinds.filter((k) => k === 'theme')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'vote')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'action')).toHaveLength(2);
    expect([...new Set(kinds)]).toEqual(['note', 'theme', 'vote', 'action']);
    expect(rows.every((r) => r.outcome === '' && r.note === '' && r.from === '')).toBe(true);
  });

  it('carries each value a reader filters on', () => {
    const byId = (id: string) => rows.find((r) => r.id === id)!;
    expect(byId('n-ritual')).toMatchObject({ frame: 'The web as it is now', zone: 'Rituals and routines', text: UNICODE_TEXT, author: 'Amara', starred: 'no', votes: '0' });
    expect(byId('n-paradigm')).toMatchObject({ starred: 'yes' });
    expect(byId('n-story-2')).toMatchObject({ theme: 'Fear of blame' });
    expect(byId('t-blame')).toMatchObject({ kind: 'theme', text: 'Fear of blame', links: 'note:n-story-2 note:n-story-3' });
    const votes = rows.filter((r) => r.kind === 'vote');
    expect(votes.map((r) => [r.rank, r.text, r.votes, r.links])).toEqual([
      ['1', 'How we debrief after a complaint', '4', 'note:n-change'],
      ['2', 'Emails after 7 pm', '2', 'note:n-stop'],
      ['3', 'Peer supervision on Fridays', '1', 'note:n-keep'],
    ]);
    expect(votes[0]!.vote).toBe('Gap analysis with dot-voting');
    expect(byId('a-debrief')).toMatchObject({
      kind: 'action',
      owner: 'Amara',
      due: '2027-01-15',
      status: 'open',
      element: 'Rituals and routines',
      stakeholder: 'Head of service',
      links: 'note:n-change',
    });
    expect(byId('a-email')).toMatchObject({ owner: 'Priya Shah', status: 'done', links: 'theme:t-blame' });
  });

  it('defuses a formula: the cell reads back as the note with an apostrophe in front, line break and quotes intact', () => {
    expect(rows.find((r) => r.id === 'n-hostile')!.text).toBe(`'${HOSTILE_TEXT}`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuse(`${start}1`)).toBe(`'${start}1`);
    expect(defuse('Plain words = fine')).toBe('Plain words = fine');
    expect(defuse(3)).toBe(3);
  });

  it('leaves out the note marked "don\'t record", and its link from the action and the vote', () => {
    expect(text).not.toContain(WITHHELD_TEXT);
    expect(text).not.toContain('n-withheld');
  });
});

describe('recordCsv, for a follow-up', () => {
  const { record } = followUpFixture();
  const rows: Row[] = parse(recordCsv(record), { columns: true, bom: true });

  it('opens with one review row per carried action: its outcome, the note and the session it came from', () => {
    const review = rows.filter((r) => r.kind === 'review');
    expect(rows.slice(0, review.length)).toEqual(review);
    expect(review.map((r) => [r.id, r.text, r.owner, r.due, r.outcome, r.note, r.from])).toEqual([
      ['a-try', 'Try six visits before escalating', 'Ben', '2027-01-10', 'done', 'Six visits, and the door opened', 'sess-circle'],
      ['a-ask', 'Ask for a second worker', 'Priya Shah', '', 'dropped', 'No longer needed', 'sess-circle'],
      // The note tried a formula: defused like any other cell.
      ['a-share', 'Share the story at the team meeting', '', '', 'carried', `'${HOSTILE_TEXT}`, 'sess-circle'],
      ['a-read', 'Read the new guidance together', '', '', '', '', 'sess-circle'],
    ]);
  });

  it('still lists each carried action as an action, with the status the review gave it', () => {
    const actions = rows.filter((r) => r.kind === 'action');
    expect(actions.map((r) => [r.id, r.status])).toEqual([
      ['a-try', 'done'],
      ['a-ask', 'dropped'],
      ['a-share', 'open'],
      ['a-read', 'open'],
      ['a-new', 'open'],
    ]);
  });
});
