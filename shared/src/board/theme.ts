import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { zoneIdSchema } from '../templates/format.js';
import { COLOR_PATTERN, themeIdSchema, type ThemeId } from './note.js';
import { checkEntry, entryMapOf, rawValues, type EntryProblem, type FieldTable } from './record.js';

const fraction = z.number().min(0).max(1);

/** A theme's name: plain text, like a note's, but short. */
export const themeTitleSchema = z.string().refine((s) => s.length <= LIMITS.themeTitleMax, {
  message: `at most ${LIMITS.themeTitleMax} characters`,
});

/**
 * The theme record (schema version 3): a named group of notes, under `themes`. A note joins a
 * theme by naming it in `themeId`. Every field is the group's: anyone who may write arranges,
 * names and removes themes.
 */
export const THEME_RECORD = {
  title: { holder: 'text', access: 'group', optional: false, schema: themeTitleSchema },
  zone: { holder: 'value', access: 'group', optional: false, schema: zoneIdSchema },
  x: { holder: 'value', access: 'group', optional: false, schema: fraction },
  y: { holder: 'value', access: 'group', optional: false, schema: fraction },
  color: { holder: 'value', access: 'group', optional: false, schema: z.string().regex(COLOR_PATTERN) },
} as const satisfies FieldTable;

export type ThemeField = keyof typeof THEME_RECORD;
export const THEME_FIELDS = Object.keys(THEME_RECORD) as ThemeField[];
export type ThemeProblem = EntryProblem<ThemeField>;

const themeValuesSchema = z.strictObject({
  title: THEME_RECORD.title.schema,
  zone: THEME_RECORD.zone.schema,
  x: THEME_RECORD.x.schema,
  y: THEME_RECORD.y.schema,
  color: THEME_RECORD.color.schema,
});

export type ThemeView = z.infer<typeof themeValuesSchema> & { id: ThemeId };
export type NewTheme = Omit<ThemeView, 'id' | 'title'> & { id: string; title?: string };

export function checkTheme(id: string, value: unknown, zoneIds: ReadonlySet<string>): ThemeProblem[] {
  return checkEntry(id, value, THEME_RECORD, themeIdSchema, zoneIds);
}

/** Reads a theme for display; null when the map does not hold a valid theme. */
export function readTheme(id: string, theme: Y.Map<unknown>): ThemeView | null {
  const parsed = themeValuesSchema.safeParse(rawValues(theme, THEME_RECORD));
  const parsedId = themeIdSchema.safeParse(id);
  if (!parsed.success || !parsedId.success) return null;
  return { ...parsed.data, id: parsedId.data };
}

export function themeMapOf(t: NewTheme): Y.Map<unknown> {
  return entryMapOf(THEME_RECORD, { ...t, title: t.title ?? '' });
}
