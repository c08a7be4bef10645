import { useEffect, useId, useRef, useState } from 'react';
import { currentPhase } from '@balcony/shared';
import { useAccess, useBoard, useSessionState, useViewFrame } from '../../board/BoardContext';
import { accessWords, phaseTitle } from '../../board/frames';
import { awayFromTarget, showTarget } from '../../board/follow';
import { useCommandRunner } from './useCommandRunner';
import { useTimerView } from './useTimerView';

/**
 * The slim bar under the top bar that everyone sees: the phase, its prompt, what this person can
 * do now, the time left; and a participant's own buttons: a raised hand, a private "I need a
 * pause", and the way back to where the facilitator brought everyone.
 */
export function PhaseBar() {
  const { template, me, announcer } = useBoard();
  const state = useSessionState();
  const access = useAccess();
  const frame = useViewFrame();
  const phase = currentPhase(template, state);
  const timer = useTimerView(state.timer);
  const { run, problem } = useCommandRunner();
  const [promptOpen, setPromptOpen] = useState(false);
  const id = useId();
  const isFacilitator = me.role === 'facilitator';
  const handUp = state.hands.includes(me.participantId);
  const pauseSent = state.pauseRequests.some((p) => p.participantId === me.participantId);
  const away = !isFacilitator && awayFromTarget(template, state.follow, frame);

  // Said once as the time runs out while the timer runs; nothing is cut off, so nothing else happens.
  const wasUp = useRef(timer.up);
  useEffect(() => {
    if (timer.up && !wasUp.current && timer.running) announcer.say(`Time's up for ${phase.name}.`);
    wasUp.current = timer.up;
  }, [timer.up, timer.running, announcer, phase.name]);

  return (
    <section className={`phase-bar${promptOpen ? ' is-open' : ''}`} aria-labelledby={`${id}-name`} data-testid="phasebar">
      <h2 className="phase-name" id={`${id}-name`} data-testid="phasebar.name" data-phase-id={phase.id}>
        {phaseTitle(template, phase)}
      </h2>
      <p
        className={`phase-time${timer.up ? ' is-up' : ''}`}
        role="timer"
        aria-label={timer.up ? timer.spoken : `Time left: ${timer.spoken}${timer.running ? '' : ', paused'}`}
        data-testid="phasebar.time"
        data-running={timer.running}
        data-up={timer.up}
      >
        <span aria-hidden="true">
          {timer.text}
          {!timer.up && !timer.running && <span className="phase-time-paused"> paused</span>}
        </span>
      </p>
      <div className="phase-prompt-row">
        {/* One line until opened (two on a phone), with what this person can do now (board.css). */}
        <div className="phase-details" id={`${id}-details`}>
          <p className="phase-prompt" data-testid="phasebar.prompt">
            {phase.instructions}
          </p>
          <p className={`phase-access${access.write ? '' : ' is-read-only'}`} data-testid="phasebar.access" data-write={access.write}>
            {accessWords(template, phase, access, me.role)}
          </p>
        </div>
        <button
          type="button"
          className="link-button phase-prompt-toggle"
          aria-expanded={promptOpen}
          aria-controls={`${id}-details`}
          data-testid="phasebar.more"
          onClick={() => setPromptOpen(!promptOpen)}
        >
          {promptOpen ? 'Show less' : 'Show all'}
        </button>
      </div>
      {(away || !isFacilitator) && (
        <div className="phase-actions">
          {away && state.follow && (
            <button type="button" className="button" data-testid="phasebar.followBack" onClick={() => showTarget(template, phase, state.follow!)}>
              Back to the facilitator's view
            </button>
          )}
          {!isFacilitator && (
            <>
              <button
                type="button"
                className="button"
                data-testid="phasebar.hand"
                data-raised={handUp}
                onClick={() => void run(handUp ? { type: 'hand.lower' } : { type: 'hand.raise' })}
              >
                {handUp ? 'Lower hand' : 'Raise hand'}
              </button>
              <button
                type="button"
                className="button"
                data-testid="phasebar.pause"
                data-sent={pauseSent}
                aria-describedby={`${id}-pause-hint`}
                // Not `disabled`: a disabled button drops keyboard focus just as it is pressed.
                aria-disabled={pauseSent || undefined}
                onClick={() => {
                  if (!pauseSent) void run({ type: 'pause.request' });
                }}
              >
                {pauseSent ? 'Pause asked for' : 'I need a pause'}
              </button>
              <span className="phase-pause-hint" id={`${id}-pause-hint`} data-testid="phasebar.pauseHint">
                {pauseSent ? 'Sent. Only the facilitator sees it.' : 'Only the facilitator sees it.'}
              </span>
            </>
          )}
        </div>
      )}
      <p className="phase-status" role="status" data-testid="phasebar.status">
        {problem}
      </p>
    </section>
  );
}
