import { useId } from 'react';
import { currentPhase } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { phaseTitle } from '../../board/frames';
import { useTimerView } from '../session/useTimerView';
import type { CommandRunner } from '../session/useCommandRunner';

/** The phase now: its time and the timer's controls, the way to the next or previous phase, and its script. */
export function PhaseNow({ run }: Pick<CommandRunner, 'run'>) {
  const { template } = useBoard();
  const state = useSessionState();
  const phase = currentPhase(template, state);
  const timer = useTimerView(state.timer);
  const id = useId();
  const index = template.phases.indexOf(phase);
  const first = index <= 0;
  const last = index >= template.phases.length - 1;

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.now">
      <h3 id={`${id}-title`}>{phaseTitle(template, phase)}</h3>
      <p className={`console-time${timer.up ? ' is-up' : ''}`} role="timer" data-testid="console.timer.time" data-running={timer.running}>
        <span aria-hidden="true">{timer.text}</span>
        <span className="visually-hidden">{timer.spoken}</span>
        <span className="console-time-state">{timer.up ? '' : timer.running ? ' running' : ' paused'}</span>
      </p>
      <div className="console-buttons" role="group" aria-label="Timer">
        {/* One button that changes, so that focus stays on it as the timer starts and stops. */}
        <button
          type="button"
          className="button button-primary"
          data-testid={timer.running ? 'console.timer.pause' : 'console.timer.start'}
          onClick={() => void run({ type: timer.running ? 'timer.pause' : 'timer.start' })}
        >
          {timer.running ? 'Pause timer' : 'Start timer'}
        </button>
        <button type="button" className="button" data-testid="console.timer.subtract" onClick={() => void run({ type: 'timer.add', seconds: -60 })}>
          −1 min
        </button>
        <button type="button" className="button" data-testid="console.timer.add" onClick={() => void run({ type: 'timer.add', seconds: 60 })}>
          +1 min
        </button>
      </div>
      <div className="console-buttons" role="group" aria-label="Phase">
        <button
          type="button"
          className="button"
          data-testid="console.phase.back"
          // Not `disabled`: a disabled button would drop focus on the first phase.
          aria-disabled={first || undefined}
          onClick={() => {
            if (!first) void run({ type: 'phase.back' });
          }}
        >
          <span aria-hidden="true">‹ </span>Back<span className="visually-hidden"> to the previous phase</span>
        </button>
        <button
          type="button"
          className="button"
          data-testid="console.phase.next"
          aria-disabled={last || undefined}
          onClick={() => {
            if (!last) void run({ type: 'phase.next' });
          }}
        >
          Next<span className="visually-hidden"> phase</span>
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <h4 className="console-subhead">Script</h4>
      <p className="console-script" data-testid="console.script">
        {phase.script}
      </p>
    </section>
  );
}
