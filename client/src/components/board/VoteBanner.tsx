import { useEffect } from 'react';
import { useAccess } from '../../board/BoardContext';
import { useVote } from '../../board/useVote';
import { dotsLeftWords } from '../../board/voting';
import { useUi } from '../../state/ui';
import '../../styles/vote.css';

/**
 * While a vote is open, for everyone who may write: how many of their dots are left, and why the
 * server refused the last one, if it did.
 */
export function VoteBanner() {
  const vote = useVote();
  const access = useAccess();
  const problem = useUi((s) => s.voteProblem);
  const open = Boolean(vote?.open);

  // A refusal belongs to the vote it was made in.
  useEffect(() => {
    useUi.getState().setVoteProblem(null);
  }, [vote?.id, open]);

  if (!vote?.open || !access.write) return null;
  const what = vote.setup.targets === 'notes' ? 'notes' : 'themes';
  return (
    <section className="vote-banner" data-testid="vote.banner" aria-label="Vote">
      <p className="vote-banner-left" data-testid="vote.banner.left" data-left={vote.setup.dotsPerPerson - vote.mine.length}>
        <strong>{dotsLeftWords(vote)}</strong>
      </p>
      <p className="vote-banner-how">
        Press Vote on the {what} that matter most, up to {vote.setup.maxPerTarget} on one. Press your dots to take one back. Tallies stay
        hidden until the vote closes.
      </p>
      <p className="vote-banner-problem" role="status" data-testid="vote.banner.problem">
        {problem}
      </p>
    </section>
  );
}
