import * as Y from 'yjs';
import {
  addNote,
  carriedActions,
  deriveOutcome,
  followUpTemplate,
  getTemplate,
  groupNotes,
  initBoardMeta,
  initialSessionState,
  newAction,
  REVIEW_PHASE_ID,
  reviewedAction,
  setNoteNoRecord,
  setNoteStarred,
  type OutcomeRecord,
  type Template,
} from '@balcony/shared';

/**
 * Records for the export tests, derived the way the server derives them (deriveOutcome on a Yjs
 * board), so that the exports are tested on the shape they meet in production, not a hand-made one.
 */

export const T0 = Date.UTC(2026, 11, 2, 9, 0);
const MIN = 60_000;

/** Words that must appear in no export: the note carrying them is marked "don't record". */
export const WITHHELD_TEXT = 'Said to be heard about a named colleague';
/** A note with non-ASCII text, to check every format carries it intact. */
export const UNICODE_TEXT = 'Café — naïve ✓ Łódź';
/** A note trying to inject a spreadsheet formula, Markdown structure, HTML and XML. */
export const HOSTILE_TEXT = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> & "quotes"\n# Not a heading [link](http://evil.example) *bold* | cell';

const people = [
  { id: 'fay', name: 'Fay', role: 'facilitator' as const },
  { id: 'amara', name: 'Amara', role: 'participant' as const },
  { id: 'ben', name: 'Ben', role: 'participant' as const },
];

export interface Fixture {
  record: OutcomeRecord;
  template: Template;
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoardMeta(doc);
  return doc;
}

type NoteSpec = { id: string; text: string; zone: string; x: number; y: number; by: string; color?: string };

function notes(doc: Y.Doc, specs: NoteSpec[]): void {
  specs.forEach((s, i) =>
    addNote(doc, { id: s.id, text: s.text, zone: s.zone, x: s.x, y: s.y, color: s.color ?? '#FFE98F', authorId: s.by, createdAt: T0 + (i + 1) * MIN }),
  );
}

