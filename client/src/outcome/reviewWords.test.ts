import { describe, expect, it } from 'vitest';
import { REVIEW_OUTCOMES } from '@balcony/shared';
import { REVIEW_OUTCOME_WORDS, reviewFailureWords } from './reviewWords';

describe('reviewFailureWords', () => {
  it("says who may review when the server refuses, rather than that only a facilitator may", () => {
    const words = reviewFailureWords({ ok: false, error: { code: 'forbidden', message: 'Actions carried over are reviewed in the review phase.' } });
    expect(words).toBe("Actions carried over are reviewed in the review phase. A facilitator or the action's owner can still mark it.");
    expect(words).not.toContain('Only a facilitator');
  });

  it('passes on why an action cannot be reviewed, and says what to do when nothing was sent', () => {
    expect(reviewFailureWords({ ok: false, error: { code: 'invalid_command', message: 'Only an action carried over from the session before is reviewed.' } })).toBe(
      'Only an action carried over from the session before is reviewed.',
    );
    expect(reviewFailureWords({ ok: false, error: { code: 'offline', message: 'not connected' } })).toContain("You're offline");
  });

  it('names every outcome in words', () => {
    expect(REVIEW_OUTCOMES.map((o) => REVIEW_OUTCOME_WORDS[o])).toEqual(['Done', 'Dropped', 'Carried on']);
  });
});
