import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  deriveOutcome,
  getTemplate,
  groupNotes,
  initBoardMeta,
  initialSessionState,
  newAction,
  outcomeRecordSchema,
  setNoteStarred,
  type OutcomeRecord,
} from '@balcony/shared';
import { buildSlides, PER_SLIDE, type Slide } from './slides';

const T0 = Date.UTC(2026, 11, 2, 9, 0);
const web = getTemplate('cultural-web');

/** A cultural web's record, derived as the server derives a snapshot's. */
function webRecord(build: (doc: Y.Doc) => void, opts: { ended?: boolean; actions?: ReturnType<typeof newAction>[] } = {}): OutcomeRecord {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  build(doc);
  const state = {
    ...initialSessionState(web, 'fay', false, T0),
    roles: { fay: 'facilitator' as const, amara: 'participant' as const },
    actions: opts.actions ?? [],
    endedAt: opts.ended ? T0 + 60_000 : null,
  };
  const record = deriveOutcome({
    session: { id: 's1', title: 'Our team culture', createdAt: T0 },
    template: web,
    board: doc,
    state,
    people: [
      { id: 'fay', name: 'Fay', role: 'facilitator' },
      { id: 'amara', name: 'Amara', role: 'participant' },
    ],
    takenAt: T0 + 30 * 60_000,
  });
  return outcomeRecordSchema.parse(record);
}

let at = 0;
const note = (doc: Y.Doc, id: string, zone: string, text: string, authorId = 'amara') =>
  addNote(doc, { id, text, zone, x: 0.5, y: 0.5, color: '#FFE98F', authorId, createdAt: T0 + ++at });

const ids = (slides: Slide[]) => slides.map((s) => s.id);

