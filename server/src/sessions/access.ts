import type { ParticipantRecord, SessionRecord, Store } from '../store/types.js';
import { hashToken } from '../tokens.js';
import { ApiError } from '../http/apiError.js';

export type Access =
  | { ok: true; participant: ParticipantRecord; session: SessionRecord }
  | { ok: false; error: ApiError };

/**
 * Who a token belongs to, and their session. The one token check of the server: the HTTP API,
 * the control plane and the board endpoint all come through here.
 */
export async function authenticate(store: Store, token: string | null | undefined): Promise<Access> {
  if (!token) return { ok: false, error: new ApiError('unauthorized', 'This needs a session token.') };
  const participant = await store.findParticipantByTokenHash(hashToken(token));
  if (!participant) return { ok: false, error: new ApiError('unauthorized', 'That token is not valid. Join the session again.') };
  const session = await store.getSession(participant.sessionId);
  // A participant outlives their session only if the store lost the session: the token is no good.
  if (!session) return { ok: false, error: new ApiError('unauthorized', 'That session has ended. Join a session again.') };
  return { ok: true, participant, session };
}

/** Who a token belongs to: the server's authentication hooks, composed. */
export type Authenticate = (token: string | null | undefined) => Promise<Access>;

/**
 * Who a token belongs to, for a given session. The order of the checks decides which error a
 * caller sees: no token, unknown token, unknown session, then a token of another session.
 */
export async function authorize(
  auth: Authenticate,
  store: Pick<Store, 'getSession'>,
  token: string | null | undefined,
  sessionId: string,
): Promise<Access> {
  const access = await auth(token);
  if (!access.ok) return access;
  if (access.session.id === sessionId) return access;
  if (!(await store.getSession(sessionId))) return { ok: false, error: new ApiError('not_found', 'There is no such session.') };
  return { ok: false, error: new ApiError('forbidden', 'That token belongs to another session.') };
}
