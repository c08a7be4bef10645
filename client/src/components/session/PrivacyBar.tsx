import { useId } from 'react';
import { useAccess, useBoard, usePrivateNotes, useSessionState, useLiveConnection, useStore } from '../../board/BoardContext';
import { phaseIsPrivate } from '../../board/privateWriting';
import { useCommandRunner } from './useCommandRunner';
import '../../styles/private.css';

/**
 * Under the phase bar, for everyone: that the session is anonymous, that writing is private in
 * this phase, and a person's own notes left on their private board outside a private phase
 * (written offline, say, and synced after the reveal), with the way to reveal them.
 */
export function PrivacyBar() {
  const { template, me } = useBoard();
  const conn = useLiveConnection();
  const synced = useStore(conn.privateBoard.synced);
  const state = useSessionState();
  const access = useAccess();
  const own = usePrivateNotes();
  const { run, problem } = useCommandRunner();
  const id = useId();
  const privatePhase = phaseIsPrivate(template, state);
  const leftovers = own.list.length;
  const showLeftovers = leftovers > 0 && !privatePhase;
  // A reveal takes what the server holds: notes written offline only once they have reached it.
  const ready = synced && (state.privateCounts[me.participantId] ?? 0) >= leftovers;
  const shown = state.anonymous || privatePhase || showLeftovers || problem !== null;

  return (
    <section className={shown ? 'privacy-bar' : 'visually-hidden'} aria-label={shown ? 'Privacy' : undefined} data-testid="privacy" data-shown={shown}>
      {state.anonymous && (
        <p className="privacy-badge" data-testid="privacy.anonymous">
          Anonymous session: notes show no names
        </p>
      )}
      {privatePhase && (
        <p className="privacy-line" data-testid="privacy.private">
          <span className="privacy-swatch" aria-hidden="true" />
          {me.role === 'facilitator'
            ? "Everyone's notes, yours too, are private until you reveal them."
            : 'Your notes are private until the facilitator reveals them.'}
          {leftovers > 0 && ` You have ${leftovers === 1 ? '1 private note' : `${leftovers} private notes`}.`}
        </p>
      )}
      {showLeftovers && (
        <>
          <p className="privacy-line" id={`${id}-left`} data-testid="privacy.leftovers" data-count={leftovers}>
            <span className="privacy-swatch" aria-hidden="true" />
            {/* In an anonymous session every note starts here; elsewhere only one written offline is left here. */}
            {leftovers === 1 ? '1 of your notes is' : `${leftovers} of your notes are`} {state.anonymous ? 'private' : 'still private'}: only
            you can see {leftovers === 1 ? 'it' : 'them'} until you reveal {leftovers === 1 ? 'it' : 'them'}.
          </p>
          {access.write && !ready && (
            <span className="hint" data-testid="privacy.sending">
              Sending {leftovers === 1 ? 'it' : 'them'} to the server first…
            </span>
          )}
          {access.write && ready && (
            <button
              type="button"
              className="button"
              data-testid="privacy.revealMine"
              aria-describedby={`${id}-left`}
              onClick={() => void run({ type: 'reveal.mine' })}
            >
              Reveal mine
            </button>
          )}
        </>
      )}
      {/* Always there, so that a refusal is read out when it comes. */}
      <p className="privacy-status" role="status" data-testid="privacy.status">
        {problem}
      </p>
    </section>
  );
}
