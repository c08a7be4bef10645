import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, groupNotes, initBoardMeta, setNoteNoRecord, setNoteStarred } from '../board/document.js';
import { initialSessionState, type SessionState } from '../sessionState.js';
import { TEMPLATE_IDS, getTemplate } from '../templates/index.js';
import { templateZones, type Template } from '../templates/format.js';
import { carriedActions, newAction, reviewedAction } from '../actions.js';
import { followUpTemplate } from '../templates/followUp.js';
import { deriveOutcome, phaseTimes, type OutcomeInput } from './derive.js';
import { outcomeRecordSchema, type RecordSectionOf } from './record.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0);
const MIN = 60_000;
const people = [
  { id: 'fay', name: 'Fay', role: 'facilitator' as const },
  { id: 'amara', name: 'Amara', role: 'participant' as const },
  { id: 'ben', name: 'Ben', role: 'participant' as const },
];

/** A board with two notes in every zone (one by Amara, one by Ben), and nothing else. */
function fixtureBoard(template: Template): Y.Doc {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  for (const [i, zone] of templateZones(template).entries()) {
    addNote(doc, { id: `a-${zone.id}`, text: `Amara on ${zone.label}`, zone: zone.id, x: 0.2, y: 0.3, color: '#FFE98F', authorId: 'amara', createdAt: T0 + i });
    addNote(doc, { id: `b-${zone.id}`, text: `Ben on ${zone.label}`, zone: zone.id, x: 0.8, y: 0.3, color: '#B7F0C1', authorId: 'ben', createdAt: T0 + i });
  }
  return doc;
}

function input(template: Template, board: Y.Doc, state: Partial<SessionState> = {}): OutcomeInput {
  return {
    session: { id: 's1', title: 'Tuesday group supervision', createdAt: T0 },
    template,
    board,
    state: { ...initialSessionState(template, 'fay', false, T0), roles: { fay: 'facilitator', amara: 'participant', ben: 'presenter' }, ...state },
    people,
    takenAt: T0 + 60 * MIN,
  };
}

describe('deriveOutcome, on every built-in template', () => {
  for (const id of TEMPLATE_IDS) {
    const template = getTemplate(id);
    it(`${id}: sections in the template's order, every note filed once per zone, valid against the schema`, () => {
      const board = fixtureBoard(template);
      const record = deriveOutcome(input(template, board));
      expect(outcomeRecordSchema.safeParse(record).success).toBe(true);
      expect(record.sections.map((s) => s.id)).toEqual(template.outcome.map((s) => s.id));
      expect(record.sections.map((s) => s.kind)).toEqual(template.outcome.map((s) => s.kind ?? 'notes'));
      expect(record.notes).toHaveLength(templateZones(template).length * 2);
      expect(record.frames.map((f) => f.id)).toEqual(template.frames.map((f) => f.id));
      for (const zone of templateZones(template)) {
        const filed = record.frames.flatMap((f) => f.zones).find((z) => z.id === zone.id)!;
        expect(filed.noteIds).toEqual([`a-${zone.id}`, `b-${zone.id}`]);
      }
      // Every template asks for its actions; each section that names zones shows only those.
      expect(record.sections.some((s) => s.kind === 'actions')).toBe(true);
      for (const [i, section] of template.outcome.entries()) {
        const derived = record.sections[i]!;
        if (derived.kind === 'notes' && section.zones) expect(derived.zones.map((z) => z.zoneId)).toEqual(section.zones);
      }
      board.destroy();
    });
  }
});

