import { Link } from 'react-router-dom';
import { dateWords } from '../../outcome/words';
import { usePreviousSession } from './usePreviousSession';
import '../../styles/review.css';

/**
 * "Follows up …": the session a follow-up came from, linked to its record when this browser can
 * open it (it ran or joined it, or holds a team link to it); otherwise said without a link.
 */
export function FollowsUp({ sessionId }: { sessionId: string }) {
  const known = usePreviousSession(sessionId);
  return (
    <p className="record-follows" data-testid="record.followsUp">
      Follows up{' '}
      {known ? (
        <Link to={known.recordPath} data-testid="record.followsUp.link">
          {known.title}
          {known.createdAt !== null && `, ${dateWords(known.createdAt)}`}
        </Link>
      ) : (
        'a session this browser has no record of'
      )}
    </p>
  );
}

/** A session by its title and date where this browser knows it, else as "the session before". */
export function SessionName({ sessionId }: { sessionId: string }) {
  const known = usePreviousSession(sessionId);
  if (!known) return <>The session before</>;
  return (
    <>
      {known.title}
      {known.createdAt !== null && `, ${dateWords(known.createdAt)}`}
    </>
  );
}
