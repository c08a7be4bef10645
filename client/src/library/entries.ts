import type { LinkedSession, SnapshotSummary, Template } from '@balcony/shared';
import { formatSnapshotRef } from './access';

/**
 * The library's sessions as plain data: what this browser keeps about each, what the server said
 * about it, how follow-ups chain them, and which of them a search shows. No React here.
 */

/** How this browser reaches a session: it hosted it, joined it, or holds a team link to it. */
export type LibraryAccess = 'facilitated' | 'joined' | 'team';

/** What the server said about a session, through a member's token or a team link's. */
export interface SessionFacts {
  title: string;
  template: Template;
  createdAt: number;
  endedAt: number | null;
  openActions: number;
  /** Unknown through a team link, which shows one session and nothing around it. */
  previousSessionId: string | null;
  followUps: LinkedSession[];
  /** Oldest first, as the server lists them. */
  snapshots: SnapshotSummary[];
  /** This browser's own name in the session, carried into a follow-up; null through a team link. */
  ownName: string | null;
}

export type EntryStatus =
  | { kind: 'loading' }
  | { kind: 'ready'; facts: SessionFacts }
  /** The server no longer has it for this token: erased, this device's place revoked, or the team link revoked. */
  | { kind: 'gone' }
  /** No answer: it may well be there, so nothing is said about it but that. */
  | { kind: 'unreachable'; message: string };

export interface LibraryEntry {
  sessionId: string;
  access: LibraryAccess;
  token: string;
  /** The title as this browser kept it, shown until the server answers (and once it no longer does). */
  storedTitle: string;
  savedAt: number;
  /** A team link's label: whom its facilitator made it for. */
  label?: string | null;
  status: EntryStatus;
}

export function factsOf(entry: LibraryEntry): SessionFacts | null {
  return entry.status.kind === 'ready' ? entry.status.facts : null;
}

export function entryTitle(entry: LibraryEntry): string {
  return factsOf(entry)?.title || entry.storedTitle || 'Untitled session';
}

/** When the session was created, or, until the server says, when this browser kept it. */
export function entryDate(entry: LibraryEntry): number {
  return factsOf(entry)?.createdAt ?? entry.savedAt;
}

export function newestSnapshot(facts: SessionFacts): SnapshotSummary | null {
  return facts.snapshots.at(-1) ?? null;
}

/** Lower case, accents and runs of space taken out: "Équipe  Nord" is found by "equipe nord". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface LibraryFilter {
  /** Words of the title; empty for every session. */
  query: string;
  /** A template's id; null for every template. */
  templateId: string | null;
}

export function matchesFilter(entry: LibraryEntry, filter: LibraryFilter): boolean {
  const query = folded(filter.query);
  if (query && !folded(entryTitle(entry)).includes(query)) return false;
  if (filter.templateId !== null && factsOf(entry)?.template.id !== filter.templateId) return false;
  return true;
}

export interface TemplateChoice {
  id: string;
  name: string;
}

/** The templates the library's sessions use, each once, by name. */
export function templateChoices(entries: readonly LibraryEntry[]): TemplateChoice[] {
  const byId = new Map<string, string>();
  for (const e of entries) {
    const t = factsOf(e)?.template;
    if (t && !byId.has(t.id)) byId.set(t.id, t.name);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The entries as chains of follow-ups: each chain oldest first, so that it reads in the order the
 * sessions were held, and the chains newest first by their latest session. A session on its own
 * is a chain of one. Links to sessions this browser does not know are left out here.
 */
export function chainsOf(entries: readonly LibraryEntry[]): LibraryEntry[][] {
  const ids = new Set(entries.map((e) => e.sessionId));
  const parent = new Map<string, string>(entries.map((e) => [e.sessionId, e.sessionId]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const join = (a: string, b: string) => {
    if (ids.has(a) && ids.has(b)) parent.set(root(a), root(b));
  };
  for (const e of entries) {
    const facts = factsOf(e);
    if (!facts) continue;
    if (facts.previousSessionId) join(e.sessionId, facts.previousSessionId);
    for (const f of facts.followUps) join(e.sessionId, f.sessionId);
  }
  const chains = new Map<string, LibraryEntry[]>();
  for (const e of entries) {
    const r = root(e.sessionId);
    chains.set(r, [...(chains.get(r) ?? []), e]);
  }
  const byDate = (a: LibraryEntry, b: LibraryEntry) => entryDate(a) - entryDate(b) || a.sessionId.localeCompare(b.sessionId);
  const latest = (chain: LibraryEntry[]) => entryDate(chain[chain.length - 1]!);
  return [...chains.values()].map((c) => c.sort(byDate)).sort((a, b) => latest(b) - latest(a));
}

/**
 * The compare page for a session and the one it follows up, each at its newest snapshot; null
 * unless both are known here and both have a snapshot.
 */
export function compareWithPreviousHref(entry: LibraryEntry, byId: ReadonlyMap<string, LibraryEntry>): string | null {
  const facts = factsOf(entry);
  const previous = facts?.previousSessionId ? byId.get(facts.previousSessionId) : undefined;
  const before = previous ? factsOf(previous) : null;
  const a = before ? newestSnapshot(before) : null;
  const b = facts ? newestSnapshot(facts) : null;
  if (!previous || !a || !b) return null;
  const query = new URLSearchParams({
    a: formatSnapshotRef({ sessionId: previous.sessionId, snapshotId: a.snapshotId }),
    b: formatSnapshotRef({ sessionId: entry.sessionId, snapshotId: b.snapshotId }),
  });
  return `/compare?${query}`;
}

export const ACCESS_WORDS: Record<LibraryAccess, string> = {
  facilitated: 'You facilitated',
  joined: 'You joined',
  team: 'Team link',
};

/** "1 open action", "3 open actions", "No open actions". */
export function openActionsWords(n: number): string {
  if (n === 0) return 'No open actions';
  return n === 1 ? '1 open action' : `${n} open actions`;
}

/** What the result count says as a search narrows the library. */
export function resultWords(shown: number, total: number): string {
  const sessions = (n: number) => (n === 1 ? '1 session' : `${n} sessions`);
  if (shown === total) return `${sessions(total)}`;
  return shown === 0 ? `No sessions match, of ${total}` : `${sessions(shown)} of ${total} match`;
}
