import type { SessionRecord, Store } from '../store/types.js';
import { ApiError } from '../http/apiError.js';
import type { Authenticate } from './access.js';
import { authenticateTeamLink } from './teamLinks.js';

export type Reader = { ok: true; session: SessionRecord } | { ok: false; error: ApiError };

/**
 * Who may read a session's snapshots, records and exports: any participant of it, or a live team
 * link to it. Nothing else takes a team link, so this is the only place one is accepted.
 */
export async function snapshotReader(
  authenticate: Authenticate,
  store: Pick<Store, 'findTeamLinkByTokenHash' | 'getSession'>,
  token: string | null | undefined,
): Promise<Reader> {
  const participant = await authenticate(token);
  if (participant.ok) return { ok: true, session: participant.session };
  if (!token) return participant;
  const team = await authenticateTeamLink(store, token);
  if (team.ok) return { ok: true, session: team.session };
  return { ok: false, error: new ApiError('unauthorized', 'That token is not valid: it may have been revoked.') };
}

/** As snapshotReader, for a named session; errors in the order `authorize` gives them. */
export async function snapshotReaderOf(
  authenticate: Authenticate,
  store: Pick<Store, 'findTeamLinkByTokenHash' | 'getSession'>,
  token: string | null | undefined,
  sessionId: string,
): Promise<Reader> {
  const reader = await snapshotReader(authenticate, store, token);
  if (!reader.ok || reader.session.id === sessionId) return reader;
  if (!(await store.getSession(sessionId))) return { ok: false, error: new ApiError('not_found', 'There is no such session.') };
  return { ok: false, error: new ApiError('forbidden', 'That token belongs to another session.') };
}
