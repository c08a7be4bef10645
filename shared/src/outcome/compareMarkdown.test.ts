import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, initBoardMeta, moveNote, setNoteText } from '../board/document.js';
import { carriedActions, changedAction, newAction, reviewedAction, type Action } from '../actions.js';
import { initialSessionState } from '../sessionState.js';
import { getTemplate } from '../templates/index.js';
import { followUpTemplate } from '../templates/followUp.js';
import { deriveOutcome } from './derive.js';
import { compareRecords } from './compare.js';
import { compareMarkdown } from './compareMarkdown.js';
import { markdownInline } from './markdownText.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0);
const MIN = 60_000;
const web = getTemplate('cultural-web');

function record(board: Y.Doc, title: string, takenAt: number, actions: Action[]) {
  return deriveOutcome({
    session: { id: 's1', title, createdAt: T0 },
    template: web,
    board,
    state: { ...initialSessionState(web, 'fay', false, T0), actions },
    people: [{ id: 'fay', name: 'Fay', role: 'facilitator' }],
    takenAt,
  });
}

describe('compareMarkdown', () => {
  const board = new Y.Doc();
  initBoardMeta(board);
  const note = (id: string, text: string, zone: string, y: number) => addNote(board, { id, text, zone, x: 0.5, y, color: '#FFE98F', authorId: 'fay', createdAt: T0 });
  note('n1', 'Heroes stay late', 'stories', 0.1);
  note('n2', 'Open-plan office', 'symbols', 0.1);
  note('n3', 'Decisions made by the head of service', 'power', 0.1);
  note('n4', 'Targets checked every week', 'controls', 0.1);
  const action = newAction('a1', { text: 'Draft a no-blame debrief routine', owner: { kind: 'name', name: 'Amara' } }, 'actions', T0);
  const before = record(board, 'Team web', T0 + 10 * MIN, [action]);
  note('n5', '# not a heading <script>alert(1)</script>', 'rituals', 0.2);
  deleteNote(board, 'n2');
  moveNote(board, 'n3', { zone: 'structures', x: 0.5, y: 0.5 });
  setNoteText(board, 'n4', 'Targets checked every month');
  const after = record(board, 'Team web', T0 + 55 * MIN, [changedAction(action, { status: 'done' }, T0 + 50 * MIN)]);
  const result = compareRecords(before, after);
  if (!result.ok) throw new Error(result.message);
  const md = compareMarkdown(result.comparison);

  it('names the session and both snapshots, with their times, then the counts', () => {
    expect(md.startsWith('# Comparison: Team web\n')).toBe(true);
    expect(md).toContain('- Template: Cultural web');
    expect(md).toContain('- Before: Team web, session of 2026-12-02, snapshot 2026-12-02 09:10 UTC');
    expect(md).toContain('- After: Team web, session of 2026-12-02, snapshot 2026-12-02 09:55 UTC');
    expect(md).toContain('- 1 note added\n- 1 note removed\n- 1 note moved to another zone\n- 1 note changed\n- 1 note unchanged\n- Actions: 1 changed status');
  });

  it('lists each zone\'s changes under its frame, with the words before and after', () => {
    const current = md.slice(md.indexOf('## The web as it is now'), md.indexOf('## The web as we want it'));
    expect(current).toContain('### Stories\n\nNo changes: 1 note as before.');
    expect(current).toContain('### Symbols\n\nRemoved:\n\n- “Open-plan office”');
    expect(current).toContain('### Organisational structures\n\nMoved here:\n\n- “Decisions made by the head of service” — from Power structures (The web as it is now)');
    expect(current).toContain('### Power structures\n\nMoved away:\n\n- “Decisions made by the head of service” — to Organisational structures (The web as it is now)');
    expect(current).toContain('### Control systems\n\nChanged:\n\n- “Targets checked every week” → “Targets checked every month”');
    expect(md).toContain('### Paradigm\n\nNo notes then or now.');
  });

  it('escapes what was typed, so it cannot become HTML or a heading', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('Added:\n\n- “\\# not a heading \\<script\\>alert(1)\\</script\\>”');
    expect(md).not.toMatch(/^# not a heading/m);
    expect(markdownInline('# heading')).toBe('\\# heading');
    expect(markdownInline('a | b')).toBe('a \\| b');
  });

  it('ends with the actions then and now in a table', () => {
    const actions = md.slice(md.indexOf('## Actions then and now'));
    expect(actions).toContain('| Action | Owner | Then | Now | What changed |');
    expect(actions).toContain('| Draft a no-blame debrief routine | Amara | open | done | open → done |');
  });
});

describe('compareMarkdown, along a follow-up', () => {
  it('says which action was carried over and how its review found it, and which was left behind as done', () => {
    const board = new Y.Doc();
    initBoardMeta(board);
    const open = newAction('a-open', { text: 'Agree quiet hours for email' }, 'actions', T0);
    const done = changedAction(newAction('a-done', { text: 'Book a case discussion' }, 'actions', T0), { status: 'done' }, T0);
    const before = record(board, 'Team web', T0 + 10 * MIN, [open, done]);
    const [carried] = carriedActions([open, done], { sessionId: 's1', nameOf: () => null }, 'review-actions', T0 + 60 * MIN);
    const after = deriveOutcome({
      session: { id: 's2', title: 'Team web, follow-up', createdAt: T0 + 60 * MIN, previousSessionId: 's1' },
      template: followUpTemplate(web),
      board,
      state: { ...initialSessionState(followUpTemplate(web), 'fay', false, T0 + 60 * MIN), actions: [reviewedAction(carried!, 'carried', 'Halfway | there', 'fay', T0 + 61 * MIN)] },
      people: [{ id: 'fay', name: 'Fay', role: 'facilitator' }],
      takenAt: T0 + 70 * MIN,
    });
    const result = compareRecords(before, after);
    if (!result.ok) throw new Error(result.message);
    const md = compareMarkdown(result.comparison);
    expect(md.startsWith('# Comparison: Team web and Team web, follow-up\n')).toBe(true);
    expect(md).toContain('| Agree quiet hours for email | (none) | open | open | no change of status; carried over, reviewed carried on: “Halfway \\| there” |');
    expect(md).toContain('| Book a case discussion | (none) | done | — | not carried over: it was done |');
  });
});
