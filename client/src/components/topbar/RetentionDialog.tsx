import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS, type Retention } from '@balcony/shared';
import { setRetention } from '../../api/http';
import { apiFailureWords } from '../../outcome/apiWords';
import { dateWords, expiryAfter } from '../../outcome/words';

interface Props {
  open: boolean;
  sessionId: string;
  token: string;
  retention: Retention;
  onSaved: (r: Retention) => void;
  onClose: () => void;
}

/** The facilitator sets how many days the session is kept after its last activity. */
export function RetentionDialog({ open, sessionId, token, retention, onSaved, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [days, setDays] = useState(String(retention.days));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setDays(String(retention.days));
      setProblem(null);
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= LIMITS.retentionDaysMax;

  const save = async () => {
    if (!valid) {
      setProblem(`Write a whole number of days from 1 to ${LIMITS.retentionDaysMax}.`);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await setRetention(sessionId, token, n));
      onClose();
    } catch (err) {
      setProblem(apiFailureWords(err, 'The change was not saved.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={open ? 'retentionDialog' : undefined}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form
          className="dialog-body"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2 id={`${id}-title`}>How long the session is kept</h2>
          <p className="dialog-lead">After its last activity, the session and its records are deleted from the server.</p>
          <div className="field">
            <label htmlFor={`${id}-days`}>Days to keep after the last activity</label>
            <input
              ref={inputRef}
              id={`${id}-days`}
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.retentionDaysMax}
              value={days}
              data-testid="retentionDialog.days"
              aria-invalid={problem !== null && !valid ? true : undefined}
              aria-describedby={`${id}-until`}
              onChange={(e) => setDays(e.target.value)}
            />
          </div>
          <p className="hint" id={`${id}-until`}>
            {valid ? `Kept until ${dateWords(expiryAfter(retention.lastActivityAt, n))}, unless there is more activity.` : `From 1 to ${LIMITS.retentionDaysMax} days.`}
          </p>
          {problem && (
            <p className="form-error" role="alert" data-testid="retentionDialog.problem">
              {problem}
            </p>
          )}
          <div className="dialog-actions confirm-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" data-testid="retentionDialog.save" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