describe('buildSlides', () => {
  const record = webRecord(
    (doc) => {
      note(doc, 'n1', 'stories', 'Heroes stay late');
      note(doc, 'n2', 'stories', 'The blame after the audit', 'fay');
      note(doc, 'n3', 'symbols', 'Open-plan office');
      setNoteStarred(doc, 'n3', true);
      groupNotes(doc, { id: 't1', title: 'Long hours', zone: 'stories', x: 0.5, y: 0.5, color: '#CCDDEE' }, ['n1', 'n2']);
    },
    { actions: [newAction('a1', { text: 'Draft a no-blame debrief', owner: { kind: 'name', name: 'Amara' }, due: '2027-01-20' }, 'actions', T0)] },
  );

  it('starts with a title slide: the title, the template and the day', () => {
    const [title] = buildSlides(record);
    expect(title).toMatchObject({ kind: 'title', heading: 'Our team culture', templateName: web.name, date: '2 December 2026' });
    expect(title!.kind === 'title' && title!.status).toMatch(/^Draft/);
    expect(buildSlides({ ...record, ended: true })[0]).toMatchObject({ status: 'Final record' });
  });

  it('gives each frame a slide, followed by each of its zones that holds notes, and none for an empty zone', () => {
    const slides = buildSlides(record);
    const frames = slides.filter((s) => s.kind === 'frame');
    expect(frames.map((f) => f.heading)).toEqual(web.frames.map((f) => f.label));
    const current = frames[0]!;
    expect(current.kind === 'frame' && current.zones.find((z) => z.id === 'stories')).toMatchObject({ label: 'Stories', notes: 2 });
    expect(current.kind === 'frame' && current.zones.find((z) => z.id === 'rituals')).toMatchObject({ notes: 0 });
    // The zones' slides come right after their frame's, in the template's order.
    expect(ids(slides).slice(1, 4)).toEqual(['frame:current', 'zone:stories', 'zone:symbols']);
    expect(ids(slides)).not.toContain('zone:rituals');
  });

  it("shows a zone's notes with their writer, star and theme, in the template's words", () => {
    const slides = buildSlides(record);
    const stories = slides.find((s) => s.id === 'zone:stories')!;
    expect(stories).toMatchObject({ kicker: 'The web as it is now', heading: 'Stories' });
    expect(stories.kind === 'notes' && stories.notes).toEqual([
      { id: 'n1', text: 'Heroes stay late', author: 'Amara', starred: false, votes: 0, theme: 'Long hours' },
      { id: 'n2', text: 'The blame after the audit', author: 'Fay', starred: false, votes: 0, theme: 'Long hours' },
    ]);
    const symbols = slides.find((s) => s.id === 'zone:symbols')!;
    expect(symbols.kind === 'notes' && symbols.notes[0]!.starred).toBe(true);
  });

  it('gives each theme a slide with its notes, saying where it is', () => {
    const theme = buildSlides(record).find((s) => s.id === 'theme:t1')!;
    expect(theme).toMatchObject({ kind: 'notes', heading: 'Long hours', kicker: 'Themes · Stories · The web as it is now' });
    expect(theme.kind === 'notes' && theme.notes.map((n) => [n.text, n.theme])).toEqual([
      ['Heroes stay late', null],
      ['The blame after the audit', null],
    ]);
  });

  it('ranks each vote with dots, most first, and skips a vote nobody cast in', () => {
    const voted: OutcomeRecord = {
      ...record,
      votes: [
        {
          id: 'v1',
          phaseId: 'current',
          phaseName: 'The web as it is now',
          targets: 'notes',
          results: [
            { targetId: 'n1', kind: 'note', text: 'Heroes stay late', zoneId: 'stories', votes: 1 },
            { targetId: 'n3', kind: 'note', text: 'Open-plan office', zoneId: 'symbols', votes: 4 },
          ],
        },
        { id: 'v2', phaseId: 'gap', phaseName: 'The gap', targets: 'themes', results: [] },
      ],
    };
    const votes = buildSlides(voted).filter((s) => s.kind === 'votes');
    expect(votes).toHaveLength(1);
    expect(votes[0]!.kicker).toBe('Vote results · The web as it is now');
    expect(votes[0]!.kind === 'votes' && votes[0]!.items.map((i) => [i.text, i.votes])).toEqual([
      ['Open-plan office', 4],
      ['Heroes stay late', 1],
    ]);
  });

  it("ends with the actions under the template's label, and has no actions slide without actions", () => {
    const slides = buildSlides(record);
    const last = slides[slides.length - 1]!;
    const label = record.sections.find((s) => s.kind === 'actions')!.label;
    expect(last).toMatchObject({ kind: 'actions', kicker: label, heading: 'Actions' });
    expect(last.kind === 'actions' && last.actions).toEqual([
      { id: 'a1', text: 'Draft a no-blame debrief', owner: 'Amara', due: '20 January 2027', status: 'Open', about: null },
    ]);
    expect(buildSlides({ ...record, actions: [] }).some((s) => s.kind === 'actions')).toBe(false);
  });

  it("puts a follow-up's review of the actions it carried over first, after the title", () => {
    const followUp: OutcomeRecord = {
      ...record,
      review: [
        { actionId: 'old1', text: 'Audit the rota', owner: 'Fay', due: null, fromSessionId: 's0', outcome: 'done', note: 'Shared at the team meeting' },
        { actionId: 'old2', text: 'Ask about budgets', owner: null, due: '2027-02-01', fromSessionId: 's0', outcome: null, note: null },
      ],
    };
    const slides = buildSlides(followUp);
    expect(slides[1]).toMatchObject({ kind: 'review', id: 'review' });
    expect(slides[1]!.kind === 'review' && slides[1]!.items.map((i) => [i.text, i.outcome, i.due])).toEqual([
      ['Audit the rota', 'Done', null],
      ['Ask about budgets', 'Not reviewed yet', '1 February 2027'],
    ]);
  });

  it('spreads a long zone over several slides, each saying which part it is, none over the limit', () => {
    const crowded = webRecord((doc) => {
      for (let i = 0; i < PER_SLIDE * 2 + 1; i++) note(doc, `c${i}`, 'rituals', `Ritual ${i}`);
    });
    const parts = buildSlides(crowded).filter((s) => s.id.startsWith('zone:rituals'));
    expect(parts.map((p) => p.part)).toEqual(['1 of 3', '2 of 3', '3 of 3']);
    expect(parts.map((p) => (p.kind === 'notes' ? p.notes.length : 0))).toEqual([PER_SLIDE, PER_SLIDE, 1]);
    expect(new Set(ids(buildSlides(crowded))).size).toBe(buildSlides(crowded).length);
  });
});
