import * as Y from 'yjs';
import { BOARD_ROOTS, LIMITS, NOTE_FIELDS, NOTE_RECORD, isNoteField, noteIdSchema, type NoteField } from '@balcony/shared';

/** What the inspector needs to know about the board and the person writing to it. */
export interface InspectionContext {
  doc: Y.Doc;
  zoneIds: ReadonlySet<string>;
  /** The writer's participant id. */
  writer: string;
  /** Whether the writer may write on the board at all right now. */
  mayWrite: boolean;
  /** Whether the writer may change the words of, or delete, a note by this author. */
  mayEditNoteBy(authorId: string): boolean;
  /** The participant a Yjs client id is bound to, if any. */
  ownerOf(clientId: number): string | undefined;
  /** The author of a note this board has held, live or deleted, if known. */
  formerAuthorOf(noteId: string): string | undefined;
  /** Live notes on the board now. */
  liveNotes: number;
}

export type Verdict =
  | {
      kind: 'accept';
      /** Client ids the update writes under for the first time: bind them to the writer. */
      newClientIds: number[];
      /** Notes the update creates, with their authors. */
      created: Map<string, string>;
    }
  /** The update needs structs the server does not hold yet; the sender may still send them. */
  | { kind: 'pending'; reason: string }
  /**
   * `invalid`: it breaks the protocol or the schema; `forbidden`: not this writer's to change;
   * `limit`: the board is full; `read-only`: this writer may not write now (the phase, their
   * role or the lock), and may later.
   */
  | { kind: 'refuse'; code: RefusalCode; reason: string };

type RefusalCode = 'invalid' | 'forbidden' | 'limit' | 'read-only';

type Struct = Y.Item | Y.GC | Y.Skip;
/** The delete set of a decoded update (the class is not exported by name). */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type Content = Y.Item['content'];

/** Where an item lands on the board, worked out the way Yjs will integrate it. */
type Place =
  | { at: 'note'; noteId: string }
  | { at: 'field'; noteId: string; field: string; note: Y.Item }
  | { at: 'char'; noteId: string; note: Y.Item; text: Y.Item }
  | { at: 'meta' }
  /** Its parent or a neighbour is gone: Yjs turns it into garbage, harmless. */
  | { at: 'dead' }
  | { at: 'missing' }
  | { at: 'refused'; reason: string };

const refused = (reason: string): Place => ({ at: 'refused', reason });
const DEAD: Place = { at: 'dead' };
const MISSING: Place = { at: 'missing' };

class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    reason: string,
  ) {
    super(reason);
  }
}
class Pending extends Error {}

/**
 * Delete-set ranges of the update, per client, merged and in clock order, to tell how much of a
 * struct it deletes. Looked up by binary search: an update may hold tens of thousands of both.
 */
class Ranges {
  private readonly byClient = new Map<number, { clock: number; len: number }[]>();
  constructor(ds: DeleteSet) {
    for (const [client, items] of ds.clients) {
      const merged: { clock: number; len: number }[] = [];
      for (const r of [...items].sort((a, b) => a.clock - b.clock)) {
        const last = merged.at(-1);
        if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
        else merged.push({ clock: r.clock, len: r.len });
      }
      this.byClient.set(client, merged);
    }
  }
  /** How many of the clocks [clock, clock + len) of a client the update deletes. */
  overlap(client: number, clock: number, len: number): number {
    const ranges = this.byClient.get(client);
    if (!ranges) return 0;
    // The first range that ends after `clock`; merged ranges end in order.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.clock + ranges[mid]!.len <= clock) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let i = lo; i < ranges.length && ranges[i]!.clock < clock + len; i++) {
      const r = ranges[i]!;
      n += Math.min(r.clock + r.len, clock + len) - Math.max(r.clock, clock);
    }
    return n;
  }
  entries(): Iterable<[number, { clock: number; len: number }[]]> {
    return this.byClient.entries();
  }
}

function isTypeContent(content: Content, ctor: typeof Y.Map | typeof Y.Text): boolean {
  return content instanceof Y.ContentType && content.type.constructor === ctor;
}

