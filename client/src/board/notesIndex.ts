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

/** Where the board reads its notes from: one board's index, or the shared and private ones together. */
export interface NotesSource {
  get: () => NotesSnapshot;
  subscribe: (listener: () => void) => () => void;
}

/** A note of this person's private board, drawn among the shared ones: only they can see it. */
type PrivateNoteView = NoteView & { readonly private: true };

export function isPrivateNote(note: NoteView): boolean {
  return (note as Partial<PrivateNoteView>).private === true;
}

/**
 * The shared board's notes and this person's private ones, as one snapshot for drawing: private
 * notes are marked (isPrivateNote). A note on both (the moment a reveal moves it) is the shared one.
 */
export class CombinedNotes implements NotesSource {
  private snapshot: NotesSnapshot;
  private listeners = new Set<() => void>();
  private readonly marked = new WeakMap<NoteView, PrivateNoteView>();
  private readonly stops: Array<() => void>;

  constructor(
    private readonly shared: NotesSource,
    private readonly own: NotesSource,
  ) {
    this.snapshot = this.build();
    const onChange = () => {
      this.snapshot = this.build();
      for (const listener of [...this.listeners]) listener();
    };
    this.stops = [shared.subscribe(onChange), own.subscribe(onChange)];
  }

  get = (): NotesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const stop of this.stops) stop();
    this.listeners.clear();
  }

  private mark(view: NoteView): PrivateNoteView {
    let marked = this.marked.get(view);
    if (!marked) {
      marked = { ...view, private: true };
      this.marked.set(view, marked);
    }
    return marked;
  }

  private build(): NotesSnapshot {
    const shared = this.shared.get();
    const own = this.own.get();
    if (own.list.length === 0) return shared;
    const byId = new Map<string, NoteView>(shared.byId);
    for (const view of own.list) if (!byId.has(view.id)) byId.set(view.id, this.mark(view));
    return { list: [...byId.values()].sort(compare), byId };
  }
}
