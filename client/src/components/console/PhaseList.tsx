import { useId } from 'react';
import { currentPhase } from '@balcony/shared';
import { useBoard, useSessionState } from '../../board/BoardContext';
import type { CommandRunner } from '../session/useCommandRunner';

/** Every phase with its minutes, the current one marked; choosing one goes there. */
export function PhaseList({ run }: Pick<CommandRunner, 'run'>) {
  const { template } = useBoard();
  const state = useSessionState();
  const phase = currentPhase(template, state);
  const id = useId();
  const total = template.phases.reduce((m, p) => m + p.minutes, 0);

  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.phases">
      <h3 id={`${id}-title`}>Phases</h3>
      <ol className="console-phases">
        {template.phases.map((p, i) => {
          const current = p.id === phase.id;
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`console-phase${current ? ' is-current' : ''}`}
                data-testid={`console.phase.goto.${p.id}`}
                aria-current={current ? 'step' : undefined}
                onClick={() => {
                  if (!current) void run({ type: 'phase.goto', phaseId: p.id });
                }}
              >
                <span className="console-phase-name">
                  {i + 1}. {p.name}
                  {current && <span className="console-phase-now"> (now)</span>}
                </span>
                <span className="console-phase-minutes">{p.minutes} min</span>
              </button>
            </li>
          );
        })}
      </ol>
      <p className="hint">{total} minutes in all.</p>
    </section>
  );
}