/**
 * Decides, before an update touches the board, whether it may be applied, by reading its structs
 * and delete set against the board as Yjs would integrate them. Nothing is applied here: applying
 * creates any top-level type an update names, and a refused update must leave no trace.
 *
 * The rules, from the note record (`NOTE_RECORD`): structs go under a client id bound to the
 * writer (or a new one, bound to them from then on); a note is a map of exactly its fields, each
 * valid; a note's text holds plain characters only; a new note's author is the writer; `fixed`
 * fields never change; `author` fields and deletion belong to the note's author and to
 * facilitators; `group` fields may be changed by anyone who may write; the board's note limits
 * hold. Structs the board already holds are skipped, as Yjs skips them: a browser that reloads
 * its offline copy sends everything again, other people's notes and the server's `meta` included.
 */
export function inspectUpdate(update: Uint8Array, ctx: InspectionContext): Verdict {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch {
    return { kind: 'refuse', code: 'invalid', reason: 'the update could not be decoded' };
  }
  try {
    return new Inspection(decoded.structs, decoded.ds, ctx).run();
  } catch (err) {
    if (err instanceof Refusal) return { kind: 'refuse', code: err.code, reason: err.message };
    if (err instanceof Pending) return { kind: 'pending', reason: err.message };
    return { kind: 'refuse', code: 'invalid', reason: 'the update does not fit the board' };
  }
}

class Inspection {
  private readonly store: Y.Doc['store'];
  private readonly notes: Y.Map<unknown>;
  private readonly meta: Y.Map<unknown>;
  /** This update's structs by client, in clock order. */
  private readonly fresh = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly deletes: Ranges;
  /** New note maps of this update that stay live, by their map item. */
  private readonly created = new Map<Y.Item, { noteId: string; fields: Map<NoteField, unknown> }>();
  /** `note item → fields` this update writes anew on existing notes. */
  private readonly rewritten = new Map<Y.Item, Set<string>>();
  /** Live notes the update deletes. */
  private readonly deletedNotes = new Set<Y.Item>();
  /** Existing notes whose text the update deletes characters from. */
  private readonly pendingCharDeletes = new Set<Y.Item>();
  /** Change in length and bytes of each note text the update touches, by the text's item. */
  private readonly textDelta = new Map<Y.Item, { chars: number; note: Y.Item }>();

