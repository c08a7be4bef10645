import { useEffect, useId } from 'react';
import type { Person } from '../topbar/TopBar';
import { useUi } from '../../state/ui';
import { usePhase } from '../../board/BoardContext';
import { useCommandRunner } from '../session/useCommandRunner';
import { PhaseNow } from './PhaseNow';
import { PhaseList } from './PhaseList';
import { RaisedHands, PauseRequests } from './HandsAndPauses';
import { BoardControls } from './BoardControls';
import { PeoplePanel } from './PeoplePanel';
import { RevealPanel } from './RevealPanel';
import { ParticipationPanel } from './ParticipationPanel';
import { VotePanel } from './VotePanel';
import { SnapshotsPanel } from './SnapshotsPanel';
import { EndSessionPanel } from './EndSessionPanel';
import { TeamLinksPanel } from './TeamLinksPanel';

/**
 * The facilitator's side panel on their own board (UX.md): the phase and its timer and script,
 * every phase, raised hands and pause requests, the board's lock and follow-me, people and their
 * roles, who has written, snapshots, team links and ending the session. Every part is a section with a heading, worked by keyboard; what
 * the server refuses is said in one polite status line at the top.
 */
export function FacilitatorConsole({ people }: { people: readonly Person[] }) {
  const id = useId();
  const { run, problem } = useCommandRunner();
  // In a phase that votes, the vote comes straight after the phase itself.
  const voting = usePhase().voting;

  // Above the board on a phone it would leave the board no room: a screen that turns narrow
  // (a window made small, a tablet turned) puts it away; the Console button brings it back.
  useEffect(() => {
    const narrow = matchMedia('(max-width: 600px)');
    const onChange = () => {
      if (narrow.matches) useUi.getState().setConsoleOpen(false);
    };
    narrow.addEventListener('change', onChange);
    return () => narrow.removeEventListener('change', onChange);
  }, []);

  const hide = () => {
    useUi.getState().setConsoleOpen(false);
    document.querySelector<HTMLElement>('[data-testid="topbar.console"]')?.focus();
  };

  return (
    <aside className="console-panel" data-testid="console" aria-labelledby={`${id}-title`}>
      <div className="console-head">
        <h2 id={`${id}-title`}>Facilitator console</h2>
        <button type="button" className="button" data-testid="console.hide" onClick={hide}>
          Hide
        </button>
      </div>
      <p className="console-status" role="status" data-testid="console.status">
        {problem}
      </p>
      <PhaseNow run={run} />
      {voting && <VotePanel run={run} prominent />}
      <RaisedHands run={run} />
      <PauseRequests run={run} />
      <RevealPanel run={run} />
      {!voting && <VotePanel run={run} prominent={false} />}
      <PhaseList run={run} />
      <BoardControls run={run} />
      <PeoplePanel people={people} run={run} />
      <ParticipationPanel people={people} />
      <SnapshotsPanel />
      <TeamLinksPanel />
      <EndSessionPanel />
    </aside>
  );
}
