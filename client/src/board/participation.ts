import type { NoteView, Role } from '@balcony/shared';

/** One person in the participation panel. */
export interface Voice {
  participantId: string;
  name: string;
  role: Role;
  online: boolean;
  notes: number;
}

/** Notes on the board by author, across every frame. */
export function notesByAuthor(notes: readonly NoteView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.authorId, (counts.get(n.authorId) ?? 0) + 1);
  return counts;
}

/** The same counts as one string, so that a panel redraws only when a count changes. */
export function countsKey(notes: readonly NoteView[]): string {
  return [...notesByAuthor(notes)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => `${id}:${n}`).join(' ');
}

export function parseCountsKey(key: string): Map<string, number> {
  return new Map(
    key
      .split(' ')
      .filter(Boolean)
      .map((part) => {
        const at = part.lastIndexOf(':');
        return [part.slice(0, at), Number(part.slice(at + 1))] as const;
      }),
  );
}

/**
 * Who has written and who not yet, for the facilitator to invite every voice. Observers only
 * read, so they are left out; facilitators are counted but never listed as not yet heard, since
 * they run the session. Most notes first, then by name; the not-yet list by name.
 */
export function participation(
  people: readonly { participantId: string; name: string; role: Role; online: boolean }[],
  counts: ReadonlyMap<string, number>,
): { voices: Voice[]; notYet: Voice[] } {
  const voices = people
    .filter((p) => p.role !== 'observer')
    .map((p) => ({ ...p, notes: counts.get(p.participantId) ?? 0 }))
    .sort((a, b) => b.notes - a.notes || a.name.localeCompare(b.name));
  const notYet = voices.filter((v) => v.notes === 0 && v.role !== 'facilitator').sort((a, b) => a.name.localeCompare(b.name));
  return { voices, notYet };
}
