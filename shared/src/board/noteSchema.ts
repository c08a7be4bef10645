import * as Y from 'yjs';
import { LIMITS } from '../limits.js';
import { NOTE_FIELDS } from './document.js';

export const COLOR_PATTERN = /^#[0-9A-Fa-f]{6}$/;

export type NoteProblem =
  | { kind: 'not-a-map' }
  | { kind: 'id-too-long' }
  | { kind: 'unknown-field'; field: string }
  | { kind: 'missing-or-wrong-type'; field: string }
  | { kind: 'text-too-long'; length: number }
  | { kind: 'unknown-zone'; zone: string }
  | { kind: 'out-of-range'; field: 'x' | 'y' | 'createdAt' }
  | { kind: 'bad-color'; color: string }
  | { kind: 'bad-author' };

const knownFields: ReadonlySet<string> = new Set(NOTE_FIELDS);

/**
 * Checks one entry of the `notes` map against the board schema and lists every way it breaks it.
 * An empty list means the note is valid.
 */
export function checkNote(id: string, value: unknown, zoneIds: ReadonlySet<string>): NoteProblem[] {
  if (!(value instanceof Y.Map)) return [{ kind: 'not-a-map' }];
  const problems: NoteProblem[] = [];
  if (id.length === 0 || id.length > LIMITS.noteIdMax) problems.push({ kind: 'id-too-long' });
  for (const key of value.keys()) {
    if (!knownFields.has(key)) problems.push({ kind: 'unknown-field', field: key });
  }
  const text = value.get('text');
  if (!(text instanceof Y.Text)) problems.push({ kind: 'missing-or-wrong-type', field: 'text' });
  else if (text.length > LIMITS.noteTextMax) problems.push({ kind: 'text-too-long', length: text.length });

  const zone = value.get('zone');
  if (typeof zone !== 'string') problems.push({ kind: 'missing-or-wrong-type', field: 'zone' });
  else if (!zoneIds.has(zone)) problems.push({ kind: 'unknown-zone', zone });

  for (const field of ['x', 'y'] as const) {
    const v = value.get(field);
    if (typeof v !== 'number') problems.push({ kind: 'missing-or-wrong-type', field });
    else if (!(v >= 0 && v <= 1)) problems.push({ kind: 'out-of-range', field });
  }
  const color = value.get('color');
  if (typeof color !== 'string') problems.push({ kind: 'missing-or-wrong-type', field: 'color' });
  else if (!COLOR_PATTERN.test(color)) problems.push({ kind: 'bad-color', color });

  const authorId = value.get('authorId');
  if (typeof authorId !== 'string') problems.push({ kind: 'missing-or-wrong-type', field: 'authorId' });
  else if (authorId.length === 0 || authorId.length > LIMITS.noteIdMax) problems.push({ kind: 'bad-author' });

  const createdAt = value.get('createdAt');
  if (typeof createdAt !== 'number') problems.push({ kind: 'missing-or-wrong-type', field: 'createdAt' });
  else if (!Number.isFinite(createdAt) || createdAt < 0) problems.push({ kind: 'out-of-range', field: 'createdAt' });
  return problems;
}
