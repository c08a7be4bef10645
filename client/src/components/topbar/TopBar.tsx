import type { Retention, Role } from '@balcony/shared';
import { useBoard } from '../../board/BoardContext';
import { useUi } from '../../state/ui';
import { PresenceList } from './PresenceList';
import { ConnectionBadge } from './ConnectionBadge';
import { SessionMenu } from './SessionMenu';
import { ActionsToggle } from '../actions/ActionsToggle';

export interface Person {
  participantId: string;
  name: string;
  role: Role;
  /** From the control socket; unknown until it first speaks. */
  color: string | undefined;
  online: boolean;
  /** Whether this device cannot tell, being cut off from the server itself. */
  unknown: boolean;
}

interface Props {
  title: string;
  people: Person[];
  onLeave: () => Promise<void>;
  retention: Retention | null;
}

export function TopBar({ title, people, onLeave, retention }: Props) {
  const { template, me } = useBoard();
  const shareOpen = useUi((s) => s.shareOpen);
  const setShareOpen = useUi((s) => s.setShareOpen);
  const consoleOpen = useUi((s) => s.consoleOpen);
  const isFacilitator = me.role === 'facilitator';

  return (
    <header className="topbar">
      <div className="topbar-session">
        <h1 className="topbar-title" data-testid="topbar.title" title={title}>
          {title}
        </h1>
        <span className="topbar-template">{template.name}</span>
      </div>
      <PresenceList people={people} me={me.participantId} />
      <div className="topbar-actions">
        <ConnectionBadge />
        <ActionsToggle />
        {isFacilitator && (
          <button
            type="button"
            className="button"
            data-testid="topbar.console"
            aria-pressed={consoleOpen && !shareOpen}
            onClick={() => {
              const ui = useUi.getState();
              // The console shows where the join code was, so showing it puts the code away.
              if (shareOpen) ui.setShareOpen(false);
              ui.setConsoleOpen(shareOpen || !consoleOpen);
            }}
          >
            Console
          </button>
        )}
        {isFacilitator && (
          <button
            type="button"
            className="button"
            data-testid="topbar.share"
            aria-pressed={shareOpen}
            onClick={() => setShareOpen(!shareOpen)}
          >
            Join code
          </button>
        )}
        <SessionMenu onLeave={onLeave} retention={retention} />
      </div>
    </header>
  );
}
