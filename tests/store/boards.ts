import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { DEFAULT_NOTE_COLOR, addNote, deleteNote, getNotes, getTemplate, initBoardMeta } from '@balcony/shared';
import type { StoredDoc } from '../../server/src/store/types.js';

const ZONE = getTemplate('what-works-circle').frames[0]!.zones[0]!.id;

/** A board written the way a client writes it: each change is the real Yjs update it makes. */
export class Writer {
  readonly doc = new Y.Doc();

  constructor(initialState?: Uint8Array) {
    if (initialState) Y.applyUpdate(this.doc, initialState);
    else initBoardMeta(this.doc);
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** Adds a note with this text and returns the update that did it. */
  add(text: string, id: string = randomUUID()): Uint8Array {
    return this.capture(() =>
      addNote(this.doc, { id, text, zone: ZONE, x: 0.5, y: 0.5, color: DEFAULT_NOTE_COLOR, authorId: 'author-1', createdAt: Date.now() }),
    );
  }

  delete(id: string): Uint8Array {
    return this.capture(() => deleteNote(this.doc, id));
  }

  /** The whole board as one update, as a compaction writes it. */
  state(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  noteIds(): string[] {
    return noteIds(this.doc);
  }

  private capture(change: () => void): Uint8Array {
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    this.doc.on('update', onUpdate);
    try {
      change();
    } finally {
      this.doc.off('update', onUpdate);
    }
    if (updates.length !== 1) throw new Error(`expected one update, got ${updates.length}`);
    return updates[0]!;
  }
}

/** The board a client loading this would see. */
export function boardFrom(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

export function noteIds(doc: Y.Doc): string[] {
  return [...getNotes(doc).keys()].sort();
}
