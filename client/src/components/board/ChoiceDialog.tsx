import { useEffect, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

interface ChoiceDialogProps {
  dialogRef: RefObject<HTMLDialogElement | null>;
  open: boolean;
  /** Set on the dialog while it is open. */
  testId: string;
  titleId: string;
  /** The options the arrow keys, Home and End move between. */
  optionSelector: string;
  /** The option that takes focus on opening; the first one otherwise. */
  initialFocus?: (options: HTMLButtonElement[]) => HTMLButtonElement | undefined;
  /** Escape, or a click on the backdrop. */
  onCancel(): void;
  children: ReactNode;
}

/**
 * A modal list of choices about one note ("Move to zone…", "Group with…"): it opens and closes
 * with `open`, moves focus between its options with the arrow keys, Home and End, and is
 * cancelled by Escape or a click beside it.
 */
export function ChoiceDialog({ dialogRef, open, testId, titleId, optionSelector, initialFocus, onCancel, children }: ChoiceDialogProps) {
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const options = [...dialog.querySelectorAll<HTMLButtonElement>(optionSelector)];
      (initialFocus?.(options) ?? options[0])?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    // Focus is placed once, as the dialog opens.
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const options = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(optionSelector)];
    const i = options.indexOf(document.activeElement as HTMLButtonElement);
    const last = options.length - 1;
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? last : e.key === 'ArrowDown' ? (i + 1) % options.length : (i - 1 + options.length) % options.length;
    e.preventDefault();
    options[next]?.focus();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog move-dialog"
      data-testid={open ? testId : undefined}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
