import { useContext } from 'react';
import type { ActionReview, ReviewOutcome } from '@balcony/shared';
import { NamesContext, useBoard } from '../../board/BoardContext';
import { REVIEW_OUTCOME_WORDS } from '../../outcome/reviewWords';
import { dateTimeWords } from '../../outcome/words';

/** A mark beside the words, for a reader who scans: never the only sign of the outcome. */
const OUTCOME_MARKS: Record<ReviewOutcome, string> = { done: '✓', dropped: '✕', carried: '→' };

/** How the review found an action: the outcome in words, its note, and who marked it when. */
export function ReviewSummary({ review }: { review: ActionReview | null }) {
  const { me } = useBoard();
  const names = useContext(NamesContext);
  if (!review) {
    return (
      <p className="review-summary is-pending" data-testid="review.item.pending">
        Not reviewed yet.
      </p>
    );
  }
  const by = review.by === me.participantId ? 'you' : (names.get(review.by) ?? 'someone who left');
  return (
    <div className="review-summary" data-testid="review.item.summary" data-outcome={review.outcome}>
      <p>
        <span className={`review-outcome is-${review.outcome}`}>
          <span aria-hidden="true">{OUTCOME_MARKS[review.outcome]} </span>
          <span data-testid="review.item.outcome">{REVIEW_OUTCOME_WORDS[review.outcome]}</span>
        </span>{' '}
        <span className="review-by" data-testid="review.item.by">
          — marked by {by}, {dateTimeWords(review.at)}
        </span>
      </p>
      {review.note && (
        <p className="review-note" data-testid="review.item.note" dir="auto">
          {review.note}
        </p>
      )}
    </div>
  );
}
