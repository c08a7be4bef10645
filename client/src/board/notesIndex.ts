import * as Y from 'yjs';
import { readNote, type NoteMap, type NoteView } from '@balcony/shared';

export interface NotesSnapshot {
  /** Every readable note, oldest first, as listNotes orders them. */
  list: readonly NoteView[];
  byId: ReadonlyMap<string, NoteView>;
}

function compare(a: NoteView, b: NoteView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A read-only view of the notes map for React. It re-reads only the notes a transaction touched
 * and keeps the other views as they were, so that unchanged notes skip re-rendering.
 */
export class NotesIndex {
  private views = new Map<string, NoteView>();
  private snapshot: NotesSnapshot;
  private listeners = new Set<() => void>();

  constructor(private readonly notes: Y.Map<NoteMap>) {
    notes.forEach((note, id) => this.read(id, note));
    this.snapshot = this.build();
    notes.observeDeep(this.onChange);
  }

  get = (): NotesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.notes.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private read(id: string, note: unknown): void {
    const view = note instanceof Y.Map ? readNote(id, note) : null;
    if (view) this.views.set(id, view);
    else this.views.delete(id);
  }

  private onChange = (events: Array<Y.YEvent<any>>): void => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.notes && event instanceof Y.YMapEvent) {
        for (const key of event.keysChanged) touched.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') touched.add(id);
      }
    }
    if (touched.size === 0) return;
    for (const id of touched) this.read(id, this.notes.get(id));
    this.snapshot = this.build();
    for (const listener of [...this.listeners]) listener();
  };

  private build(): NotesSnapshot {
    return { list: [...this.views.values()].sort(compare), byId: new Map(this.views) };
  }
}
