import * as Y from 'yjs';

/**
 * One state holding every update given, with deleted content dropped as a live document drops
 * it (merging the encoded updates directly would keep deleted words).
 */
export function foldTogether(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const u of updates) Y.applyUpdate(doc, u);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
