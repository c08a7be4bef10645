import type { CreateTeamLinkBody, CreatedTeamLink, TeamLink, TeamLinkListResponse } from '@balcony/shared';
import { request } from './http';

const linksPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/team-links`;

/** Makes a team link (facilitator only); its token comes back this once and never again. */
export function createTeamLink(sessionId: string, token: string, body: CreateTeamLinkBody): Promise<CreatedTeamLink> {
  return request(linksPath(sessionId), { method: 'POST', token, body: JSON.stringify(body) });
}

/** The session's live team links, oldest first, without their tokens. */
export async function listTeamLinks(sessionId: string, token: string): Promise<TeamLink[]> {
  return (await request<TeamLinkListResponse>(linksPath(sessionId), { token })).links;
}

/** Revokes a team link: from now on it opens nothing, on any node. */
export async function revokeTeamLink(sessionId: string, token: string, linkId: string): Promise<void> {
  await request<null>(`${linksPath(sessionId)}/${encodeURIComponent(linkId)}`, { method: 'DELETE', token });
}

/** The address a team link's token opens, on this server. */
export function teamLinkUrl(token: string): string {
  return `${window.location.origin}/t/${encodeURIComponent(token)}`;
}
