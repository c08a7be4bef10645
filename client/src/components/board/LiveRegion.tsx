import { useBoard, useStore } from '../../board/BoardContext';

/** The polite live region for what happens on the board. */
export function LiveRegion() {
  const { announcer } = useBoard();
  const { text, seq } = useStore(announcer.current);
  // A trailing no-break space on every other message makes a repeated sentence count as new.
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="board.announcement">
      {text ? text + (seq % 2 ? '\u00a0' : '') : ''}
    </div>
  );
}
