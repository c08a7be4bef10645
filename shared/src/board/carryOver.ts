import * as Y from 'yjs';
import { getMeta, getNotes, getThemes, listNotes, listThemes } from './document.js';
import { BOARD_SCHEMA_VERSION } from '../limits.js';
import { noteMapOf } from './note.js';
import { themeMapOf } from './theme.js';

/**
 * The board a follow-up starts from: the filed notes and themes of the session before, where
 * they stood, keeping their ids so that comparing the two sessions matches them one to one.
 * The notes are written by `authorId` (the people before are not in the new session), and their
 * stars are left behind: starring is the new presenter's to do.
 */
export function carriedBoard(filed: Y.Doc, authorId: string, zoneIds: ReadonlySet<string>): Y.Doc {
  const out = new Y.Doc({ gc: true });
  const notes = listNotes(filed).filter((n) => zoneIds.has(n.zone));
  const themes = listThemes(filed).filter((t) => zoneIds.has(t.zone));
  const themeIds = new Set(themes.map((t) => t.id as string));
  out.transact(() => {
    getMeta(out).set('schemaVersion', BOARD_SCHEMA_VERSION);
    for (const t of themes) getThemes(out).set(t.id, themeMapOf(t));
    for (const n of notes) {
      getNotes(out).set(
        n.id,
        noteMapOf({ ...n, authorId, starred: false, noRecord: false, themeId: n.themeId && themeIds.has(n.themeId) ? n.themeId : null }),
      );
    }
  });
  return out;
}
