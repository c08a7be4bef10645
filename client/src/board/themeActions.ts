import {
  LIMITS,
  boardToNotePosition,
  deleteTheme,
  getThemes,
  groupNotes,
  moveNote,
  moveTheme,
  setNoteStarred,
  setThemeTitle,
  shapeBounds,
  shapeContains,
  ungroupNotes,
  zoneById,
  type Point,
  type ThemeView,
  type ZoneSet,
} from '@balcony/shared';
import type { BoardDoc } from './actions';
import { clamp } from './layout';

/**
 * Every change this device makes to themes and stars, each one whole step for undo (as in
 * actions.ts), made as this person's own so that Ctrl+Z takes it back.
 */
function asOneStep(conn: BoardDoc, change: () => void): void {
  conn.undoManager.stopCapturing();
  conn.transact(change);
  conn.undoManager.stopCapturing();
}

export class ThemesFullError extends Error {
  constructor() {
    super(`This board holds as many themes as it can (${LIMITS.themesPerBoard}). Ungroup a theme to make another.`);
  }
}

/**
 * Makes a new theme of notes, at a place in a zone, in the colour of the first of them. Its
 * notes are put at the theme's place, so that taking one out later puts it beside the theme.
 */
export function groupIntoNewTheme(conn: BoardDoc, place: { zone: string; x: number; y: number }, noteIds: readonly string[], color: string): string {
  if (getThemes(conn.doc).size >= LIMITS.themesPerBoard) throw new ThemesFullError();
  const id = crypto.randomUUID();
  asOneStep(conn, () => {
    groupNotes(conn.doc, { id, title: '', zone: place.zone, x: place.x, y: place.y, color }, noteIds);
    for (const noteId of noteIds) moveNote(conn.doc, noteId, place);
  });
  return id;
}

/** Puts notes into a theme that is there already, at its place. */
export function joinTheme(conn: BoardDoc, theme: ThemeView, noteIds: readonly string[]): void {
  asOneStep(conn, () => {
    groupNotes(conn.doc, theme.id, noteIds);
    for (const noteId of noteIds) moveNote(conn.doc, noteId, { zone: theme.zone, x: theme.x, y: theme.y });
  });
}

/**
 * Takes a note out of its theme, to a place in a zone: where it was dropped, or (none given)
 * the theme's place, from where the zone's arrangement draws it at the nearest clear spot.
 */
export function takeOutOfTheme(conn: BoardDoc, noteId: string, to?: { zone: string; x: number; y: number }): void {
  asOneStep(conn, () => {
    if (to) moveNote(conn.doc, noteId, to);
    ungroupNotes(conn.doc, [noteId]);
  });
}

/** Dissolves a theme: its notes stay on the board, in no theme. */
export function ungroupTheme(conn: BoardDoc, themeId: string): void {
  asOneStep(conn, () => deleteTheme(conn.doc, themeId));
}

export function renameTheme(conn: BoardDoc, themeId: string, title: string): void {
  asOneStep(conn, () => setThemeTitle(conn.doc, themeId, title.slice(0, LIMITS.themeTitleMax)));
}

/** Moves a theme, with its notes, to a place in a zone (as a drop lands it). */
export function moveThemeTo(conn: BoardDoc, themeId: string, to: { zone: string; x: number; y: number }): void {
  asOneStep(conn, () => moveTheme(conn.doc, themeId, to));
}

/**
 * Moves a theme by a step in board units within its zone, from where it is drawn (`drawn`, its
 * block's centre, which keeps clear of the zone's name), so that every step shows. A step that
 * would carry it out of the zone's shape is refused.
 */
export function nudgeTheme(conn: BoardDoc, zones: ZoneSet, theme: ThemeView, drawn: Point, dx: number, dy: number): boolean {
  const zone = zoneById(zones, theme.zone);
  if (!zone) return false;
  const b = shapeBounds(zone.shape);
  const to = { x: clamp(drawn.x + dx, b.x, b.x + b.w), y: clamp(drawn.y + dy, b.y, b.y + b.h) };
  if (to.x === drawn.x && to.y === drawn.y) return false;
  if (shapeContains(zone.shape, drawn) && !shapeContains(zone.shape, to)) return false;
  const pos = boardToNotePosition(zone, to);
  if (pos.x === theme.x && pos.y === theme.y) return false;
  conn.transact(() => moveTheme(conn.doc, theme.id, { zone: zone.id, ...pos }));
  return true;
}

export function starNote(conn: BoardDoc, noteId: string, starred: boolean): void {
  asOneStep(conn, () => setNoteStarred(conn.doc, noteId, starred));
}
