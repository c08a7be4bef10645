import { dotsWords } from '../../board/voting';
import { useVoteCommands, useVoteOn } from '../../board/useVote';

interface Props {
  targetId: string;
  kind: 'notes' | 'themes';
  zoneId: string;
  /** Reached by Tab only while its note or theme is selected, as the note's menu button is. */
  tabbable: boolean;
}

/**
 * A note's or theme's part in an open vote: "Vote" puts one of this person's dots on it, and
 * their dots on it, shown as dots, take one back. Nothing while no vote is open for it.
 */
export function VoteButtons({ targetId, kind, zoneId, tabbable }: Props) {
  const on = useVoteOn(targetId, kind, zoneId);
  const { cast, retract } = useVoteCommands();
  if (!on.canVote) return null;
  const what = kind === 'notes' ? 'note' : 'theme';
  return (
    <span className="vote-buttons">
      {on.mine > 0 && (
        <button
          type="button"
          className="vote-mine"
          data-testid="board.vote.mine"
          data-count={on.mine}
          tabIndex={tabbable ? 0 : -1}
          aria-label={`Take back one of your ${dotsWords(on.mine)} on this ${what}`}
          title="Take a dot back"
          onClick={() => void retract(targetId)}
        >
          <span aria-hidden="true">{'●'.repeat(on.mine)}</span>
        </button>
      )}
      <button
        type="button"
        className="vote-cast"
        data-testid="board.vote.cast"
        tabIndex={tabbable ? 0 : -1}
        aria-label={`Vote for this ${what}${on.mine > 0 ? `, ${dotsWords(on.mine)} of yours on it` : ''}`}
        onClick={() => void cast(targetId)}
      >
        Vote
      </button>
    </span>
  );
}

/** A closed vote's dots on a note or theme, for everyone. */
export function VoteCount({ targetId, kind, zoneId }: Omit<Props, 'tabbable'>) {
  const on = useVoteOn(targetId, kind, zoneId);
  if (on.results === null) return null;
  return (
    <span className="vote-count" data-testid="board.vote.count" data-votes={on.results}>
      <span aria-hidden="true">● </span>
      {on.results}
      <span className="visually-hidden"> {on.results === 1 ? 'dot' : 'dots'} in the vote</span>
    </span>
  );
}
