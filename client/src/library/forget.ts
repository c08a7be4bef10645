import { clearDocument } from 'y-indexeddb';
import { forgetSession } from '../session/storage';
import { MyNotes } from '../session/mine';
import { forgetTeamLink } from './teamLinks';
import type { LibraryEntry } from './entries';

/**
 * This device forgets a session: its token, which notes were its own, and its copies of the
 * boards, as leaving the board does (SessionConnection's and PrivateBoard's `offlineCopyName`).
 * Nothing changes on the server: the session stays there for everyone else until it is deleted.
 * A team link is forgotten here, not revoked.
 */
export function forgetOnThisDevice(entry: Pick<LibraryEntry, 'sessionId' | 'access'>): void {
  const { sessionId } = entry;
  if (entry.access === 'team') {
    forgetTeamLink(sessionId);
    return;
  }
  forgetSession(sessionId);
  new MyNotes(sessionId).clear();
  // Not waited for: a deletion waits while any tab still has the copy open, and finishes when it closes.
  for (const name of [`balcony-${sessionId}`, `balcony-${sessionId}-private`]) void clearDocument(name).catch(() => {});
}
