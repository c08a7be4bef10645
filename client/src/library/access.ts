import { listStoredSessions, loadSession, type StoredSession } from '../session/storage';
import { listTeamLinks, loadTeamLink, type StoredTeamLink } from './teamLinks';

/**
 * How this browser may read a session's snapshots: as one of its people (any token it was
 * given, facilitator or participant), or through a team link. A member's token wins: it also
 * opens the live session.
 */
export type SessionAccess = { kind: 'member'; token: string; sessionId: string } | { kind: 'team'; token: string; sessionId: string };

/** A session this browser keeps a way into, with what it kept about it. */
export type KeptSession =
  | { kind: 'member'; sessionId: string; token: string; title: string; savedAt: number; member: StoredSession }
  | { kind: 'team'; sessionId: string; token: string; title: string; savedAt: number; link: StoredTeamLink };

const asMember = (m: StoredSession): KeptSession => ({ kind: 'member', sessionId: m.sessionId, token: m.token, title: m.title, savedAt: m.savedAt, member: m });
const asTeam = (l: StoredTeamLink): KeptSession => ({ kind: 'team', sessionId: l.sessionId, token: l.token, title: l.title, savedAt: l.savedAt, link: l });

export function keptSession(sessionId: string): KeptSession | null {
  const member = loadSession(sessionId);
  if (member) return asMember(member);
  const team = loadTeamLink(sessionId);
  return team ? asTeam(team) : null;
}

/** Every session this browser keeps a way into, each once: its places newest first, then the team links to other sessions. */
export function keptSessions(): KeptSession[] {
  const members = listStoredSessions();
  const known = new Set(members.map((m) => m.sessionId));
  return [...members.map(asMember), ...listTeamLinks().filter((l) => !known.has(l.sessionId)).map(asTeam)];
}

export function accessFor(sessionId: string): SessionAccess | null {
  return keptSession(sessionId);
}

/** A snapshot of a session, as a page's address names it: `<sessionId>.<snapshotId>`. */
export interface SnapshotRef {
  sessionId: string;
  snapshotId: string;
}

export function formatSnapshotRef(ref: SnapshotRef): string {
  return `${ref.sessionId}.${ref.snapshotId}`;
}

export function parseSnapshotRef(value: string | null): SnapshotRef | null {
  const match = value?.match(/^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})$/);
  return match ? { sessionId: match[1]!, snapshotId: match[2]! } : null;
}
