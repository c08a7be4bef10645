import type { ReviewOutcome } from '@balcony/shared';
import { commandFailureWords, type CommandFailure } from '../session/sessionCommands';

/** Each outcome of a review, as the buttons and the record say it. */
export const REVIEW_OUTCOME_WORDS: Record<ReviewOutcome, string> = { done: 'Done', dropped: 'Dropped', carried: 'Carried on' };

/** What each outcome does to the action, said beside the choice. */
export const REVIEW_OUTCOME_HINTS: Record<ReviewOutcome, string> = {
  done: 'it was done',
  dropped: 'it is no longer needed',
  carried: 'it stays open in this session',
};

/**
 * Why a review was refused. The server's own words say who may review and when, which the
 * general "only a facilitator" would get wrong here: the group reviews in the review phase.
 */
export function reviewFailureWords(failure: CommandFailure): string {
  if (failure.error.code === 'forbidden') return `${failure.error.message} A facilitator or the action's owner can still mark it.`;
  if (failure.error.code === 'invalid_command' && failure.error.message) return failure.error.message;
  return commandFailureWords(failure);
}
