import { useEffect, useRef, useState } from 'react';
import type { Action } from '@balcony/shared';
import { ReviewForm } from './ReviewForm';
import { ReviewSummary } from './ReviewSummary';

/**
 * An action carried over, as its review stands, and for those who may, the way to mark it: the
 * form straight away while it is not reviewed, behind "Change" once it is.
 */
export function ReviewControls({ action, mayReview }: { action: Action; mayReview: boolean }) {
  const [changing, setChanging] = useState(false);
  const changeRef = useRef<HTMLButtonElement>(null);
  // Set when the form closes over a review: "Change" takes focus once it is drawn again.
  const refocus = useRef(false);
  const reviewed = action.review !== null;

  // Until the server's new state has come, the form may still be on screen: wait for the button.
  useEffect(() => {
    if (changing || !refocus.current || !changeRef.current) return;
    refocus.current = false;
    changeRef.current.focus();
  }, [changing, reviewed]);

  const close = () => {
    refocus.current = true;
    setChanging(false);
    // When the new state came before the answer, the form is gone already and the effect has run.
    requestAnimationFrame(() => {
      if (!refocus.current || !changeRef.current) return;
      refocus.current = false;
      changeRef.current.focus();
    });
  };

  if (mayReview && (!reviewed || changing)) {
    return (
      <>
        {reviewed && <ReviewSummary review={action.review} />}
        {/* Once touched, the form stays open even if someone else marks the action meanwhile. */}
        <ReviewForm action={action} onTouched={() => setChanging(true)} onDone={close} onCancel={reviewed ? close : undefined} focusOnOpen={changing} />
      </>
    );
  }
  return (
    <>
      <ReviewSummary review={action.review} />
      {mayReview && (
        <div className="console-buttons">
          <button ref={changeRef} type="button" className="button" data-testid="review.change" onClick={() => setChanging(true)}>
            Change<span className="visually-hidden"> the review of “{action.text}”</span>
          </button>
        </div>
      )}
    </>
  );
}