describe('deriveOutcome', () => {
  const circle = getTemplate('what-works-circle');
  const web = getTemplate('cultural-web');

  it('leaves out notes marked "don\'t record", empty notes, and a theme holding only withheld notes', () => {
    const board = fixtureBoard(circle);
    addNote(board, { id: 'empty', text: '   ', zone: 'story', x: 0.5, y: 0.5, color: '#FFE98F', authorId: 'amara', createdAt: T0 });
    setNoteNoRecord(board, 'a-story', true);
    setNoteNoRecord(board, 'a-questions', true);
    groupNotes(board, { id: 'secret', title: 'Said to be heard', zone: 'questions', x: 0.1, y: 0.1, color: '#FFE98F' }, ['a-questions']);
    groupNotes(board, { id: 'kept', title: 'Relationships', zone: 'what-worked', x: 0.1, y: 0.1, color: '#FFE98F' }, ['a-what-worked', 'b-what-worked']);
    const record = deriveOutcome(input(circle, board));
    const text = JSON.stringify(record);
    expect(text).not.toContain('Amara on The story');
    expect(text).not.toContain('Said to be heard');
    expect(record.notes.map((n) => n.id)).not.toContain('empty');
    expect(record.themes.map((t) => t.title)).toEqual(['Relationships']);
    expect(record.themes[0]!.noteIds).toEqual(['a-what-worked', 'b-what-worked']);
    board.destroy();
  });

  it('files starred notes of the named zones, themes with their notes, and the summary of the story', () => {
    const board = fixtureBoard(circle);
    setNoteStarred(board, 'a-what-worked', true);
    setNoteStarred(board, 'b-takeaways', true);
    const record = deriveOutcome(input(circle, board));
    const starred = record.sections.find((s) => s.kind === 'starred') as RecordSectionOf<'starred'>;
    // The takeaway's star is outside the section's zones (what worked, why it worked).
    expect(starred.notes.map((n) => n.id)).toEqual(['a-what-worked']);
    const summary = record.sections.find((s) => s.kind === 'summary') as RecordSectionOf<'summary'>;
    expect(summary).toMatchObject({ title: 'Tuesday group supervision', date: '2026-12-02', templateName: circle.name });
    expect(summary.notes.map((n) => n.zoneId)).toEqual(['story', 'story']);
    expect(record.starred).toEqual(['a-what-worked', 'b-takeaways']);
    board.destroy();
  });

  it('names people by role, and in an anonymous session only counts them and names no writer', () => {
    const board = fixtureBoard(circle);
    const named = deriveOutcome(input(circle, board));
    expect(named.participants.byRole).toEqual([
      { role: 'facilitator', count: 1, names: ['Fay'] },
      { role: 'presenter', count: 1, names: ['Ben'] },
      { role: 'participant', count: 1, names: ['Amara'] },
    ]);
    expect(named.notes[0]!.author).toBe('Amara');
    const anonymous = deriveOutcome(input(circle, board, { anonymous: true }));
    expect(anonymous.participants.byRole.map((r) => [r.role, r.count, r.names])).toEqual([
      ['facilitator', 1, []],
      ['presenter', 1, []],
      ['participant', 1, []],
    ]);
    expect(anonymous.notes.every((n) => n.author === null)).toBe(true);
    expect(JSON.stringify(anonymous)).not.toMatch(/Amara"|"Ben"|"Fay"/);
    board.destroy();
  });

  it('ranks vote results in order, counts dots on notes, and lists the top three priorities of the last vote', () => {
    const board = fixtureBoard(web);
    const results = [
      { targetId: 'a-keep', votes: 5 },
      { targetId: 'b-stop', votes: 4 },
      { targetId: 'a-change', votes: 2 },
      { targetId: 'b-start', votes: 1 },
    ];
    const record = deriveOutcome(
      input(web, board, {
        closedVotes: [
          { id: 'v1', phaseId: 'current-reveal', setup: { dotsPerPerson: 3, maxPerTarget: 3, targets: 'notes' }, results: [{ targetId: 'a-stories', votes: 2 }] },
          { id: 'v2', phaseId: 'gap', setup: { dotsPerPerson: 5, maxPerTarget: 3, targets: 'notes' }, results },
        ],
      }),
    );
    expect(record.votes.map((v) => v.phaseName)).toEqual(['Reveal, cluster and discuss', 'Gap analysis with dot-voting']);
    expect(record.votes[1]!.results.map((r) => [r.text, r.votes])).toEqual([
      ['Amara on Keep and reinforce', 5],
      ['Ben on Stop', 4],
      ['Amara on Change', 2],
      ['Ben on Start or foster', 1],
    ]);
    const priorities = record.sections.find((s) => s.kind === 'priorities') as RecordSectionOf<'priorities'>;
    expect(priorities.items.map((i) => i.targetId)).toEqual(['a-keep', 'b-stop', 'a-change']);
    expect(record.notes.find((n) => n.id === 'a-keep')!.votes).toBe(5);
    board.destroy();
  });

  it('gives the confirmed (starred) paradigm statements apart from the other proposals', () => {
    const board = fixtureBoard(web);
    setNoteStarred(board, 'b-paradigm', true);
    const record = deriveOutcome(input(web, board));
    const paradigms = record.sections.find((s) => s.kind === 'paradigms') as RecordSectionOf<'paradigms'>;
    expect(paradigms.statements.map((s) => [s.zoneId, s.confirmed.map((n) => n.id), s.proposals.map((n) => n.id)])).toEqual([
      ['paradigm', ['b-paradigm'], ['a-paradigm']],
      ['desired-paradigm', [], ['a-desired-paradigm', 'b-desired-paradigm']],
    ]);
    board.destroy();
  });

  it('reads each marker on a scale as the value where it sits', () => {
    const safety = getTemplate('signs-of-safety');
    const board = fixtureBoard(safety);
    const record = deriveOutcome(input(safety, board));
    const scale = record.sections.find((s) => s.kind === 'scale') as RecordSectionOf<'scale'>;
    expect(scale.scales).toHaveLength(1);
    expect(scale.scales[0]!.markers.map((m) => m.value)).toEqual([2, 8]);
    board.destroy();
  });

  it('files actions with their owner by name, the element by label, and only links that still hold', () => {
    const board = fixtureBoard(web);
    setNoteNoRecord(board, 'b-power', true);
    const actions = [
      newAction('x1', { text: 'Ask the service manager about huddles', owner: { kind: 'participant', participantId: 'amara' }, due: '2027-01-15', noteIds: ['a-rituals', 'b-power'], element: 'rituals', stakeholder: 'Service manager' }, 'actions', T0),
      newAction('x2', { text: 'Share the web with the team', owner: { kind: 'name', name: 'Priya' } }, 'actions', T0),
    ];
    const record = deriveOutcome(input(web, board, { actions }));
    expect(record.actions).toEqual([
      expect.objectContaining({ text: 'Ask the service manager about huddles', owner: 'Amara', ownerParticipantId: 'amara', due: '2027-01-15', status: 'open', noteIds: ['a-rituals'], element: { zoneId: 'rituals', label: 'Rituals and routines' }, stakeholder: 'Service manager' }),
      expect.objectContaining({ text: 'Share the web with the team', owner: 'Priya', ownerParticipantId: null, due: null, element: null }),
    ]);
    board.destroy();
  });
});

describe('deriveOutcome, for a follow-up', () => {
  const followUp = followUpTemplate(getTemplate('what-works-circle'));
  const before = [
    newAction('c-done', { text: 'Book a case discussion', owner: { kind: 'participant', participantId: 'old-amara' }, due: '2027-01-10' }, 'actions', T0 - 7 * MIN),
    newAction('c-dropped', { text: 'Ask for a second worker', owner: { kind: 'name', name: 'Priya' } }, 'actions', T0 - 7 * MIN),
    newAction('c-carried', { text: 'Try reflective huddles' }, 'actions', T0 - 7 * MIN),
    newAction('c-open', { text: 'Share the learning with the team', owner: { kind: 'participant', participantId: 'old-ben' } }, 'actions', T0 - 7 * MIN),
  ];
  const carried = carriedActions(before, { sessionId: 's0', nameOf: (id) => ({ 'old-amara': 'Amara', 'old-ben': 'Ben' })[id] ?? null }, 'review-actions', T0);
  const reviewed = carried.map((a) =>
    a.id === 'c-done'
      ? reviewedAction(a, 'done', 'The family came', 'amara', T0 + MIN)
      : a.id === 'c-dropped'
        ? reviewedAction(a, 'dropped', 'No longer needed', 'amara', T0 + MIN)
        : a.id === 'c-carried'
          ? reviewedAction(a, 'carried', '', 'fay', T0 + MIN)
          : a,
  );
  const here = newAction('w1', { text: 'Written in this session', owner: { kind: 'participant', participantId: 'ben' } }, 'actions', T0 + 30 * MIN);
  const followUpInput = (actions = [...reviewed, here]): OutcomeInput => ({
    ...input(followUp, fixtureBoard(followUp), { actions }),
    session: { id: 's1', title: 'Tuesday group supervision', createdAt: T0, previousSessionId: 's0' },
  });

  it('puts the review of every carried action first, each with its outcome and note, null until reviewed', () => {
    const record = deriveOutcome(followUpInput());
    expect(outcomeRecordSchema.safeParse(record).success).toBe(true);
    expect(record.previousSessionId).toBe('s0');
    expect(record.sections[0]!.kind).toBe('review');
    expect(record.sections.slice(1).map((s) => s.id)).toEqual(followUp.outcome.map((s) => s.id));
    const section = record.sections[0] as RecordSectionOf<'review'>;
    expect(section.label).toBe('Review of actions carried over');
    expect(section.items).toEqual(record.review);
    expect(record.review).toEqual([
      { actionId: 'c-done', text: 'Book a case discussion', owner: 'Amara', due: '2027-01-10', fromSessionId: 's0', outcome: 'done', note: 'The family came' },
      { actionId: 'c-dropped', text: 'Ask for a second worker', owner: 'Priya', due: null, fromSessionId: 's0', outcome: 'dropped', note: 'No longer needed' },
      { actionId: 'c-carried', text: 'Try reflective huddles', owner: null, due: null, fromSessionId: 's0', outcome: 'carried', note: '' },
      { actionId: 'c-open', text: 'Share the learning with the team', owner: 'Ben', due: null, fromSessionId: 's0', outcome: null, note: null },
    ]);
  });

  it('lists the carried actions among the actions as they stand now, with the ones written here', () => {
    const record = deriveOutcome(followUpInput());
    expect(record.actions.map((a) => [a.id, a.status, a.owner])).toEqual([
      ['c-done', 'done', 'Amara'],
      ['c-dropped', 'dropped', 'Priya'],
      ['c-carried', 'open', null],
      ['c-open', 'open', 'Ben'],
      ['w1', 'open', 'Ben'],
    ]);
    const actions = record.sections.find((s) => s.kind === 'actions') as RecordSectionOf<'actions'>;
    expect(actions.actions.map((a) => a.id)).toEqual(record.actions.map((a) => a.id));
  });

  it('has no review section when nothing was carried over, and no previous session for a first session', () => {
    const none = deriveOutcome(followUpInput([here]));
    expect(none.review).toEqual([]);
    expect(none.sections.some((s) => s.kind === 'review')).toBe(false);
    const first = deriveOutcome(input(getTemplate('what-works-circle'), fixtureBoard(getTemplate('what-works-circle'))));
    expect(first.previousSessionId).toBeNull();
    expect(first.review).toEqual([]);
  });
});

describe('phaseTimes', () => {
  const circle = getTemplate('what-works-circle');
  it('adds up every visit to a phase, the last one lasting until the end', () => {
    const state = {
      phaseLog: [
        { phaseId: 'welcome', at: T0 },
        { phaseId: 'story', at: T0 + 4 * MIN },
        { phaseId: 'welcome', at: T0 + 15 * MIN },
        { phaseId: 'story', at: T0 + 16 * MIN },
      ],
      endedAt: T0 + 20 * MIN,
    };
    const times = phaseTimes(circle, state, T0 + 99 * MIN);
    expect(times.slice(0, 3).map((p) => [p.id, p.spentMs / MIN, p.reached])).toEqual([
      ['welcome', 5, true],
      ['story', 15, true],
      ['questions', 0, false],
    ]);
    expect(times[0]!.plannedMinutes).toBe(5);
  });
});