  constructor(
    private readonly structs: Struct[],
    ds: DeleteSet,
    private readonly ctx: InspectionContext,
  ) {
    this.store = ctx.doc.store;
    this.notes = ctx.doc.getMap(BOARD_ROOTS.notes);
    this.meta = ctx.doc.getMap(BOARD_ROOTS.meta);
    this.deletes = new Ranges(ds);
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const list = this.fresh.get(s.id.client) ?? [];
      list.push(s);
      this.fresh.set(s.id.client, list);
    }
  }

  run(): Verdict {
    this.checkNoteBound();
    const newClientIds = this.checkStructs();
    this.checkDeletes();
    this.checkCreatedNotes();
    this.checkTexts();
    this.checkNoteCount();
    const created = new Map<string, string>();
    for (const c of this.created.values()) created.set(c.noteId, c.fields.get('authorId') as string);
    return { kind: 'accept', newClientIds, created };
  }

  // -- Structs ------------------------------------------------------------------------------

  private checkStructs(): number[] {
    const newClientIds = new Set<number>();
    const next = new Map<number, number>();
    const items: Y.Item[] = [];
    for (const s of this.structs) {
      if (s instanceof Y.Skip) continue;
      const { client, clock } = s.id;
      const held = Y.getState(this.store, client);
      if (clock + s.length <= held) continue;
      // Yjs holds back structs that follow a gap in their client's clock until the gap is filled.
      if (clock > (next.get(client) ?? held)) throw new Pending('structs after a gap in their client clock');
      next.set(client, clock + s.length);
      if (client === this.ctx.doc.clientID) throw new Refusal('invalid', "an update used the server's client id");
      const owner = this.ctx.ownerOf(client);
      if (owner !== undefined && owner !== this.ctx.writer) {
        throw new Refusal('forbidden', "an update wrote under another person's client id");
      }
      if (owner === undefined) newClientIds.add(client);
      if (s instanceof Y.Item) items.push(s);
    }
    // New notes first, so that their fields, whichever client wrote them, count towards making them.
    const isNote = (item: Y.Item) => this.placeOf(item).at === 'note';
    for (const item of items) if (isNote(item)) this.checkItem(item);
    for (const item of items) if (!isNote(item)) this.checkItem(item);
    return [...newClientIds];
  }

  private checkItem(item: Y.Item): void {
    const place = this.placeOf(item);
    const content = item.content;
    const gone = content instanceof Y.ContentDeleted;
    switch (place.at) {
      case 'dead':
        return;
      case 'missing':
        throw new Pending('an item whose neighbours or parent the server does not hold');
      case 'refused':
        throw new Refusal('invalid', place.reason);
      case 'meta':
        throw new Refusal('invalid', 'meta is written by the server only');
      case 'note':
        return this.checkNoteItem(item, place.noteId, gone);
      case 'field':
        return this.checkFieldItem(item, place, gone);
      case 'char':
        return this.checkCharItem(item, place, gone);
    }
  }

  private checkNoteItem(item: Y.Item, noteId: string, gone: boolean): void {
    if (!gone && !isTypeContent(item.content, Y.Map)) throw new Refusal('invalid', 'a note is a map of its fields');
    if (!noteIdSchema.safeParse(noteId).success) throw new Refusal('invalid', `a note id must be 1 to ${LIMITS.noteIdMax} characters`);
    if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
    const current = (this.notes as unknown as { _map: Map<string, Y.Item> })._map.get(noteId);
    if (current && !current.deleted && current !== item) throw new Refusal('forbidden', 'a note with this id is already on the board');
    if (!gone && this.deletes.overlap(item.id.client, item.id.clock, item.length) === 0) {
      this.created.set(item, { noteId, fields: new Map() });
    }
  }

  private checkFieldItem(item: Y.Item, place: Extract<Place, { at: 'field' }>, gone: boolean): void {
    const { field, note } = place;
    if (!isNoteField(field)) throw new Refusal('invalid', `a note has no field "${field.slice(0, 40)}"`);
    const spec = NOTE_RECORD[field];
    let value: unknown;
    if (!gone) {
      const content = item.content;
      if (spec.holder === 'text') {
        if (!isTypeContent(content, Y.Text)) throw new Refusal('invalid', 'a note\'s text is a Y.Text');
      } else {
        if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
          throw new Refusal('invalid', `a note's ${field} is a plain value`);
        }
        value = content.arr[0];
        if (!spec.schema.safeParse(value).success) throw new Refusal('invalid', `a note's ${field} is not valid`);
        if (field === 'zone' && !this.ctx.zoneIds.has(value as string)) {
          throw new Refusal('invalid', `no zone "${String(value).slice(0, 40)}" on this board`);
        }
      }
    }
    const creation = this.created.get(note);
    if (creation) {
      // Part of making a note: its fields are checked together once every struct is read.
      if (!gone && this.deletes.overlap(item.id.client, item.id.clock, item.length) === 0) {
        creation.fields.set(field, spec.holder === 'text' ? '' : value);
      }
      return;
    }
    if (this.isFresh(note)) return; // a note made and deleted within this update
    const rewritten = this.rewritten.get(note) ?? new Set<string>();
    rewritten.add(field);
    this.rewritten.set(note, rewritten);
    this.mayChange(note, field);
  }

  private checkCharItem(item: Y.Item, place: Extract<Place, { at: 'char' }>, gone: boolean): void {
    if (!gone && !(item.content instanceof Y.ContentString)) {
      throw new Refusal('invalid', "a note's text holds plain characters only: no embeds, formats or nested types");
    }
    if (!this.created.has(place.note) && !this.isFresh(place.note)) this.mayChange(place.note, 'text');
    if (gone) return;
    const live = item.length - this.deletes.overlap(item.id.client, item.id.clock, item.length);
    if (live <= 0) return;
    const delta = this.textDelta.get(place.text) ?? { chars: 0, note: place.note };
    delta.chars += live;
    this.textDelta.set(place.text, delta);
  }

  /** Whether the writer may change this field of an existing note; throws when not. */
  private mayChange(note: Y.Item, field: string): void {
    if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
    if (!isNoteField(field)) throw new Refusal('invalid', `a note has no field "${field.slice(0, 40)}"`);
    const access = NOTE_RECORD[field].access;
    if (access === 'fixed') throw new Refusal('forbidden', `a note's ${field} never changes`);
    if (access === 'author' && !this.ctx.mayEditNoteBy(authorOf(note))) {
      throw new Refusal('forbidden', "only a note's author or a facilitator changes its words");
    }
  }

  // -- Deletions ----------------------------------------------------------------------------

  private checkDeletes(): void {
    const fieldDeletes: { note: Y.Item; field: string }[] = [];
    for (const [client, ranges] of this.deletes.entries()) {
      const held = Y.getState(this.store, client);
      for (const { clock, len } of ranges) {
        const end = clock + len;
        if (end > held && !this.freshCovers(client, Math.max(clock, held), end)) {
          throw new Pending('a deletion of items the server does not hold');
        }
        if (clock >= held) continue;
        const structs = this.store.clients.get(client)!;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i]!;
          if (s.id.clock >= Math.min(end, held)) break;
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const place = this.placeOf(s);
          if (place.at === 'note') {
            if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
            if (!this.ctx.mayEditNoteBy(authorOf(s))) throw new Refusal('forbidden', "only a note's author or a facilitator deletes it");
            this.deletedNotes.add(s);
          } else if (place.at === 'field') {
            fieldDeletes.push({ note: place.note, field: place.field });
          } else if (place.at === 'char') {
            const from = Math.max(clock, s.id.clock);
            const to = Math.min(end, s.id.clock + s.length);
            const delta = this.textDelta.get(place.text) ?? { chars: 0, note: place.note };
            delta.chars -= to - from;
            this.textDelta.set(place.text, delta);
            if (!this.deletedNotes.has(place.note)) this.pendingCharDeletes.add(place.note);
          } else if (place.at === 'meta') {
            throw new Refusal('invalid', 'meta is written by the server only');
          } else if (place.at === 'refused') {
            throw new Refusal('invalid', place.reason);
          }
        }
      }
    }
    for (const note of this.pendingCharDeletes) if (!this.deletedNotes.has(note)) this.mayChange(note, 'text');
    // A field's old value goes when a new one replaces it; removing a field outright breaks the note.
    for (const { note, field } of fieldDeletes) {
      if (this.deletedNotes.has(note) || note.deleted) continue;
      this.mayChange(note, field);
      if (!this.rewritten.get(note)?.has(field)) throw new Refusal('invalid', `a note's ${field.slice(0, 40)} may be replaced, not removed`);
    }
  }

  // -- Whole notes and the board ------------------------------------------------------------

  private checkCreatedNotes(): void {
    for (const { noteId, fields } of this.created.values()) {
      for (const field of NOTE_FIELDS) {
        if (!fields.has(field)) throw new Refusal('invalid', `a new note needs its ${field}`);
      }
      const authorId = fields.get('authorId') as string;
      const restoring = authorId === this.ctx.formerAuthorOf(noteId) && this.ctx.mayEditNoteBy(authorId);
      if (authorId !== this.ctx.writer && !restoring) throw new Refusal('forbidden', "a new note's author is the person who writes it");
    }
  }

  private checkTexts(): void {
    for (const [textItem, delta] of this.textDelta) {
      let chars = delta.chars;
      if (!this.isFresh(textItem) && textItem.content instanceof Y.ContentType) chars += (textItem.content.type as Y.Text).length;
      if (chars > LIMITS.noteTextMax) throw new Refusal('limit', `a note holds at most ${LIMITS.noteTextMax} characters`);
    }
  }

  /**
   * A cheap first count, before any struct is placed: the new note entries the update names
   * outright, less at most one note for every clock it deletes. An update that passes the limit
   * even so is refused at once, however large it is.
   */
  private checkNoteBound(): void {
    let named = 0;
    for (const s of this.structs) {
      if (s instanceof Y.Item && (s.parent as unknown) === BOARD_ROOTS.notes && s.origin === null && s.rightOrigin === null) named++;
    }
    if (named === 0) return;
    let deletable = 0;
    for (const [, ranges] of this.deletes.entries()) for (const r of ranges) deletable += r.len;
    if (this.ctx.liveNotes + named - deletable > LIMITS.notesPerBoard) {
      throw new Refusal('limit', `the board holds at most ${LIMITS.notesPerBoard} notes`);
    }
  }

  private checkNoteCount(): void {
    if (this.created.size === 0) return;
    const entries = (this.notes as unknown as { _map: Map<string, Y.Item> })._map;
    let newKeys = 0;
    for (const { noteId } of this.created.values()) if (!entries.has(noteId)) newKeys++;
    if (entries.size + newKeys > LIMITS.noteEntriesPerBoard) {
      throw new Refusal('limit', `a board keeps at most ${LIMITS.noteEntriesPerBoard} notes over its life, deleted ones included`);
    }
    if (this.ctx.liveNotes + this.created.size - this.deletedNotes.size > LIMITS.notesPerBoard) {
      throw new Refusal('limit', `the board holds at most ${LIMITS.notesPerBoard} notes`);
    }
  }

  // -- Finding structs and their places -----------------------------------------------------

  private isFresh(item: Y.Item): boolean {
    return !(item.parent instanceof Y.AbstractType);
  }

  /** Whether this update's own structs hold every clock of a client in [from, to). */
  private freshCovers(client: number, from: number, to: number): boolean {
    for (let at = from; at < to; ) {
      const s = this.freshAt(client, at);
      if (!s) return false;
      at = s.id.clock + s.length;
    }
    return true;
  }

  /** The struct holding an id, in the board or in this update; null when neither holds it. */
  private find(id: Y.ID): Y.Item | Y.GC | null {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Y.Item | Y.GC;
    return this.freshAt(id.client, id.clock);
  }

  /** The struct of this update holding a client's clock, by binary search; null when none does. */
  private freshAt(client: number, clock: number): Y.Item | Y.GC | null {
    const list = this.fresh.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  }

  private placeOf(item: Y.Item): Place {
    let place = this.places.get(item);
    if (!place) {
      place = this.isFresh(item) ? this.placeOfFresh(item) : this.placeOfHeld(item);
      this.places.set(item, place);
    }
    return place;
  }

  /** An item the board holds: its parent is a type. */
  private placeOfHeld(item: Y.Item): Place {
    const parent = item.parent as Y.AbstractType<unknown>;
    if (parent === this.notes) return item.parentSub === null ? refused('notes is a map') : { at: 'note', noteId: item.parentSub };
    if (parent === this.meta) return { at: 'meta' };
    const owner = parent._item;
    if (owner === null) return refused('an unknown top-level type');
    return this.childOf(owner, item.parentSub);
  }

  /** An item of this update: placed by its neighbours, as Yjs does, or by its named parent. */
  private placeOfFresh(item: Y.Item): Place {
    const left = item.origin ? this.find(item.origin) : null;
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
    if ((item.origin && !left) || (item.rightOrigin && !right)) return MISSING;
    if (left instanceof Y.GC || right instanceof Y.GC) return DEAD;
    const sibling = (left ?? right) as Y.Item | null;
    if (sibling) return this.placeOf(sibling);
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (parent === BOARD_ROOTS.notes) return item.parentSub === null ? refused('notes is a map') : { at: 'note', noteId: item.parentSub };
      if (parent === BOARD_ROOTS.meta) return { at: 'meta' };
      return refused(`unknown top-level type "${parent.slice(0, 40)}"`);
    }
    if (parent instanceof Y.ID) {
      const owner = this.find(parent);
      if (!owner) return MISSING;
      if (owner instanceof Y.GC || !(owner.content instanceof Y.ContentType)) return DEAD;
      return this.childOf(owner, item.parentSub);
    }
    return refused('an item without a place');
  }

  /** The place of an item whose parent type is held by `owner`. */
  private childOf(owner: Y.Item, parentSub: string | null): Place {
    if (owner.deleted && !this.isFresh(owner)) return DEAD;
    const up = this.placeOf(owner);
    switch (up.at) {
      case 'note':
        return parentSub === null ? refused('a note is a map of its fields') : { at: 'field', noteId: up.noteId, field: parentSub, note: owner };
      case 'field':
        if (isNoteField(up.field) && NOTE_RECORD[up.field].holder === 'text') {
          return parentSub === null ? { at: 'char', noteId: up.noteId, note: up.note, text: owner } : refused('a note\'s text takes no attributes');
        }
        return refused('a note field holds no nested type');
      case 'char':
        return refused("a note's text holds plain characters only: no embeds, formats or nested types");
      default:
        return up;
    }
  }
}

/** The author of a note by its map item, read from the board. */
function authorOf(note: Y.Item): string {
  if (!(note.content instanceof Y.ContentType)) return '';
  const author = (note.content.type as Y.Map<unknown>).get('authorId');
  return typeof author === 'string' ? author : '';
}
