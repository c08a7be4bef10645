import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS, REVIEW_OUTCOMES, type Action, type ReviewOutcome } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { REVIEW_OUTCOME_HINTS, REVIEW_OUTCOME_WORDS, reviewFailureWords } from '../../outcome/reviewWords';

interface Props {
  action: Action;
  /** Called once the server took the review; and by Cancel, when there is one. */
  onDone: () => void;
  /** Called as the person first changes something in it. */
  onTouched?: () => void;
  /** Offered when an earlier review is being changed, to leave it as it was. */
  onCancel?: () => void;
  /** Opened by a button that is now gone: focus goes to the outcome chosen, so it is not lost. */
  focusOnOpen?: boolean;
}

/**
 * Marking one action carried over: done, dropped or carried on, as a radio group with the words
 * on it, and a short note on how it went. Plain form controls, so that it works by keyboard;
 * what the server refuses is said under the form.
 */
export function ReviewForm({ action, onDone, onTouched, onCancel, focusOnOpen }: Props) {
  const { conn, announcer } = useBoard();
  const id = useId();
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(action.review?.outcome ?? null);
  const [note, setNote] = useState(action.review?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const firstChoice = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const length = note.trim().length;
  const tooLong = length > LIMITS.reviewNoteMax;

  useEffect(() => {
    if (!focusOnOpen) return;
    (formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? firstChoice.current)?.focus();
    // Only as it opens.
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) {
      setProblem('Choose done, dropped or carried on first.');
      firstChoice.current?.focus();
      return;
    }
    if (tooLong) {
      setProblem(`The note is ${length - LIMITS.reviewNoteMax} characters too long.`);
      return;
    }
    setSending(true);
    const result = await conn.command({ type: 'action.review', actionId: action.id, outcome, note: note.trim() });
    setSending(false);
    if (!result.ok) {
      setProblem(reviewFailureWords(result));
      return;
    }
    setProblem(null);
    announcer.say(`Marked ${REVIEW_OUTCOME_WORDS[outcome].toLowerCase()}: ${action.text}`);
    onDone();
  };

  return (
    <form
      ref={formRef}
      className="review-form"
      data-testid="review.form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        // Escape leaves a review being changed as it was.
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      noValidate
    >
      <fieldset className="review-choices">
        <legend>
          How did it go? <span className="visually-hidden">“{action.text}”</span>
        </legend>
        {REVIEW_OUTCOMES.map((o, i) => (
          <label key={o} className="review-choice" data-testid={`review.choice.${o}`}>
            <input
              ref={i === 0 ? firstChoice : undefined}
              type="radio"
              name={`${id}-outcome`}
              value={o}
              checked={outcome === o}
              aria-describedby={`${id}-hint-${o}`}
              onChange={() => {
                setOutcome(o);
                setProblem(null);
                onTouched?.();
              }}
            />
            <span>
              <span className="review-choice-word">{REVIEW_OUTCOME_WORDS[o]}</span>{' '}
              <span className="review-choice-hint" id={`${id}-hint-${o}`}>
                {REVIEW_OUTCOME_HINTS[o]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field review-note-field">
        <label htmlFor={`${id}-note`}>
          Note <span className="optional">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          data-testid="review.note"
          rows={2}
          value={note}
          maxLength={LIMITS.reviewNoteMax + 50}
          aria-invalid={tooLong || undefined}
          aria-describedby={`${id}-count`}
          onChange={(e) => {
            setNote(e.target.value);
            onTouched?.();
          }}
        />
        <p className={`counter${tooLong ? ' counter-full' : ''}`} id={`${id}-count`} data-testid="review.note.count">
          {length} of {LIMITS.reviewNoteMax} characters
        </p>
      </div>
      {problem && (
        <p className="form-error" role="alert" data-testid="review.problem">
          {problem}
        </p>
      )}
      <div className="console-buttons">
        <button type="submit" className="button button-primary" data-testid="review.save" disabled={sending}>
          {sending ? 'Saving…' : action.review ? 'Save the change' : 'Save review'}
        </button>
        {onCancel && (
          <button type="button" className="button" data-testid="review.cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
