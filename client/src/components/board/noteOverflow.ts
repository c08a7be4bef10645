/**
 * Marks each note whose words do not all fit its box, so that it can say it holds more, and lets
 * the keyboard reach its words: an open note longer than the screen scrolls them. Measured
 * only while a note is at its usual size: an open (hovered, selected, edited) note keeps its mark.
 * The note's inner size is in its own units, so the board's scale never changes the answer.
 */
export function markNotesThatHoldMore(root: HTMLElement): void {
  for (const note of root.querySelectorAll<HTMLElement>('[data-testid="board.note"]')) {
    if (note.matches(':hover, :focus-within, .is-selected, .is-editing, .is-dragging')) continue;
    const text = note.querySelector<HTMLElement>('[data-testid="board.note.text"]');
    if (!text) continue;
    const more = text.scrollHeight > text.clientHeight + 1;
    if ((note.dataset.more === 'true') !== more) note.dataset.more = String(more);
    // Tab from the note reaches its words, where the arrow keys scroll rather than nudge.
    const stop = more ? 0 : -1;
    if (text.tabIndex !== stop) {
      if (more) text.tabIndex = 0;
      else text.removeAttribute('tabindex');
    }
  }
}
