import { useId, useState } from 'react';
import { LIMITS, currentPhase, templateZones, type VoteTargetKind } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import { voteSetupProblem } from '../../board/voting';
import type { CommandRunner } from '../session/useCommandRunner';

/**
 * Dot-voting, run from the console: how many dots each person has, how many may go on one note,
 * whether people vote on notes or themes, and whether only in this phase's zones. While a vote is
 * open the facilitator sees how many dots are cast, never where: tallies stay hidden until it closes.
 * Drawn first, and marked, in a phase that votes.
 */
export function VotePanel({ run, prominent }: Pick<CommandRunner, 'run'> & { prominent: boolean }) {
  const { template } = useBoard();
  const state = useSessionState();
  const phase = currentPhase(template, state);
  const vote = state.vote;
  const id = useId();
  const [dots, setDots] = useState(3);
  const [most, setMost] = useState(2);
  const [targets, setTargets] = useState<VoteTargetKind>('notes');
  const [phaseZones, setPhaseZones] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const zoneNames = templateZones(template)
    .filter((z) => phase.zones.includes(z.id))
    .map((z) => z.label);

  const start = async () => {
    const setup = { dotsPerPerson: dots, maxPerTarget: most };
    const wrong = voteSetupProblem(setup, LIMITS.dotsPerPersonMax);
    setProblem(wrong);
    if (wrong) return;
    await run({ type: 'vote.open', ...setup, targets, ...(phaseZones && phase.zones.length > 0 ? { zones: phase.zones } : {}) });
  };

  return (
    <section
      className={`console-section${prominent ? ' is-prominent' : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="console.vote"
      data-prominent={prominent}
    >
      <h3 id={`${id}-title`}>Vote{prominent && <span className="console-phase-now"> (this phase votes)</span>}</h3>
      {vote?.open ? (
        <>
          <p className="console-count-large" data-testid="console.vote.cast" data-cast={vote.castTotal ?? 0} role="status">
            {vote.castTotal === 1 ? '1 dot cast' : `${vote.castTotal ?? 0} dots cast`}
          </p>
          <p className="hint">
            {vote.setup.dotsPerPerson} dots each, at most {vote.setup.maxPerTarget} on one {vote.setup.targets === 'notes' ? 'note' : 'theme'}
            {vote.setup.zones ? ', in this phase’s zones' : ''}. Where the dots are stays hidden until you close the vote.
          </p>
          <div className="console-buttons">
            <button type="button" className="button button-primary" data-testid="console.vote.close" onClick={() => void run({ type: 'vote.close' })}>
              Close vote
            </button>
          </div>
        </>
      ) : (
        <form
          className="console-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {vote && !vote.open && <p className="hint">The last vote is closed: everyone sees its results.</p>}
          <label className="console-field">
            <span>Dots per person</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.dotsPerPersonMax}
              value={Number.isNaN(dots) ? '' : dots}
              data-testid="console.vote.dots"
              onChange={(e) => setDots(e.target.valueAsNumber)}
            />
          </label>
          <label className="console-field">
            <span>Most on one {targets === 'notes' ? 'note' : 'theme'}</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.dotsPerPersonMax}
              value={Number.isNaN(most) ? '' : most}
              data-testid="console.vote.most"
              onChange={(e) => setMost(e.target.valueAsNumber)}
            />
          </label>
          <fieldset className="console-fieldset">
            <legend>Vote on</legend>
            {(['notes', 'themes'] as const).map((k) => (
              <label key={k} className="console-choice">
                <input type="radio" name={`${id}-targets`} value={k} checked={targets === k} data-testid={`console.vote.targets.${k}`} onChange={() => setTargets(k)} />
                {k === 'notes' ? 'Notes' : 'Themes'}
              </label>
            ))}
          </fieldset>
          {zoneNames.length > 0 && (
            <label className="console-choice">
              <input type="checkbox" checked={phaseZones} data-testid="console.vote.phaseZones" onChange={(e) => setPhaseZones(e.target.checked)} />
              Only this phase’s zones ({zoneNames.join(', ')})
            </label>
          )}
          {problem && (
            <p className="form-error" role="alert" data-testid="console.vote.problem">
              {problem}
            </p>
          )}
          <div className="console-buttons">
            <button type="submit" className="button button-primary" data-testid="console.vote.start">
              Start vote
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
