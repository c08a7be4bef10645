import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { VoteView } from '@balcony/shared';
import { commandFailureWords } from '../session/sessionCommands';
import { useUi } from '../state/ui';
import { useAccess, useBoard } from './BoardContext';
import { dotsLeft, myDotsOn, takesDots, votesFor } from './voting';

/** The vote as the server last sent it to this person; null before the first. */
export function useVote(): VoteView | null {
  const { conn } = useBoard();
  // The same object while nothing in the vote changes: each state event is parsed anew.
  const key = useSyncExternalStore(conn.sessionState.subscribe, () => JSON.stringify(conn.sessionState.get()?.state.vote ?? null));
  return useMemo(() => JSON.parse(key) as VoteView | null, [key]);
}

export interface VoteOnTarget {
  /** A vote is open, this person may write, and the target takes dots in it. */
  canVote: boolean;
  /** This person's dots on it now. */
  mine: number;
  /** Dots this person has left. */
  left: number;
  /** Once the vote has closed: its dots in all; null while open or before any vote. */
  results: number | null;
}

/** One note's or theme's part in the vote, drawn again only when that part changes. */
export function useVoteOn(targetId: string, kind: 'notes' | 'themes', zoneId: string): VoteOnTarget {
  const { conn } = useBoard();
  const access = useAccess();
  const key = useSyncExternalStore(conn.sessionState.subscribe, () => {
    const vote = conn.sessionState.get()?.state.vote ?? null;
    if (!vote || vote.setup.targets !== kind) return '';
    if (!vote.open) return vote.results ? `closed:${votesFor(vote.results, targetId)}` : '';
    if (!takesDots(vote.setup, kind, zoneId)) return '';
    return `open:${myDotsOn(vote, targetId)}:${dotsLeft(vote)}`;
  });
  return useMemo(() => {
    const [state, a, b] = key.split(':');
    if (state === 'closed') return { canVote: false, mine: 0, left: 0, results: Number(a) };
    if (state === 'open') return { canVote: access.write, mine: Number(a), left: Number(b), results: null };
    return { canVote: false, mine: 0, left: 0, results: null };
  }, [key, access.write]);
}

/** Casting and taking back dots; a refusal is shown in the vote banner and read out. */
export function useVoteCommands(): { cast: (targetId: string) => Promise<void>; retract: (targetId: string) => Promise<void> } {
  const { conn, announcer } = useBoard();
  const send = useCallback(
    async (type: 'vote.cast' | 'vote.retract', targetId: string) => {
      const result = await conn.command({ type, targetId });
      const ui = useUi.getState();
      if (!result.ok) {
        const words = commandFailureWords(result);
        ui.setVoteProblem(words);
        announcer.say(words);
        return;
      }
      ui.setVoteProblem(null);
      announcer.say(type === 'vote.cast' ? 'Dot placed.' : 'Dot taken back.');
    },
    [conn, announcer],
  );
  return useMemo(() => ({ cast: (id: string) => send('vote.cast', id), retract: (id: string) => send('vote.retract', id) }), [send]);
}
