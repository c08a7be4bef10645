import { roleIn, type VersionedSessionState } from '@balcony/shared';
import type { Store } from '../store/types.js';
import { ApiError } from './apiError.js';
import { authorize, type Access, type Authenticate } from '../sessions/access.js';
import { readSessionState } from '../session/stateChanges.js';

export type FacilitatorAccess = Extract<Access, { ok: true }> & { current: VersionedSessionState };

/**
 * The token must be a participant's of the session who holds the facilitator role now (the
 * state's, not the one they joined with). Throws the ApiError to answer otherwise.
 */
export async function requireFacilitator(
  authenticate: Authenticate,
  store: Pick<Store, 'getSession' | 'loadSessionState'>,
  token: string | null,
  sessionId: string,
): Promise<FacilitatorAccess> {
  const access = await authorize(authenticate, store, token, sessionId);
  if (!access.ok) throw access.error;
  const current = await readSessionState(store, access.session.id);
  if (!current) throw new ApiError('not_found', 'There is no such session.');
  if (roleIn(current.state, access.participant.id, access.participant.role) !== 'facilitator') {
    throw new ApiError('forbidden', 'Only a facilitator can do that.');
  }
  return { ...access, current };
}
