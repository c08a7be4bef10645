import * as Y from 'yjs';
import type { z } from 'zod';

/**
 * How the board's records (notes, themes) are declared: a table of fields, each saying how its
 * value is held in the record's `Y.Map`, who may change it, and what it may hold. The readers,
 * the checkers, the restore gate and the server's write rules all work from these tables.
 */
export interface FieldSpec {
  /** `text`: a `Y.Text` of plain characters; `value`: a plain JSON value set on the map. */
  readonly holder: 'text' | 'value';
  /** Who may change the field of an existing record (see NOTE_RECORD). */
  readonly access: 'author' | 'group' | 'star' | 'fixed';
  /** Whether the record may be without it (and the field be removed). */
  readonly optional: boolean;
  readonly schema: z.ZodType;
}
export type FieldTable = Readonly<Record<string, FieldSpec>>;

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

/** The plain values of a record's map, as the table holds them, before they are checked. */
export function rawValues(entry: Y.Map<unknown>, table: FieldTable): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  entry.forEach((value, key) => {
    if (Object.hasOwn(table, key) && table[key]!.holder === 'text') {
      raw[key] = value instanceof Y.Text && isPlainText(value) ? value.toString() : value;
    } else {
      raw[key] = value;
    }
  });
  return raw;
}

export type EntryProblem<F extends string = string> =
  | { kind: 'not-a-map' }
  | { kind: 'bad-id' }
  | { kind: 'unknown-field'; field: string }
  | { kind: 'missing'; field: F }
  | { kind: 'wrong-holder'; field: F }
  | { kind: 'rich-text' }
  | { kind: 'invalid'; field: F }
  | { kind: 'unknown-zone'; zone: string };

/** Checks one entry of a record map against its table and lists every way it breaks it. */
export function checkEntry<T extends FieldTable>(
  id: string,
  value: unknown,
  table: T,
  idSchema: z.ZodType,
  zoneIds: ReadonlySet<string>,
): EntryProblem<Extract<keyof T, string>>[] {
  type F = Extract<keyof T, string>;
  if (!(value instanceof Y.Map)) return [{ kind: 'not-a-map' }];
  const problems: EntryProblem<F>[] = [];
  if (!idSchema.safeParse(id).success) problems.push({ kind: 'bad-id' });
  for (const key of value.keys()) if (!Object.hasOwn(table, key)) problems.push({ kind: 'unknown-field', field: key });
  for (const field of Object.keys(table) as F[]) {
    const spec = table[field]!;
    const held: unknown = value.get(field);
    if (held === undefined) {
      if (!spec.optional) problems.push({ kind: 'missing', field });
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

/** Builds a record's map from its values, each as the table holds it; undefined values are left out. */
export function entryMapOf(table: FieldTable, values: Readonly<Record<string, unknown>>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  for (const field of Object.keys(table)) {
    const value = values[field];
    if (value === undefined) continue;
    entry.set(field, table[field]!.holder === 'text' ? new Y.Text(value as string) : value);
  }
  return entry;
}
