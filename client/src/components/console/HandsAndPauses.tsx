import { useContext, useId } from 'react';
import { NamesContext, useBoard, useSessionState, useLiveConnection, useStore } from '../../board/BoardContext';
import type { CommandRunner } from '../session/useCommandRunner';

/** Raised hands, oldest first, each with the way to lower it. */
export function RaisedHands({ run }: Pick<CommandRunner, 'run'>) {
  const { nameOf } = useBoard();
  useContext(NamesContext);
  const { hands } = useSessionState();
  const id = useId();
  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.hands">
      <h3 id={`${id}-title`}>Raised hands ({hands.length})</h3>
      {hands.length === 0 ? (
        <p className="hint">No hands raised.</p>
      ) : (
        <ol className="console-list">
          {hands.map((pid) => (
            <li key={pid} className="console-row" data-testid="console.hand" data-participant-id={pid}>
              <span className="console-row-name">{nameOf(pid)}</span>
              <button type="button" className="button" data-testid={`console.hand.lower.${pid}`} onClick={() => void run({ type: 'hand.lower', participantId: pid })}>
                Lower<span className="visually-hidden"> {nameOf(pid)}'s hand</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "I need a pause" requests, seen only here: who asked and when, each to dismiss once seen to. */
export function PauseRequests({ run }: Pick<CommandRunner, 'run'>) {
  const { nameOf } = useBoard();
  const conn = useLiveConnection();
  useContext(NamesContext);
  const { pauseRequests } = useSessionState();
  const offset = useStore(conn.clock.offset);
  const id = useId();
  return (
    <section className="console-section" aria-labelledby={`${id}-title`} data-testid="console.pauses">
      <h3 id={`${id}-title`}>Pause requests ({pauseRequests.length})</h3>
      {pauseRequests.length === 0 ? (
        <p className="hint">Nobody has asked for a pause. Only facilitators see these.</p>
      ) : (
        <ol className="console-list">
          {pauseRequests.map((p) => (
            <li key={p.participantId} className="console-row" data-testid="console.pause" data-participant-id={p.participantId}>
              <span className="console-row-name">
                {nameOf(p.participantId)} <span className="console-muted">at {clock(p.at - offset)}</span>
              </span>
              <button
                type="button"
                className="button"
                data-testid={`console.pause.dismiss.${p.participantId}`}
                onClick={() => void run({ type: 'pause.dismiss', participantId: p.participantId })}
              >
                Dismiss<span className="visually-hidden"> {nameOf(p.participantId)}'s request</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
