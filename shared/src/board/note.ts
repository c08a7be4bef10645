import * as Y from 'yjs';
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { zoneIdSchema } from '../templates/format.js';

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

/**
 * - `holder`: `text` is a `Y.Text` of plain characters (edited character by character); `value` is
 *   a plain JSON value set on the map.
 * - `access`: `author` fields belong to the note's author (and facilitators); `group` fields are
 *   arranging the board, which anyone who may write does; `fixed` fields are set once, when the
 *   note is made, and never change.
 */
export const NOTE_RECORD = {
  text: { holder: 'text', access: 'author', schema: noteTextSchema },
  zone: { holder: 'value', access: 'group', schema: zoneIdSchema },
  x: { holder: 'value', access: 'group', schema: fraction },
  y: { holder: 'value', access: 'group', schema: fraction },
  color: { holder: 'value', access: 'group', schema: z.string().regex(COLOR_PATTERN) },
  authorId: { holder: 'value', access: 'fixed', schema: participantIdSchema },
  createdAt: { holder: 'value', access: 'fixed', schema: z.number().finite().min(0) },
} as const;

export type NoteField = keyof typeof NOTE_RECORD;
export type NoteFieldAccess = (typeof NOTE_RECORD)[NoteField]['access'];
export const NOTE_FIELDS = Object.keys(NOTE_RECORD) as NoteField[];

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
});

/** A plain, read-only view of a note for rendering and for derived records. */
export type NoteView = z.infer<typeof noteValuesSchema> & { id: NoteId };

/** What a writer gives to make a note; the text may start empty. */
export type NewNote = Omit<NoteView, 'text' | 'id' | 'authorId'> & { id: string; authorId: string; text?: string };

export type NoteMap = Y.Map<unknown>;

/**
 * True when a `Y.Text` holds nothing but characters: no embeds, no formatting attributes, no
 * nested types, no map entries. A rich text can look like "hi" and weigh megabytes.
 */
export function isPlainText(text: Y.Text): boolean {
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && !(item.content instanceof Y.ContentString)) return false;
  }
  for (const item of text._map.values()) if (!item.deleted) return false;
  return true;
}

/** The plain values of a note's map, as the record holds them, before they are checked. */
function rawValues(note: NoteMap): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  note.forEach((value, key) => {
    if (isNoteField(key) && NOTE_RECORD[key].holder === 'text') {
      raw[key] = value instanceof Y.Text && isPlainText(value) ? value.toString() : value;
    } else {
      raw[key] = value;
    }
  });
  return raw;
}

export type NoteProblem =
  | { kind: 'not-a-map' }
  | { kind: 'bad-id' }
  | { kind: 'unknown-field'; field: string }
  | { kind: 'missing'; field: NoteField }
  | { kind: 'wrong-holder'; field: NoteField }
  | { kind: 'rich-text' }
  | { kind: 'invalid'; field: NoteField }
  | { kind: 'unknown-zone'; zone: string };

/**
 * Checks one entry of the `notes` map against the record and lists every way it breaks it.
 * An empty list means the note is valid on a board with these zones.
 */
export function checkNote(id: string, value: unknown, zoneIds: ReadonlySet<string>): NoteProblem[] {
  if (!(value instanceof Y.Map)) return [{ kind: 'not-a-map' }];
  const problems: NoteProblem[] = [];
  if (!noteIdSchema.safeParse(id).success) problems.push({ kind: 'bad-id' });
  for (const key of value.keys()) if (!isNoteField(key)) problems.push({ kind: 'unknown-field', field: key });
  for (const field of NOTE_FIELDS) {
    const spec = NOTE_RECORD[field];
    const held: unknown = value.get(field);
    if (held === undefined) {
      problems.push({ kind: 'missing', field });
      continue;
    }
    if (spec.holder === 'text') {
      if (!(held instanceof Y.Text)) {
        problems.push({ kind: 'wrong-holder', field });
        continue;
      }
      if (!isPlainText(held)) {
        problems.push({ kind: 'rich-text' });
        continue;
      }
    } else if (held instanceof Y.AbstractType) {
      problems.push({ kind: 'wrong-holder', field });
      continue;
    }
    const plain = held instanceof Y.Text ? held.toString() : held;
    if (!spec.schema.safeParse(plain).success) problems.push({ kind: 'invalid', field });
    else if (field === 'zone' && !zoneIds.has(plain as string)) problems.push({ kind: 'unknown-zone', zone: plain as string });
  }
  return problems;
}

/** Reads a note for display; null when the map does not hold a valid note. */
export function readNote(id: string, note: NoteMap): NoteView | null {
  const parsed = noteValuesSchema.safeParse(rawValues(note));
  const parsedId = noteIdSchema.safeParse(id);
  if (!parsed.success || !parsedId.success) return null;
  return { ...parsed.data, id: parsedId.data };
}

/** Builds the map of a new note, every field as the record holds it. */
export function noteMapOf(n: NewNote): NoteMap {
  const note = new Y.Map<unknown>();
  const values: Record<NoteField, unknown> = { ...n, text: n.text ?? '' };
  for (const field of NOTE_FIELDS) {
    note.set(field, NOTE_RECORD[field].holder === 'text' ? new Y.Text(values[field] as string) : values[field]);
  }
  return note;
}
