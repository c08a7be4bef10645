import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { zoneIdSchema } from '../templates/format.js';
import { checkEntry, entryMapOf, rawValues, type EntryProblem, type FieldTable } from './record.js';

export { isPlainText } from './record.js';

/**
 * The note record, declared once. Every note is a `Y.Map` under `notes`; this table says, field
 * by field, how the value is held in that map, who may change it, and what it may hold. The
 * reader, the writer, the checker and the server's write rules all derive from it.
 */

export const noteIdSchema = z.string().min(1).max(LIMITS.noteIdMax).brand<'NoteId'>();
export type NoteId = z.infer<typeof noteIdSchema>;

export const participantIdSchema = z.string().min(1).max(LIMITS.noteIdMax).brand<'ParticipantId'>();
export type ParticipantId = z.infer<typeof participantIdSchema>;

export const COLOR_PATTERN = /^#[0-9A-Fa-f]{6}$/;

const fraction = z.number().min(0).max(1);

/**
 * A note's words: plain text of at most `noteTextMax` UTF-16 units, as `Y.Text` and a textarea's
 * `maxlength` count them (zod's own `max` counts code points).
 */
export const noteTextSchema = z.string().refine((s) => s.length <= LIMITS.noteTextMax, {
  message: `at most ${LIMITS.noteTextMax} characters`,
});

/** A theme's id, as a note's `themeId` names it: the key of the theme under `themes`. */
export const themeIdSchema = z.string().min(1).max(LIMITS.noteIdMax).brand<'ThemeId'>();
export type ThemeId = z.infer<typeof themeIdSchema>;

/**
 * The author written on notes of an anonymous session: the server reveals them, and their writers
 * are kept on the server only (docs/PROTOCOL.md, "Anonymous sessions").
 */
export const ANONYMOUS_AUTHOR = '@anonymous';

/**
 * - `holder`: `text` is a `Y.Text` of plain characters (edited character by character); `value` is
 *   a plain JSON value set on the map.
 * - `access`: `author` fields belong to the note's author (and facilitators); `group` fields are
 *   arranging the board, which anyone who may write does; `star` is the presenter's (and
 *   facilitators'); `fixed` fields are set once, when the note is made, and never change.
 * - `optional`: the field may be absent (and removed); absent reads as `themeId: null`,
 *   `starred: false`, `noRecord: false`.
 */
export const NOTE_RECORD = {
  text: { holder: 'text', access: 'author', optional: false, schema: noteTextSchema },
  zone: { holder: 'value', access: 'group', optional: false, schema: zoneIdSchema },
  x: { holder: 'value', access: 'group', optional: false, schema: fraction },
  y: { holder: 'value', access: 'group', optional: false, schema: fraction },
  color: { holder: 'value', access: 'group', optional: false, schema: z.string().regex(COLOR_PATTERN) },
  authorId: { holder: 'value', access: 'fixed', optional: false, schema: participantIdSchema },
  createdAt: { holder: 'value', access: 'fixed', optional: false, schema: z.number().finite().min(0) },
  /** The theme the note is grouped in (schema version 3). */
  themeId: { holder: 'value', access: 'group', optional: true, schema: themeIdSchema },
  /** Starred by the presenter of a learning circle (schema version 3). */
  starred: { holder: 'value', access: 'star', optional: true, schema: z.boolean() },
  /**
   * "Don't record": seen live, left out of every snapshot and export (schema version 4). Some
   * things are said to be heard, not filed.
   */
  noRecord: { holder: 'value', access: 'author', optional: true, schema: z.boolean() },
} as const satisfies FieldTable;

export type NoteField = keyof typeof NOTE_RECORD;
export type NoteFieldAccess = (typeof NOTE_RECORD)[NoteField]['access'];
export const NOTE_FIELDS = Object.keys(NOTE_RECORD) as NoteField[];
/** The fields every note holds from the moment it is made. */
export const REQUIRED_NOTE_FIELDS = NOTE_FIELDS.filter((f) => !NOTE_RECORD[f].optional);

export function isNoteField(key: string): key is NoteField {
  return Object.hasOwn(NOTE_RECORD, key);
}

const noteValuesSchema = z.strictObject({
  text: NOTE_RECORD.text.schema,
  zone: NOTE_RECORD.zone.schema,
  x: NOTE_RECORD.x.schema,
  y: NOTE_RECORD.y.schema,
  color: NOTE_RECORD.color.schema,
  authorId: NOTE_RECORD.authorId.schema,
  createdAt: NOTE_RECORD.createdAt.schema,
  themeId: NOTE_RECORD.themeId.schema.nullable().default(null),
  starred: NOTE_RECORD.starred.schema.default(false),
  noRecord: NOTE_RECORD.noRecord.schema.default(false),
});

/** A plain, read-only view of a note for rendering and for derived records. */
export type NoteView = z.infer<typeof noteValuesSchema> & { id: NoteId };

/** What a writer gives to make a note; the text may start empty, and it starts in no theme, unstarred. */
export type NewNote = Omit<NoteView, 'text' | 'id' | 'authorId' | 'themeId' | 'starred' | 'noRecord'> & {
  id: string;
  authorId: string;
  text?: string;
  themeId?: string | null;
  starred?: boolean;
  noRecord?: boolean;
};

export type NoteMap = Y.Map<unknown>;

export type NoteProblem = EntryProblem<NoteField>;

/**
 * Checks one entry of the `notes` map against the record and lists every way it breaks it.
 * An empty list means the note is valid on a board with these zones.
 */
export function checkNote(id: string, value: unknown, zoneIds: ReadonlySet<string>): NoteProblem[] {
  return checkEntry(id, value, NOTE_RECORD, noteIdSchema, zoneIds);
}

/** Reads a note for display; null when the map does not hold a valid note. */
export function readNote(id: string, note: NoteMap): NoteView | null {
  const parsed = noteValuesSchema.safeParse(rawValues(note, NOTE_RECORD));
  const parsedId = noteIdSchema.safeParse(id);
  if (!parsed.success || !parsedId.success) return null;
  return { ...parsed.data, id: parsedId.data };
}

/** Builds the map of a new note, every field as the record holds it. */
export function noteMapOf(n: NewNote): NoteMap {
  // An optional field is held only when it says something: no theme and no star are absence.
  return entryMapOf(NOTE_RECORD, {
    ...n,
    text: n.text ?? '',
    themeId: n.themeId || undefined,
    starred: n.starred || undefined,
    noRecord: n.noRecord || undefined,
  });
}