/** A cultural web session: both webs, confirmed paradigms, a theme, a closed vote on the gap, two actions. */
export function culturalWebFixture(): Fixture {
  const template = getTemplate('cultural-web');
  const doc = board();
  notes(doc, [
    { id: 'n-story-1', text: 'We tell newcomers about the inspection we passed', zone: 'stories', x: 0.3, y: 0.25, by: 'amara' },
    { id: 'n-story-2', text: 'Blame stories about the one case that went wrong', zone: 'stories', x: 0.6, y: 0.35, by: 'ben', color: '#FFC8DD' },
    { id: 'n-story-3', text: 'Heroes stay late', zone: 'stories', x: 0.6, y: 0.6, by: 'amara', color: '#FFC8DD' },
    { id: 'n-withheld', text: WITHHELD_TEXT, zone: 'stories', x: 0.4, y: 0.7, by: 'ben' },
    { id: 'n-ritual', text: UNICODE_TEXT, zone: 'rituals', x: 0.5, y: 0.4, by: 'amara', color: '#B7F0C1' },
    { id: 'n-hostile', text: HOSTILE_TEXT, zone: 'symbols', x: 0.5, y: 0.5, by: 'ben', color: '#BFE3FF' },
    {
      id: 'n-power',
      text: 'Decisions are made in the corridor after the meeting, by whoever is senior and still around, and the rest of the team hears about them second-hand a week later',
      zone: 'power',
      x: 0.5,
      y: 0.5,
      by: 'amara',
      color: '#FFD6A5',
    },
    { id: 'n-paradigm', text: 'Keep the service safe from criticism', zone: 'paradigm', x: 0.5, y: 0.45, by: 'ben', color: '#DCCBFF' },
    { id: 'n-paradigm-2', text: 'Targets first', zone: 'paradigm', x: 0.5, y: 0.75, by: 'amara', color: '#DCCBFF' },
    { id: 'n-desired', text: 'Learning from what goes well', zone: 'desired-paradigm', x: 0.5, y: 0.5, by: 'amara', color: '#DCCBFF' },
    { id: 'n-keep', text: 'Peer supervision on Fridays', zone: 'keep', x: 0.5, y: 0.2, by: 'ben', color: '#B7F0C1' },
    { id: 'n-change', text: 'How we debrief after a complaint', zone: 'change', x: 0.5, y: 0.2, by: 'amara' },
    { id: 'n-stop', text: 'Emails after 7 pm', zone: 'stop', x: 0.5, y: 0.2, by: 'ben', color: '#FFC8DD' },
  ]);
  setNoteNoRecord(doc, 'n-withheld', true);
  setNoteStarred(doc, 'n-paradigm', true);
  setNoteStarred(doc, 'n-desired', true);
  groupNotes(doc, { id: 't-blame', title: 'Fear of blame', zone: 'stories', x: 0.55, y: 0.45, color: '#FFC8DD' }, ['n-story-2', 'n-story-3']);

  const base = initialSessionState(template, 'fay', false, T0);
  const state = {
    ...base,
    roles: { fay: 'facilitator' as const, amara: 'participant' as const, ben: 'participant' as const },
    phase: { id: 'actions', index: template.phases.findIndex((p) => p.id === 'actions') },
    phaseLog: [
      { phaseId: 'introduction', at: T0 },
      { phaseId: 'current-silent', at: T0 + 5 * MIN },
      { phaseId: 'gap', at: T0 + 50 * MIN },
      { phaseId: 'actions', at: T0 + 65 * MIN },
    ],
    closedVotes: [
      {
        id: 'vote-gap',
        phaseId: 'gap',
        setup: { dotsPerPerson: 3, maxPerTarget: 3, targets: 'notes' as const },
        results: [
          { targetId: 'n-change', votes: 4 },
          { targetId: 'n-stop', votes: 2 },
          { targetId: 'n-keep', votes: 1 },
          // A dot on the withheld note: it leaves the tally with the note.
          { targetId: 'n-withheld', votes: 1 },
        ],
      },
    ],
    actions: [
      newAction(
        'a-debrief',
        { text: 'Draft a no-blame debrief routine', owner: { kind: 'participant', participantId: 'amara' }, due: '2027-01-15', noteIds: ['n-change', 'n-withheld'], element: 'rituals', stakeholder: 'Head of service' },
        'actions',
        T0 + 70 * MIN,
      ),
      newAction('a-email', { text: 'Agree quiet hours for email', owner: { kind: 'name', name: 'Priya Shah' }, due: '2027-02-01', status: 'done', themeId: 't-blame' }, 'actions', T0 + 72 * MIN),
    ],
  };
  const record = deriveOutcome({
    session: { id: 'sess-web', title: 'Team web: Café naïve ✓', createdAt: T0 },
    template,
    board: doc,
    state,
    people,
    takenAt: T0 + 80 * MIN,
  });
  doc.destroy();
  return { record, template };
}

