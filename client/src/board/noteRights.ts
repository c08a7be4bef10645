import type { Role } from '@balcony/shared';

/** The person looking at the board. */
export interface Viewer {
  participantId: string;
  role: Role;
}

/**
 * Whether this person may change a note's words or delete it. The words are the note's one
 * `author` field in NOTE_RECORD: they belong to its author, and a facilitator may change anyone's.
 * Its `group` fields (zone, place, colour) are arranging the board, open to everyone who may
 * write. The server judges every write by the same rule and refuses the rest; the board asks
 * here so that it never offers what would be refused.
 */
export function mayEditNote(me: Viewer, note: { authorId: string }): boolean {
  return me.role === 'facilitator' || note.authorId === me.participantId;
}

/** What a person hears, and sees, when they try to change a note that is not theirs. */
export function onlyAuthorMayChange(authorName: string): string {
  return `Only ${authorName} or the facilitator can change this note.`;
}

/** A note's accessible description: who wrote it and, where this person cannot change it, why not. */
export function noteDescription(me: Viewer, note: { authorId: string }, authorName: string): string {
  if (note.authorId === me.participantId) return 'Written by you.';
  if (mayEditNote(me, note)) return `Written by ${authorName}.`;
  return `Written by ${authorName}. Only ${authorName} or the facilitator can change its words.`;
}
