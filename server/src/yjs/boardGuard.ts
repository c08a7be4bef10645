import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION,
  LIMITS,
  checkNote,
  getMeta,
  getNotes,
  readNote,
  type NoteProblem,
  type NoteView,
} from '@balcony/shared';

const REPLACEABLE: ReadonlySet<NoteProblem['kind']> = new Set([
  'missing-or-wrong-type',
  'unknown-zone',
  'out-of-range',
  'bad-color',
  'bad-author',
]);

/**
 * Keeps the board inside its schema. After a client's update is applied, and inside the same
 * transaction, it looks at every note the update touched: a broken field goes back to its last
 * valid value, an over-long text is cut to the limit, an unknown field is removed, and a note
 * that cannot be mended is deleted. Because the repair is part of the same transaction, the
 * update that is stored and passed on already carries it: no replica keeps the broken note.
 */
export class BoardGuard {
  /** The last valid form of every note, to restore a field a client broke. */
  private readonly lastValid = new Map<string, NoteView>();
  // Held as plain types: the transaction reports changes by AbstractType.
  private readonly notes: Y.AbstractType<any>;
  private readonly meta: Y.AbstractType<any>;
  private readonly notesMap: Y.Map<Y.Map<unknown>>;
  private readonly metaMap: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly zoneIds: ReadonlySet<string>,
  ) {
    this.notesMap = getNotes(doc);
    this.metaMap = getMeta(doc);
    this.notes = this.notesMap;
    this.meta = this.metaMap;
    this.notesMap.forEach((note, id) => {
      const view = note instanceof Y.Map && checkNote(id, note, zoneIds).length === 0 ? readNote(id, note) : null;
      if (view) this.lastValid.set(id, view);
    });
  }

  /**
   * Applies a client's update and reviews it in one transaction. Returns a description of each
   * violation it repaired (empty when the update was fine); throws when Yjs cannot apply it.
   */
  apply(update: Uint8Array, origin: unknown): string[] {
    let violations: string[] = [];
    let failure: unknown = null;
    this.doc.transact((tr) => {
      try {
        Y.applyUpdate(this.doc, update, origin);
      } catch (err) {
        failure = err;
      }
      // Repairs ride in the same transaction, so the stored and relayed update carries them.
      violations = this.review(tr);
      // applyUpdate marked the transaction remote; the repairs in it are the server's own writes,
      // and Yjs would otherwise take them for another client using the server's id and change it.
      if (violations.length > 0) tr.local = true;
    }, origin);
    if (failure) throw new Error('the update could not be applied');
    return violations;
  }

  /** Reviews what a transaction changed; returns a description of each violation it repaired. */
  private review(tr: Y.Transaction): string[] {
    const violations: string[] = [];
    const touched = new Set<string>();
    let metaTouched = false;
    for (const [type, keys] of tr.changed) {
      if (type === this.notes) {
        for (const key of keys) if (key !== null) touched.add(key);
        continue;
      }
      if (type === this.meta) {
        metaTouched = true;
        continue;
      }
      const owner = this.owningNote(type);
      if (owner === 'meta') metaTouched = true;
      else if (owner !== null) touched.add(owner);
    }

    const added: string[] = [];
    for (const id of touched) {
      const value = this.notesMap.get(id);
      if (value === undefined) {
        this.lastValid.delete(id);
        continue;
      }
      const wasKnown = this.lastValid.has(id);
      const problems = checkNote(id, value, this.zoneIds);
      if (problems.length > 0) {
        violations.push(`note ${id.slice(0, LIMITS.noteIdMax)}: ${problems.map((p) => p.kind).join(', ')}`);
        if (!this.repair(id, value, problems)) {
          this.notesMap.delete(id);
          this.lastValid.delete(id);
          continue;
        }
      }
      const view = readNote(id, this.notesMap.get(id)!);
      if (view) this.lastValid.set(id, view);
      if (!wasKnown) added.push(id);
    }

    // Over the limit: the notes this update added go, newest last in, first out.
    // Y.Map#size walks every entry: only count when this update added notes.
    if (added.length > 0 && this.notesMap.size > LIMITS.notesPerBoard) {
      violations.push(`the board holds at most ${LIMITS.notesPerBoard} notes`);
      for (const id of added.reverse()) {
        if (this.notesMap.size <= LIMITS.notesPerBoard) break;
        this.notesMap.delete(id);
        this.lastValid.delete(id);
      }
    }

    if (metaTouched) {
      violations.push('meta is written by the server only');
      for (const key of [...this.metaMap.keys()]) if (key !== 'schemaVersion') this.metaMap.delete(key);
      if (this.metaMap.get('schemaVersion') !== BOARD_SCHEMA_VERSION) this.metaMap.set('schemaVersion', BOARD_SCHEMA_VERSION);
    }
    return violations;
  }

  /** The id of the note a nested type belongs to, 'meta' for meta, or null. */
  private owningNote(type: Y.AbstractType<any>): string | 'meta' | null {
    let t: Y.AbstractType<any> = type;
    for (;;) {
      const item = t._item;
      if (item === null) return null;
      const parent = item.parent as Y.AbstractType<any>;
      if (parent === this.notes) return item.parentSub;
      if (parent === this.meta) return 'meta';
      t = parent;
    }
  }

  /** Mends a note in place; false when it cannot be mended and must go. */
  private repair(id: string, value: unknown, problems: NoteProblem[]): boolean {
    if (!(value instanceof Y.Map)) return false;
    if (problems.some((p) => p.kind === 'not-a-map' || p.kind === 'id-too-long')) return false;
    const last = this.lastValid.get(id);
    for (const p of problems) {
      if (p.kind === 'unknown-field') value.delete(p.field);
      else if (p.kind === 'text-too-long') {
        const text = value.get('text') as Y.Text;
        text.delete(LIMITS.noteTextMax, text.length - LIMITS.noteTextMax);
      } else if (REPLACEABLE.has(p.kind)) {
        if (!last) return false;
        const field = 'field' in p ? p.field : p.kind === 'unknown-zone' ? 'zone' : p.kind === 'bad-color' ? 'color' : 'authorId';
        if (field === 'text') value.set('text', new Y.Text(last.text));
        else value.set(field, last[field as keyof NoteView]);
      }
    }
    return checkNote(id, value, this.zoneIds).length === 0;
  }
}