/** A what-works learning circle: the story, starred strengths, a theme, take-aways and actions. */
export function learningCircleFixture(): Fixture {
  const template = getTemplate('what-works-circle');
  const doc = board();
  notes(doc, [
    { id: 'c-story', text: 'A family who would not open the door now calls me first', zone: 'story', x: 0.5, y: 0.2, by: 'ben' },
    { id: 'c-q', text: 'Who else made it possible?', zone: 'questions', x: 0.5, y: 0.3, by: 'amara', color: '#BFE3FF' },
    { id: 'c-withheld', text: WITHHELD_TEXT, zone: 'questions', x: 0.5, y: 0.6, by: 'amara' },
    { id: 'c-worked-1', text: 'Patience: six visits before the first conversation', zone: 'what-worked', x: 0.5, y: 0.3, by: 'amara', color: '#B7F0C1' },
    { id: 'c-worked-2', text: 'Being honest about the worry', zone: 'what-worked', x: 0.5, y: 0.5, by: 'fay', color: '#B7F0C1' },
    { id: 'c-why', text: UNICODE_TEXT, zone: 'why-it-worked', x: 0.5, y: 0.3, by: 'amara', color: '#DCCBFF' },
    { id: 'c-take', text: HOSTILE_TEXT, zone: 'takeaways', x: 0.5, y: 0.3, by: 'fay', color: '#FFD6A5' },
  ]);
  setNoteNoRecord(doc, 'c-withheld', true);
  setNoteStarred(doc, 'c-worked-1', true);
  groupNotes(doc, { id: 't-relationship', title: 'Relationship first', zone: 'what-worked', x: 0.5, y: 0.4, color: '#B7F0C1' }, ['c-worked-1', 'c-worked-2']);
  const base = initialSessionState(template, 'fay', false, T0);
  const state = {
    ...base,
    roles: { fay: 'facilitator' as const, amara: 'participant' as const, ben: 'presenter' as const },
    actions: [
      newAction('a-try', { text: 'Try six visits before escalating', owner: { kind: 'participant', participantId: 'ben' }, due: '2027-01-10', noteIds: ['c-worked-1'] }, 'actions', T0 + 50 * MIN),
      newAction('a-share', { text: 'Share the story at the team meeting', owner: { kind: 'name', name: 'Fay' }, due: null, themeId: 't-relationship' }, 'actions', T0 + 52 * MIN),
    ],
    endedAt: T0 + 60 * MIN,
  };
  const record = deriveOutcome({
    session: { id: 'sess-circle', title: 'Learning circle — December', createdAt: T0 },
    template,
    board: doc,
    state,
    people,
    takenAt: T0 + 60 * MIN,
  });
  doc.destroy();
  return { record, template };
}

/**
 * A follow-up of a learning circle: four actions carried over, reviewed done, dropped and carried
 * on (the last note trying a formula and Markdown), one not reviewed yet, and one written here.
 */
export function followUpFixture(): Fixture {
  const template = followUpTemplate(getTemplate('what-works-circle'));
  const doc = board();
  notes(doc, [{ id: 'f-story', text: 'The family kept the plan going over Christmas', zone: 'story', x: 0.5, y: 0.2, by: 'ben' }]);
  const before = [
    newAction('a-try', { text: 'Try six visits before escalating', owner: { kind: 'participant', participantId: 'old-ben' }, due: '2027-01-10' }, 'actions', T0 - 30 * MIN),
    newAction('a-ask', { text: 'Ask for a second worker', owner: { kind: 'name', name: 'Priya Shah' } }, 'actions', T0 - 30 * MIN),
    newAction('a-share', { text: 'Share the story at the team meeting' }, 'actions', T0 - 30 * MIN),
    newAction('a-read', { text: 'Read the new guidance together' }, 'actions', T0 - 30 * MIN),
  ];
  const carried = carriedActions(before, { sessionId: 'sess-circle', nameOf: (id) => (id === 'old-ben' ? 'Ben' : null) }, REVIEW_PHASE_ID, T0);
  const outcomes = { 'a-try': ['done', 'Six visits, and the door opened'], 'a-ask': ['dropped', 'No longer needed'], 'a-share': ['carried', HOSTILE_TEXT] } as const;
  const actions = carried.map((a) => {
    const o = outcomes[a.id as keyof typeof outcomes];
    return o ? reviewedAction(a, o[0], o[1], 'amara', T0 + 5 * MIN) : a;
  });
  const base = initialSessionState(template, 'fay', false, T0);
  const state = {
    ...base,
    roles: { fay: 'facilitator' as const, amara: 'participant' as const, ben: 'presenter' as const },
    phase: { id: 'story', index: template.phases.findIndex((p) => p.id === 'story') },
    actions: [...actions, newAction('a-new', { text: 'Write up the plan with the family', owner: { kind: 'participant', participantId: 'ben' } }, 'actions', T0 + 40 * MIN)],
  };
  const record = deriveOutcome({
    session: { id: 'sess-follow-up', title: 'Learning circle — January', createdAt: T0, previousSessionId: 'sess-circle' },
    template,
    board: doc,
    state,
    people,
    takenAt: T0 + 45 * MIN,
  });
  doc.destroy();
  return { record, template };
}
