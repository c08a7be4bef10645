import { useState, type ClipboardEvent, type FormEvent } from 'react';

/** How close to its limit a field must be before the counter shows. */
function threshold(max: number): number {
  return Math.max(10, Math.round(max * 0.2));
}

/**
 * Keeps a field's length limit from being silent: the input has `maxlength`, a counter shows
 * near the limit, and a screen reader hears when it gets close, when it is full, and when a
 * paste did not fit. Announcements come at those moments only, not at every key.
 */
export function useLengthLimit(value: string, max: number, noun: string) {
  const [cut, setCut] = useState<number | null>(null);
  const left = max - value.length;
  const showCounter = left <= threshold(max);

  let announcement = '';
  if (cut !== null) announcement = `Only the first ${cut} characters of what you pasted fit: ${noun} holds up to ${max}.`;
  else if (left <= 0) announcement = `No more room: ${noun} holds up to ${max} characters.`;
  else if (left <= 5) announcement = '5 or fewer characters left.';
  else if (showCounter) announcement = `${threshold(max)} or fewer characters left.`;

  function onPaste(e: ClipboardEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const pasted = e.clipboardData.getData('text').length;
    const selected = (input.selectionEnd ?? 0) - (input.selectionStart ?? 0);
    const room = max - (input.value.length - selected);
    setCut(pasted > room ? Math.max(0, room) : null);
  }

  return {
    showCounter,
    counterText: left <= 0 ? `${max} of ${max} characters: full` : `${value.length} of ${max} characters`,
    announcement,
    full: left <= 0,
    onPaste,
    /** Typing after a paste makes its message old news. */
    onInput(e: FormEvent<HTMLInputElement>) {
      if ((e.nativeEvent as InputEvent).inputType !== 'insertFromPaste' && cut !== null) setCut(null);
    },
  };
}

interface Props {
  id: string;
  limit: ReturnType<typeof useLengthLimit>;
}

/** The counter under a field, and the polite live region that speaks for it. */
export function LengthCounter({ id, limit }: Props) {
  return (
    <>
      <p className={limit.full ? 'counter counter-full' : 'counter'} id={id} hidden={!limit.showCounter}>
        {limit.counterText}
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {limit.announcement}
      </p>
    </>
  );
}
