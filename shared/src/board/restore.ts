import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, LIMITS } from '../limits.js';
import { getMeta, getNotes, getThemes } from './document.js';
import { BOARD_MIGRATIONS, plainTextOf, type BoardMigration } from './migrations.js';
import { checkNote, type NoteProblem } from './note.js';
import { checkTheme } from './theme.js';

export interface RestoreReport {
  /** The version the board said it was (null when it said nothing). */
  fromVersion: number | null;
  toVersion: number;
  /** What each migration changed. */
  migrated: string[];
  /** Notes mended in place, and how. */
  repaired: { noteId: string; problems: NoteProblem['kind'][] }[];
  /** Notes that could not be mended and were removed. */
  dropped: { noteId: string; problems: NoteProblem['kind'][] }[];
  /** Themes that could not be mended and were removed (their notes stay, in no theme). */
  droppedThemes: { themeId: string; problems: NoteProblem['kind'][] }[];
}

export class BoardTooNewError extends Error {
  constructor(readonly version: number) {
    super(`the board is of schema version ${version}; this code knows up to ${BOARD_SCHEMA_VERSION}`);
  }
}

export interface RestoreOptions {
  zoneIds: ReadonlySet<string>;
  /** false: only say what would change (a browser must not rewrite other people's notes). */
  write: boolean;
  migrations?: readonly BoardMigration[];
  /** The version this code writes; tests pin a step by passing an older one. */
  targetVersion?: number;
}

function cutToLimits(text: string): string {
  return text.slice(0, LIMITS.noteTextMax);
}

/**
 * The one gate every stored board passes on its way in, from the server's store or a browser's
 * offline copy: it reads the schema version, runs each migration from there in order, then mends
 * or removes every note the record does not accept. Everything happens in one transaction, so a
 * board is never seen half restored. A board newer than this code is refused, untouched.
 */
export function restoreBoard(doc: Y.Doc, opts: RestoreOptions): RestoreReport {
  const target = opts.targetVersion ?? BOARD_SCHEMA_VERSION;
  const migrations = opts.migrations ?? BOARD_MIGRATIONS;
  const meta = getMeta(doc);
  const said = meta.get('schemaVersion');
  const fromVersion = typeof said === 'number' && Number.isInteger(said) ? said : null;
  if (fromVersion !== null && fromVersion > target) throw new BoardTooNewError(fromVersion);
  const report: RestoreReport = { fromVersion, toVersion: target, migrated: [], repaired: [], dropped: [], droppedThemes: [] };
  if (!opts.write) {
    // A dry run over a copy, so that the caller hears what the gate would do.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const dry = restoreBoard(copy, { ...opts, write: true });
    copy.destroy();
    return dry;
  }
  doc.transact(() => {
    // A board without a version predates versioning: the first schema is the one it was written in.
    for (let v = fromVersion ?? 1; v < target; v++) {
      const step = migrations.find((m) => m.from === v);
      if (!step) throw new Error(`no board migration from version ${v}`);
      report.migrated.push(...step.up(doc).map((line) => `${step.name}: ${line}`));
    }
    if (said !== target) meta.set('schemaVersion', target);
    for (const key of [...meta.keys()]) if (key !== 'schemaVersion') meta.delete(key);
    repairNotes(doc, opts.zoneIds, report);
    dropBrokenThemes(doc, opts.zoneIds, report);
  });
  return report;
}

function repairNotes(doc: Y.Doc, zoneIds: ReadonlySet<string>, report: RestoreReport): void {
  const notes = getNotes(doc) as Y.Map<unknown>;
  for (const [id, value] of [...notes.entries()]) {
    const problems = checkNote(id, value, zoneIds);
    if (problems.length === 0) continue;
    const kinds = problems.map((p) => p.kind);
    if (value instanceof Y.Map && mend(value, problems) && checkNote(id, value, zoneIds).length === 0) {
      report.repaired.push({ noteId: id, problems: kinds });
    } else {
      notes.delete(id);
      report.dropped.push({ noteId: id, problems: kinds });
    }
  }
}

function dropBrokenThemes(doc: Y.Doc, zoneIds: ReadonlySet<string>, report: RestoreReport): void {
  const themes = getThemes(doc) as Y.Map<unknown>;
  for (const [id, value] of [...themes.entries()]) {
    const problems = checkTheme(id, value, zoneIds);
    if (problems.length === 0) continue;
    themes.delete(id);
    report.droppedThemes.push({ themeId: id, problems: problems.map((p) => p.kind) });
  }
}

/** Mends what can be mended without guessing; false when the note cannot be kept. */
function mend(note: Y.Map<unknown>, problems: NoteProblem[]): boolean {
  for (const p of problems) {
    if (p.kind === 'unknown-field') note.delete(p.field);
    else if (p.kind === 'rich-text') note.set('text', new Y.Text(cutToLimits(plainTextOf(note.get('text') as Y.Text))));
    else if (p.kind === 'invalid' && p.field === 'text') {
      const text = note.get('text') as Y.Text;
      note.set('text', new Y.Text(cutToLimits(text.toString())));
    } else return false;
  }
  return true;
}
