import { useContext, useEffect, useRef } from 'react';
import type { Action } from '@balcony/shared';
import { NamesContext, useBoard } from '../../board/BoardContext';
import { REVIEW_OUTCOME_WORDS } from '../../outcome/reviewWords';

/**
 * Says aloud when someone else marks an action carried over, so that a screen reader hears the
 * review go round the group as others see it; one's own marks are said by the form that sent them.
 */
export function useReviewAnnouncements(carried: readonly Action[]): void {
  const { me, announcer } = useBoard();
  const names = useContext(NamesContext);
  const heard = useRef<Map<string, number> | null>(null);

  useEffect(() => {
    const now = new Map(carried.map((a) => [a.id, a.review?.at ?? 0]));
    const before = heard.current;
    heard.current = now;
    // The reviews already there on arrival are on screen, not news.
    if (!before) return;
    for (const a of carried) {
      const review = a.review;
      if (!review || review.by === me.participantId || before.get(a.id) === review.at) continue;
      const who = names.get(review.by) ?? 'Someone';
      // Reported with the board's other remote changes, so that a burst of them is summed up.
      announcer.report(`${who} marked “${a.text}” ${REVIEW_OUTCOME_WORDS[review.outcome].toLowerCase()}.`, who);
    }
  }, [carried, me.participantId, names, announcer]);
}
