import type { VoteResult, VoteSetup, VoteView } from '@balcony/shared';

/**
 * Dot-voting as one person sees it: their dots, what they may vote on, and the results once the
 * vote has closed. The server keeps the count; this only reads what it sent.
 */

export function dotsLeft(vote: Pick<VoteView, 'setup' | 'mine'>): number {
  return Math.max(0, vote.setup.dotsPerPerson - vote.mine.length);
}

/** How many of this person's dots are on a target. */
export function myDotsOn(vote: Pick<VoteView, 'mine'> | null, targetId: string): number {
  return vote ? vote.mine.filter((t) => t === targetId).length : 0;
}

/** Whether a note or theme in a zone takes dots in this vote. */
export function takesDots(setup: Pick<VoteSetup, 'targets' | 'zones'>, kind: 'notes' | 'themes', zoneId: string): boolean {
  return setup.targets === kind && (!setup.zones || setup.zones.includes(zoneId));
}

/** The banner's words while a vote is open. */
export function dotsLeftWords(vote: Pick<VoteView, 'setup' | 'mine'>): string {
  return `Vote: ${dotsLeft(vote)} of ${vote.setup.dotsPerPerson} dots left`;
}

export function dotsWords(n: number): string {
  return n === 1 ? '1 dot' : `${n} dots`;
}

/** A closed vote's count on a target (0 when none landed on it). */
export function votesFor(results: readonly VoteResult[] | null, targetId: string): number {
  return results?.find((r) => r.targetId === targetId)?.votes ?? 0;
}

export interface RankedResult {
  targetId: string;
  votes: number;
  /** 1 for the most dots; targets with as many dots share a rank. */
  rank: number;
  /** The note's words or the theme's name; null when it is no longer on the board. */
  label: string | null;
}

/** The results, most dots first as the server ordered them, each with its rank and words. */
export function rankResults(results: readonly VoteResult[], labelOf: (targetId: string) => string | null): RankedResult[] {
  let rank = 0;
  let last = Number.NaN;
  return results.map((r, i) => {
    if (r.votes !== last) rank = i + 1;
    last = r.votes;
    return { targetId: r.targetId, votes: r.votes, rank, label: labelOf(r.targetId) };
  });
}

/** Why a vote cannot start with these numbers, in words for the form; null when it can. */
export function voteSetupProblem(setup: Pick<VoteSetup, 'dotsPerPerson' | 'maxPerTarget'>, max: number): string | null {
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!whole(setup.dotsPerPerson)) return `Give each person between 1 and ${max} dots.`;
  if (!whole(setup.maxPerTarget)) return `Allow between 1 and ${max} dots on one note.`;
  if (setup.maxPerTarget > setup.dotsPerPerson) return 'Nobody can put more dots on one note than they have.';
  return null;
}
