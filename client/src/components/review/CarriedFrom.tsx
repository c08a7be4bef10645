import { Link } from 'react-router-dom';
import { dateWords } from '../../outcome/words';
import { usePreviousSession } from './usePreviousSession';

/**
 * Where an action carried over came from: the session before by its title and date, linked to its
 * record when this browser can open it, else just "the session before".
 */
export function CarriedFrom({ sessionId }: { sessionId: string }) {
  const known = usePreviousSession(sessionId);
  if (!known) return <>the session before</>;
  return (
    <Link to={known.recordPath} data-testid="review.from.link">
      {known.title}
      {known.createdAt !== null && `, ${dateWords(known.createdAt)}`}
    </Link>
  );
}
