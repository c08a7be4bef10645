import { describe, expect, it } from 'vitest';
import { SESSION_ROLES, type SessionRole } from './sessionState.js';
import { READ_ONLY_REASONS, accessIn, boardAccess, currentPhase, roleIn } from './permissions.js';
import { getTemplate, type PhaseWriter } from './templates/index.js';
import { initialSessionState } from './sessionState.js';

const WRITER_SETS: PhaseWriter[][] = [
  ['facilitator'],
  ['presenter'],
  ['participant'],
  ['participant', 'facilitator'],
  ['presenter', 'participant'],
];

describe('boardAccess: phase × role × lock', () => {
  // Every combination, against the rule written out once more in the plainest terms.
  for (const writers of WRITER_SETS) {
    for (const role of SESSION_ROLES) {
      for (const locked of [false, true]) {
        const expected =
          role === 'facilitator' ||
          (!locked && ((role === 'presenter' && writers.includes('presenter')) || (role === 'participant' && writers.includes('participant'))));
        it(`${role}, writers [${writers.join(', ')}], ${locked ? 'locked' : 'open'}: ${expected ? 'writes' : 'reads'}`, () => {
          const access = boardAccess({ writers }, role, locked);
          expect(access.write).toBe(expected);
          if (!access.write) expect(Object.values(READ_ONLY_REASONS)).toContain(access.reason);
        });
      }
    }
  }

  it('lets only facilitators edit and delete other people\'s notes', () => {
    const edits = (role: SessionRole) => {
      const a = boardAccess({ writers: ['participant', 'presenter'] }, role, false);
      return a.write && a.editOthers;
    };
    expect(SESSION_ROLES.filter(edits)).toEqual(['facilitator']);
  });

  it('gives the reasons the board shows', () => {
    expect(boardAccess({ writers: ['participant'] }, 'presenter', false)).toMatchObject({ reason: 'The presenter is listening' });
    expect(boardAccess({ writers: ['participant'] }, 'participant', true)).toMatchObject({ reason: 'Board locked' });
    expect(boardAccess({ writers: ['presenter'] }, 'participant', false)).toMatchObject({ reason: 'The presenter writes in this phase' });
    expect(boardAccess({ writers: ['participant'] }, 'observer', false)).toMatchObject({ reason: 'You are observing' });
  });
});

describe('access in a session', () => {
  const circle = getTemplate('what-works-circle');

  it('follows the learning circle phase by phase for a presenter and a group member', () => {
    const base = initialSessionState(circle, 'fay');
    const roles = { fay: 'facilitator' as const, pat: 'presenter' as const, amara: 'participant' as const };
    const seen = circle.phases.map((phase, index) => {
      const state = { ...base, roles, phase: { id: phase.id, index } };
      return [phase.id, accessIn(circle, state, 'pat').write, accessIn(circle, state, 'amara').write];
    });
    expect(seen).toEqual([
      ['welcome', false, false],
      ['story', true, false],
      ['questions', false, true],
      ['reflecting', false, true],
      ['response', true, false],
      ['learning', true, true],
      ['actions', true, true],
    ]);
  });

  it('falls back to the first phase for an unknown id, and to the joined role for an unlisted person', () => {
    const state = { ...initialSessionState(circle, 'fay'), phase: { id: 'gone', index: 3 } };
    expect(currentPhase(circle, state).id).toBe('welcome');
    expect(roleIn(state, 'old-facilitator', 'facilitator')).toBe('facilitator');
    expect(roleIn(state, 'someone')).toBe('participant');
  });
});
