/**
 * Team links this browser has opened (`/t/<token>`), kept so that the library lists them. A team
 * link reads a session's snapshots and nothing else; forgetting it here does not revoke it.
 */
export interface StoredTeamLink {
  token: string;
  sessionId: string;
  title: string;
  label: string | null;
  savedAt: number;
}

const PREFIX = 'balcony.team.';

function read(key: string): StoredTeamLink | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredTeamLink>;
    if (typeof value.token !== 'string' || typeof value.sessionId !== 'string' || typeof value.title !== 'string') return null;
    return { token: value.token, sessionId: value.sessionId, title: value.title, label: value.label ?? null, savedAt: value.savedAt ?? 0 };
  } catch {
    return null;
  }
}

export function loadTeamLink(sessionId: string): StoredTeamLink | null {
  return read(PREFIX + sessionId);
}

export function saveTeamLink(link: StoredTeamLink): void {
  try {
    localStorage.setItem(PREFIX + link.sessionId, JSON.stringify(link));
  } catch {
    /* storage full or blocked: the link still works from its address */
  }
}

export function forgetTeamLink(sessionId: string): void {
  try {
    localStorage.removeItem(PREFIX + sessionId);
  } catch {
    /* nothing to remove */
  }
}

/** Every team link kept, newest first. */
export function listTeamLinks(): StoredTeamLink[] {
  const found: StoredTeamLink[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const link = read(k);
      if (link) found.push(link);
    }
  } catch {
    /* storage blocked */
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}
