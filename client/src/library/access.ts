import { loadSession } from '../session/storage';
import { loadTeamLink } from './teamLinks';

/**
 * How this browser may read a session's snapshots: as one of its people (any token it was
 * given, facilitator or participant), or through a team link. A member's token wins: it also
 * opens the live session.
 */
export type SessionAccess = { kind: 'member'; token: string; sessionId: string } | { kind: 'team'; token: string; sessionId: string };

export function accessFor(sessionId: string): SessionAccess | null {
  const member = loadSession(sessionId);
  if (member) return { kind: 'member', token: member.token, sessionId };
  const team = loadTeamLink(sessionId);
  if (team) return { kind: 'team', token: team.token, sessionId };
  return null;
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
