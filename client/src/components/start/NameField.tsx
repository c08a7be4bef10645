import { LIMITS } from '@balcony/shared/light';

interface Props {
  /** Prefix for the input's and hint's ids (from useId). */
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  autoFocus?: boolean;
}

/** "Your name", as both forms ask for it: the group sees it next to the person's notes. */
export function NameField({ id, testId, value, onChange, optional = false, autoFocus = false }: Props) {
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
        maxLength={LIMITS.nameMax}
        autoComplete="off"
        autoFocus={autoFocus}
        aria-describedby={`${id}-name-hint`}
      />
      <p className="hint" id={`${id}-name-hint`}>
        Shown to the group next to your notes.
      </p>
    </div>
  );
}
