import * as Y from 'yjs';
import { BOARD_ROOTS, LIMITS } from '@balcony/shared';

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks an update before it touches the document. Applying an update creates any top-level type
 * it names, so an unknown name must be caught here, from the decoded structs: an item carries its
 * parent explicitly (a top-level name or a type's id) when it has no neighbours to inherit it from.
 * Items that inherit a parent from a neighbour end up under an already-checked root.
 *
 * Structs the document already holds are skipped, as Yjs skips them on apply: a client that loads
 * its offline copy sends the whole copy again, the server's own `meta` and repairs included.
 */
export function inspectUpdate(update: Uint8Array, doc: Y.Doc): Verdict {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return { ok: false, reason: 'the update could not be decoded' };
  }
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (clock + struct.length <= Y.getState(doc.store, client)) continue;
    // The server writes repairs under its own client id; nobody else may use it.
    if (client === doc.clientID) return { ok: false, reason: "an update used the server's client id" };
    if (!(struct instanceof Y.Item)) continue;
    // Typed for integrated items; in a decoded update it is the top-level name or a parent's id.
    const parent = struct.parent as unknown;
    if (typeof parent !== 'string') continue;
    const name = parent;
    if (parent === BOARD_ROOTS.meta) return { ok: false, reason: 'meta is written by the server only' };
    if (parent !== BOARD_ROOTS.notes) return { ok: false, reason: `unknown top-level type "${name.slice(0, 40)}"` };
    if (struct.parentSub === null) return { ok: false, reason: 'notes is a map: an entry needs a key' };
    if (struct.parentSub.length === 0 || struct.parentSub.length > LIMITS.noteIdMax) {
      return { ok: false, reason: `a note id must be 1 to ${LIMITS.noteIdMax} characters` };
    }
  }
  return { ok: true };
}
