import { useId } from 'react';
import type { Action } from '@balcony/shared';
import { useBoard, usePhase } from '../../board/BoardContext';
import { mayReviewAction } from '../../outcome/reviewRights';
import { ActionDetails } from '../actions/ActionDetails';
import { useActionViewer } from '../actions/useActionViewer';
import { ReviewControls } from './ReviewControls';
import { useReviewAnnouncements } from './useReviewAnnouncements';
import '../../styles/review.css';

/**
 * The review phase's work: each action carried over from the session before, with who had it and
 * by when, marked done, dropped or carried on with a note. Shown first in the actions panel while
 * the phase lasts; what was marked shows to everyone as the server's state arrives.
 */
export function ReviewPanel({ carried }: { carried: readonly Action[] }) {
  const { template } = useBoard();
  const phase = usePhase();
  const viewer = useActionViewer();
  const id = useId();
  const reviewed = carried.filter((a) => a.review !== null).length;
  useReviewAnnouncements(carried);

  return (
    <section className="review-panel" data-testid="review.panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{phase.name}</h3>
      {phase.instructions && <p className="hint">{phase.instructions}</p>}
      {carried.length === 0 ? (
        <p className="action-empty" data-testid="review.none">
          No actions were carried over: none was still open when the session before ended.
        </p>
      ) : (
        <>
          <p className="review-progress" data-testid="review.progress">
            {reviewed} of {carried.length} reviewed
          </p>
          <ol className="action-list" data-testid="review.list">
            {carried.map((a) => (
              <li key={a.id} className="action-item review-item" data-testid="review.item" data-action-id={a.id} aria-labelledby={`${id}-${a.id}`}>
                <p className="action-text" id={`${id}-${a.id}`} data-testid="review.item.text" dir="auto">
                  {a.text}
                </p>
                <ActionDetails action={a} />
                <ReviewControls action={a} mayReview={mayReviewAction(template, viewer, a)} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
