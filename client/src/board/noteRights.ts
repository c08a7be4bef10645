import { ANONYMOUS_AUTHOR, type BoardAccess, type Role } from '@balcony/shared';

/** The person looking at the board. */
export interface Viewer {
  participantId: string;
  role: Role;
  /**
   * Notes this person wrote that do not carry their id: an anonymous session's, once revealed
   * (the server knows their writer and lets them change them).
   */
  mine?: (noteId: string) => boolean;
}

/** Whether this person wrote the note. */
export function isOwnNote(me: Viewer, note: { authorId: string; id?: string }): boolean {
  return note.authorId === me.participantId || (note.id !== undefined && me.mine?.(note.id) === true);
}

/** Access as it is whenever writing is open: a facilitator may change anyone's words. */
function openAccess(me: Viewer): BoardAccess {
  return { write: true, editOthers: me.role === 'facilitator' };
}

/**
 * Whether this person may change a note's words, mark it "don't record", or delete it. Those are
 * the note's `author` fields in NOTE_RECORD: they belong to its author, and someone who may edit others'
 * notes (a facilitator) may change anyone's. Its `group` fields (zone, place, colour) are
 * arranging the board, open to everyone who may write now. Nobody changes anything while they
 * may not write (the phase, their role, the lock). The server judges every write by the same
 * rules (shared permissions.ts) and refuses the rest; the board asks here so that it never
 * offers what would be refused.
 */
export function mayEditNote(me: Viewer, note: { authorId: string; id?: string }, access: BoardAccess = openAccess(me)): boolean {
  return access.write && (isOwnNote(me, note) || access.editOthers);
}

/**
 * Whether this person may withdraw the note: their own, on the shared board, until the session
 * ends, in any phase (withdrawing is not writing: it takes their words back).
 */
export function mayWithdrawNote(me: Viewer, note: { authorId: string; id?: string }, access: BoardAccess, onSharedBoard: boolean): boolean {
  if (!onSharedBoard || !isOwnNote(me, note)) return false;
  return access.write || (access.code !== 'ended' && access.code !== 'snapshot');
}

/** What a person hears, and sees, when they try to change a note that is not theirs. */
export function onlyAuthorMayChange(authorName: string): string {
  return `Only ${authorName} or the facilitator can change this note.`;
}

/** What a person hears when they try to write while they may not. */
export function readOnlyNow(access: Extract<BoardAccess, { write: false }>): string {
  // A snapshot stays as it was taken: not "for now".
  if (access.code === 'snapshot') return `${access.reason}: you can read the board as it was, not change it.`;
  return `${access.reason}: you can read the board, not change it, for now.`;
}

/** A note's accessible description: who wrote it and, where this person cannot change it, why not. */
export function noteDescription(me: Viewer, note: { authorId: string; id?: string }, authorName: string, access: BoardAccess = openAccess(me)): string {
  const anonymous = note.authorId === ANONYMOUS_AUTHOR;
  const by = isOwnNote(me, note) ? 'Written by you.' : anonymous ? 'Written anonymously.' : `Written by ${authorName}.`;
  if (!access.write) return `${by} ${access.reason}: read only${access.code === 'snapshot' ? '' : ' for now'}.`;
  if (mayEditNote(me, note, access)) return by;
  return `${by} Only ${anonymous ? 'its writer' : authorName} or the facilitator can change its words.`;
}

/**
 * Whether this person may star notes: a presenter (the notes that resonated with them) or a
 * facilitator, while they may write. The server refuses a star from anyone else.
 */
export function mayStar(me: Viewer, access: BoardAccess = openAccess(me)): boolean {
  return access.write && (me.role === 'presenter' || me.role === 'facilitator');
}
