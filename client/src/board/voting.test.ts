import { describe, expect, it } from 'vitest';
import { dotsLeft, dotsLeftWords, myDotsOn, rankResults, takesDots, voteSetupProblem, votesFor } from './voting';

const setup = { dotsPerPerson: 3, maxPerTarget: 2, targets: 'notes' as const };

describe('one person’s dots', () => {
  it('counts what is left and what is on each note', () => {
    const vote = { setup, mine: ['a', 'a'] };
    expect(dotsLeft(vote)).toBe(1);
    expect(dotsLeftWords(vote)).toBe('Vote: 1 of 3 dots left');
    expect(myDotsOn(vote, 'a')).toBe(2);
    expect(myDotsOn(vote, 'b')).toBe(0);
    expect(myDotsOn(null, 'a')).toBe(0);
    expect(dotsLeft({ setup, mine: ['a', 'b', 'c', 'd'] })).toBe(0);
  });

  it('votes on the kind the vote is about, in its zones only when it names some', () => {
    expect(takesDots(setup, 'notes', 'keep')).toBe(true);
    expect(takesDots(setup, 'themes', 'keep')).toBe(false);
    expect(takesDots({ ...setup, zones: ['keep'] }, 'notes', 'stop')).toBe(false);
    expect(takesDots({ ...setup, zones: ['keep'] }, 'notes', 'keep')).toBe(true);
  });
});

describe('results', () => {
  it('rank the targets, sharing a rank on a tie, with their words', () => {
    const ranked = rankResults(
      [
        { targetId: 'a', votes: 4 },
        { targetId: 'b', votes: 2 },
        { targetId: 'c', votes: 2 },
        { targetId: 'gone', votes: 1 },
      ],
      (id) => (id === 'gone' ? null : id.toUpperCase()),
    );
    expect(ranked.map((r) => [r.rank, r.label])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [2, 'C'],
      [4, null],
    ]);
    expect(votesFor([{ targetId: 'a', votes: 4 }], 'a')).toBe(4);
    expect(votesFor(null, 'a')).toBe(0);
  });
});

describe('setting up a vote', () => {
  it('refuses numbers the server would refuse', () => {
    expect(voteSetupProblem({ dotsPerPerson: 3, maxPerTarget: 2 }, 20)).toBeNull();
    expect(voteSetupProblem({ dotsPerPerson: 0, maxPerTarget: 1 }, 20)).toMatch(/between 1 and 20/);
    expect(voteSetupProblem({ dotsPerPerson: 2, maxPerTarget: 3 }, 20)).toMatch(/more dots on one note/);
    expect(voteSetupProblem({ dotsPerPerson: 2.5, maxPerTarget: 1 }, 20)).not.toBeNull();
  });
});
