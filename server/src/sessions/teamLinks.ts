import { randomUUID } from 'node:crypto';
import { LIMITS, type TeamLink } from '@balcony/shared';
import type { SessionRecord, Store, TeamLinkRecord } from '../store/types.js';
import { hashToken, newToken } from '../tokens.js';
import { ApiError } from '../http/apiError.js';

export type TeamAccess = { ok: true; link: TeamLinkRecord; session: SessionRecord } | { ok: false; error: ApiError };

/**
 * Which live team link a token is, and its session. Kept apart from `authenticate`, which knows
 * participants only, so that a team token can never open a socket or change anything.
 */
export async function authenticateTeamLink(store: Pick<Store, 'findTeamLinkByTokenHash' | 'getSession'>, token: string | null | undefined): Promise<TeamAccess> {
  if (!token) return { ok: false, error: new ApiError('unauthorized', 'This needs a team link.') };
  const link = await store.findTeamLinkByTokenHash(hashToken(token));
  if (!link) return { ok: false, error: new ApiError('unauthorized', 'That team link is not valid. Ask your facilitator for a new one.') };
  const session = await store.getSession(link.sessionId);
  if (!session) return { ok: false, error: new ApiError('unauthorized', 'That session was deleted.') };
  return { ok: true, link, session };
}

/**
 * Makes a team link for a session, up to the limit of live ones. The count is checked again once
 * the link is stored: of two made at once past the limit, neither stays, rather than both.
 */
export async function makeTeamLink(
  store: Pick<Store, 'countTeamLinks' | 'createTeamLink' | 'revokeTeamLink'>,
  sessionId: string,
  label: string | null,
  now: number,
): Promise<{ link: TeamLinkRecord; token: string }> {
  const tooMany = () =>
    new ApiError('too_many_links', `A session can have ${LIMITS.teamLinksPerSession} team links at once. Revoke one you no longer need first.`);
  if ((await store.countTeamLinks(sessionId)) >= LIMITS.teamLinksPerSession) throw tooMany();
  const token = newToken();
  const link: TeamLinkRecord = { id: randomUUID(), sessionId, label, createdAt: now };
  await store.createTeamLink({ ...link, tokenHash: hashToken(token) });
  if ((await store.countTeamLinks(sessionId)) > LIMITS.teamLinksPerSession) {
    await store.revokeTeamLink(sessionId, link.id, now);
    throw tooMany();
  }
  return { link, token };
}

// Whitelists what leaves the server: never the token's hash.
export const presentTeamLink = (link: TeamLinkRecord): TeamLink => ({ linkId: link.id, label: link.label, createdAt: link.createdAt });
