import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The words on the button that does it: "End session", "Delete for good". */
  confirmLabel: string;
  /** A step that cannot be undone is drawn as one. */
  danger?: boolean;
  testId: string;
  /** Does it; resolves with why it failed, or null once it is done (the dialog then closes). */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}

/**
 * Asks before a step that cannot be taken back. Cancel has focus first, so that Enter pressed
 * by habit does nothing; Escape cancels; a failure is said in the dialog, which stays open.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, testId, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setProblem(null);
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const confirm = async () => {
    setBusy(true);
    const failed = await onConfirm();
    setBusy(false);
    setProblem(failed);
    if (!failed) onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={open ? testId : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <div className="dialog-body">
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-body`} className="dialog-lead">
            {children}
          </div>
          {problem && (
            <p className="form-error" role="alert" data-testid={`${testId}.problem`}>
              {problem}
            </p>
          )}
          <div className="dialog-actions confirm-actions">
            <button ref={cancelRef} type="button" className="button" data-testid={`${testId}.cancel`} disabled={busy} onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className={`button ${danger ? 'button-danger' : 'button-primary'}`}
              data-testid={`${testId}.confirm`}
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? 'Please wait…' : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
