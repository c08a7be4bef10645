import * as Y from 'yjs';
import { getNotes } from './document.js';
import { isPlainText } from './note.js';

/** One named, append-only step of the board schema: it turns a board of `from` into `from + 1`. */
export interface BoardMigration {
  from: number;
  name: string;
  /** Runs inside the restore gate's transaction; says what it changed, note by note. */
  up(doc: Y.Doc): string[];
}

/** The characters of a text, without embeds, formats or nested types. */
export function plainTextOf(text: Y.Text): string {
  let out = '';
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) out += item.content.str;
  }
  return out;
}

export const BOARD_MIGRATIONS: readonly BoardMigration[] = [
  {
    from: 1,
    name: 'plain-note-text',
    // Version 1 checked only a text's length, so a note could carry embeds, formats or nested
    // types that weigh megabytes and show as "hi". Version 2 holds characters only.
    up(doc) {
      const changed: string[] = [];
      getNotes(doc).forEach((note, id) => {
        const text = note instanceof Y.Map ? note.get('text') : undefined;
        if (!(text instanceof Y.Text) || isPlainText(text)) return;
        note.set('text', new Y.Text(plainTextOf(text)));
        changed.push(`note ${id}: text made plain`);
      });
      return changed;
    },
  },
  {
    from: 2,
    name: 'themes-and-stars',
    // Version 3 adds the `themes` map and two optional note fields, `themeId` and `starred`.
    // A version 2 board holds neither (its server refused unknown fields), so no note changes:
    // the step exists so that a version 2 reader refuses a board that may hold themes.
    up() {
      return [];
    },
  },
  {
    from: 3,
    name: 'do-not-record',
    // Version 4 adds the optional note field `noRecord`. No version 3 note holds it, so nothing
    // changes; a version 3 reader must refuse a board whose notes may carry it.
    up() {
      return [];
    },
  },
];
