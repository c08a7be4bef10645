import { LIMITS } from '@balcony/shared/light';
import { LengthCounter, useLengthLimit } from './LengthLimit';

interface Props {
  /** Prefix for the input's and hint's ids (from useId). */
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  autoFocus?: boolean;
  /** What is wrong with the name, shown and read by the field. */
  error?: string | null;
}

/** "Your name", as both forms ask for it: the group sees it next to the person's notes. */
export function NameField({ id, testId, value, onChange, optional = false, autoFocus = false, error = null }: Props) {
  const limit = useLengthLimit(value, LIMITS.nameMax, 'a name');
  const described = [error && `${id}-name-error`, `${id}-name-hint`, limit.showCounter && `${id}-name-count`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={`${id}-name`}>
        Your name{optional && <> <span className="optional">(optional)</span></>}
      </label>
      <input
        id={`${id}-name`}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onInput={limit.onInput}
        onPaste={limit.onPaste}
        maxLength={LIMITS.nameMax}
        dir="auto"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
      />
      {error && <FieldError id={`${id}-name-error`} message={error} />}
      <p className="hint" id={`${id}-name-hint`}>
        Shown to the group next to your notes.
      </p>
      <LengthCounter id={`${id}-name-count`} limit={limit} />
    </div>
  );
}

/** A field's own error, shown next to it and read with it. */
export function FieldError({ id, message, testId = 'start.field-error' }: { id: string; message: string; testId?: string }) {
  return (
    <p className="field-error" id={id} data-testid={testId}>
      <span aria-hidden="true" className="form-error-icon">!</span>
      {message}
    </p>
  );
}
