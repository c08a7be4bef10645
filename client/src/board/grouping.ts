/**
 * What grouping a note does, decided apart from the screen: where a dragged note is dropped, and
 * the words a theme is known by.
 */

export interface GroupedNote {
  id: string;
  themeId: string | null;
}

/** What is under a dropped note: another note, a theme's block, or neither. */
export type DropTarget = { kind: 'note'; note: GroupedNote } | { kind: 'theme'; themeId: string } | null;

export type DropOutcome =
  /** A new theme of the two notes, where the one dropped on is. */
  | { kind: 'newTheme'; withNoteId: string }
  /** Into a theme that is already there. */
  | { kind: 'join'; themeId: string }
  /** Out of its theme, to where it was dropped. */
  | { kind: 'leave' }
  /** A plain move to where it was dropped. */
  | { kind: 'move' }
  /** Back where it was: dropped in the theme it is in. */
  | { kind: 'stay' };

export function dropOutcome(dragged: GroupedNote, target: DropTarget): DropOutcome {
  if (target?.kind === 'note' && target.note.id !== dragged.id) {
    const theme = target.note.themeId;
    if (theme) return theme === dragged.themeId ? { kind: 'stay' } : { kind: 'join', themeId: theme };
    return { kind: 'newTheme', withNoteId: target.note.id };
  }
  if (target?.kind === 'theme') return target.themeId === dragged.themeId ? { kind: 'stay' } : { kind: 'join', themeId: target.themeId };
  return dragged.themeId ? { kind: 'leave' } : { kind: 'move' };
}

/** A theme's name as it is shown and read out; one not named yet says so. */
export function themeName(title: string): string {
  const t = title.trim();
  return t ? t : 'Untitled theme';
}

/** A theme's accessible name: its name and how many notes it holds. */
export function themeLabel(title: string, notes: number): string {
  return `Theme: ${themeName(title)}, ${notes === 1 ? '1 note' : `${notes} notes`}`;
}

/** The notes picked for grouping, with one more picked or, if it was picked, taken off. */
export function togglePick(picked: readonly string[], noteId: string): string[] {
  return picked.includes(noteId) ? picked.filter((id) => id !== noteId) : [...picked, noteId];
}

/**
 * The notes a "Group" groups: those picked, and the one with focus if it is not among them, in
 * the order picked. Fewer than two make no theme.
 */
export function notesToGroup(picked: readonly string[], focused: string | null): string[] {
  return focused && !picked.includes(focused) && picked.length > 0 ? [...picked, focused] : [...picked];
}
