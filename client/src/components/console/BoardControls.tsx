import { useId } from 'react';
import { zoneById } from '@balcony/shared';
import { useBoard, useSessionState, useViewFrame } from '../../board/BoardContext';
import { targetName } from '../../board/follow';
import { useUi } from '../../state/ui';
import type { CommandRunner } from '../session/useCommandRunner';

/**
 * The board for everyone: locked (only facilitators write) or open as the phase allows, and
 * follow-me, which brings everyone's board to the frame, or the zone, the facilitator has in view.
 */
export function BoardControls({ run }: Pick<CommandRunner, 'run'>) {
  const { template } = useBoard();
  const { locked, follow } = useSessionState();
  const frame = useViewFrame();
  const activeZoneId = useUi((s) => s.activeZoneId);
  const zone = activeZoneId ? zoneById(frame, activeZoneId) : undefined;
  const id = useId();
  const several = template.frames.length > 1;

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.board">
      <h3 id={`${id}-title`}>Board</h3>
      <div className="console-buttons">
        <button
          type="button"
          className="button"
          data-testid="console.lock"
          data-locked={locked}
          aria-pressed={locked}
          aria-describedby={`${id}-lock`}
          onClick={() => void run({ type: 'board.lock', locked: !locked })}
        >
          Lock board
        </button>
      </div>
      <p className="hint" id={`${id}-lock`} data-testid="console.lockState">
        {locked ? 'Locked: only facilitators write now.' : 'Open: people write as the phase allows.'}
      </p>

      <h4 className="console-subhead">Follow me</h4>
      <p className="hint" data-testid="console.followState">
        {follow ? `Everyone was brought to ${targetName(template, follow)}. They can still look around.` : 'Everyone looks where they choose.'}
      </p>
      <div className="console-buttons">
        {several && (
          <button type="button" className="button" data-testid="console.follow" onClick={() => void run({ type: 'follow.set', target: frame.id })}>
            Bring everyone to {frame.label}
          </button>
        )}
        {zone && (
          <button type="button" className="button" data-testid="console.follow.zone" onClick={() => void run({ type: 'follow.set', target: zone.id })}>
            Bring everyone to {zone.label}
          </button>
        )}
        {follow && (
          <button type="button" className="button" data-testid="console.follow.stop" onClick={() => void run({ type: 'follow.set', target: null })}>
            Stop following
          </button>
        )}
      </div>
      {!several && !zone && <p className="hint">Choose a zone on the board to bring everyone to it.</p>}
    </section>
  );
}
