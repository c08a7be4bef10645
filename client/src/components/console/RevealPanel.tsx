import { useId } from 'react';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { phaseIsPrivate, privateNotesWords, privateTotal } from '../../board/privateWriting';
import type { CommandRunner } from '../session/useCommandRunner';
import '../../styles/private.css';

/**
 * Private writing, on the console: how many private notes there are in all (never their words),
 * and the reveal that puts every one of them on the shared board at once, shuffled.
 */
export function RevealPanel({ run }: Pick<CommandRunner, 'run'>) {
  const { template } = useBoard();
  const state = useSessionState();
  const id = useId();
  const total = privateTotal(state.privateCounts);
  if (!phaseIsPrivate(template, state) && total === 0) return null;

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.reveal">
      <h3 id={`${id}-title`}>Private writing</h3>
      <p className="hint" id={`${id}-count`} data-testid="console.reveal.count" data-count={total}>
        {total === 0 ? 'No private notes now.' : `${privateNotesWords(total)} in all, not yet revealed.`} Nobody sees another person's
        notes until you reveal them.
      </p>
      <div className="console-buttons">
        <button
          type="button"
          className="button button-primary"
          data-testid="console.reveal.button"
          aria-describedby={`${id}-count`}
          onClick={() => void run({ type: 'reveal' })}
        >
          Reveal notes
        </button>
      </div>
    </section>
  );
}
