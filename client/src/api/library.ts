import type { FollowUpBody, FollowUpResponse, TeamView } from '@balcony/shared';
import { request } from './http';

/** What a team link opens (docs/PROTOCOL.md, *Team links*): asked with the link's own token. */
export function getTeamView(token: string): Promise<TeamView> {
  return request('/api/team', { token });
}

/** Starts a follow-up of a session (facilitator only): a new session, linked to this one. */
export function startFollowUp(sessionId: string, token: string, body: FollowUpBody): Promise<FollowUpResponse> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/follow-ups`, { method: 'POST', token, body: JSON.stringify(body) });
}
