import * as Y from 'yjs';
import { BOARD_ROOTS, LIMITS, NOTE_RECORD, THEME_RECORD, noteIdSchema, themeIdSchema, type FieldTable } from '@balcony/shared';

/** The board's two kinds of record, each a map of entries under its own root. */
const RECORDS = {
  note: { root: BOARD_ROOTS.notes, table: NOTE_RECORD as FieldTable, idSchema: noteIdSchema, textMax: LIMITS.noteTextMax },
  theme: { root: BOARD_ROOTS.themes, table: THEME_RECORD as FieldTable, idSchema: themeIdSchema, textMax: LIMITS.themeTitleMax },
} as const;
type Kind = keyof typeof RECORDS;

/** What the inspector needs to know about the board and the person writing to it. */
export interface InspectionContext {
  doc: Y.Doc;
  zoneIds: ReadonlySet<string>;
  /** The writer's participant id. */
  writer: string;
  /** Whether the writer may write on the board at all right now. */
  mayWrite: boolean;
  /** Whether the writer may make notes here (not on an anonymous session's shared board: the server reveals them). */
  mayCreateNotes: boolean;
  /** Whether the writer may star notes (presenters and facilitators). */
  mayStar: boolean;
  /** Whether the writer may change the words of, or delete, this note by this author. */
  mayEditNote(noteId: string, authorId: string): boolean;
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
  /** A note or theme itself, as an entry of its root map. */
  | { at: 'entry'; kind: Kind; id: string }
  | { at: 'field'; kind: Kind; id: string; field: string; entry: Y.Item }
  | { at: 'char'; kind: Kind; id: string; entry: Y.Item; text: Y.Item }
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
 * The rules, from the note and theme records (`NOTE_RECORD`, `THEME_RECORD`): structs go under a
 * client id bound to the writer (or a new one, bound to them from then on); a note or theme is a
 * map of exactly its fields, each valid, optional ones present or not; texts hold plain characters
 * only; a new note's author is the writer; `fixed` fields never change; `author` fields and a
 * note's deletion belong to the note's author and to facilitators; `star` fields to presenters
 * and facilitators; `group` fields, and themes whole, to anyone who may write; the board's limits
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
  private readonly roots: Record<Kind, Y.Map<unknown>>;
  private readonly meta: Y.Map<unknown>;
  /** This update's structs by client, in clock order. */
  private readonly fresh = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly deletes: Ranges;
  /** New note and theme maps of this update that stay live, by their map item. */
  private readonly created = new Map<Y.Item, { kind: Kind; id: string; fields: Map<string, unknown> }>();
  /** `entry item → fields` this update writes anew on existing notes and themes. */
  private readonly rewritten = new Map<Y.Item, Set<string>>();
  /** Live entries the update deletes. */
  private readonly deletedEntries = new Set<Y.Item>();
  /** Existing entries whose text the update deletes characters from. */
  private readonly pendingCharDeletes = new Map<Y.Item, Kind>();
  /** Change in length of each text the update touches, by the text's item. */
  private readonly textDelta = new Map<Y.Item, { chars: number; kind: Kind }>();

  constructor(
    private readonly structs: Struct[],
    ds: DeleteSet,
    private readonly ctx: InspectionContext,
  ) {
    this.store = ctx.doc.store;
    this.roots = { note: ctx.doc.getMap(BOARD_ROOTS.notes), theme: ctx.doc.getMap(BOARD_ROOTS.themes) };
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
    this.checkCreated();
    this.checkTexts();
    this.checkCounts();
    const created = new Map<string, string>();
    for (const c of this.created.values()) if (c.kind === 'note') created.set(c.id, c.fields.get('authorId') as string);
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
    // New entries first, so that their fields, whichever client wrote them, count towards making them.
    const isEntry = (item: Y.Item) => this.placeOf(item).at === 'entry';
    for (const item of items) if (isEntry(item)) this.checkItem(item);
    for (const item of items) if (!isEntry(item)) this.checkItem(item);
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
      case 'entry':
        return this.checkEntryItem(item, place, gone);
      case 'field':
        return this.checkFieldItem(item, place, gone);
      case 'char':
        return this.checkCharItem(item, place, gone);
    }
  }

  private checkEntryItem(item: Y.Item, place: Extract<Place, { at: 'entry' }>, gone: boolean): void {
    const { kind, id } = place;
    if (!gone && !isTypeContent(item.content, Y.Map)) throw new Refusal('invalid', `a ${kind} is a map of its fields`);
    if (!RECORDS[kind].idSchema.safeParse(id).success) throw new Refusal('invalid', `a ${kind} id must be 1 to ${LIMITS.noteIdMax} characters`);
    if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
    const current = (this.roots[kind] as unknown as { _map: Map<string, Y.Item> })._map.get(id);
    if (current && !current.deleted && current !== item) throw new Refusal('forbidden', `a ${kind} with this id is already on the board`);
    if (!gone && this.deletes.overlap(item.id.client, item.id.clock, item.length) === 0) {
      this.created.set(item, { kind, id, fields: new Map() });
    }
  }

  private checkFieldItem(item: Y.Item, place: Extract<Place, { at: 'field' }>, gone: boolean): void {
    const { kind, field, entry } = place;
    const table = RECORDS[kind].table;
    if (!Object.hasOwn(table, field)) throw new Refusal('invalid', `a ${kind} has no field "${field.slice(0, 40)}"`);
    const spec = table[field]!;
    let value: unknown;
    if (!gone) {
      const content = item.content;
      if (spec.holder === 'text') {
        if (!isTypeContent(content, Y.Text)) throw new Refusal('invalid', `a ${kind}'s ${field} is a Y.Text`);
      } else {
        if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
          throw new Refusal('invalid', `a ${kind}'s ${field} is a plain value`);
        }
        value = content.arr[0];
        if (!spec.schema.safeParse(value).success) throw new Refusal('invalid', `a ${kind}'s ${field} is not valid`);
        if (field === 'zone' && !this.ctx.zoneIds.has(value as string)) {
          throw new Refusal('invalid', `no zone "${String(value).slice(0, 40)}" on this board`);
        }
      }
    }
    const creation = this.created.get(entry);
    if (creation) {
      // Part of making an entry: its fields are checked together once every struct is read.
      if (!gone && this.deletes.overlap(item.id.client, item.id.clock, item.length) === 0) {
        creation.fields.set(field, spec.holder === 'text' ? '' : value);
      }
      return;
    }
    if (this.isFresh(entry)) return; // an entry made and deleted within this update
    const rewritten = this.rewritten.get(entry) ?? new Set<string>();
    rewritten.add(field);
    this.rewritten.set(entry, rewritten);
    this.mayChange(entry, kind, field);
  }

  private checkCharItem(item: Y.Item, place: Extract<Place, { at: 'char' }>, gone: boolean): void {
    if (!gone && !(item.content instanceof Y.ContentString)) {
      throw new Refusal('invalid', 'a text holds plain characters only: no embeds, formats or nested types');
    }
    const field = place.kind === 'note' ? 'text' : 'title';
    if (!this.created.has(place.entry) && !this.isFresh(place.entry)) this.mayChange(place.entry, place.kind, field);
    if (gone) return;
    const live = item.length - this.deletes.overlap(item.id.client, item.id.clock, item.length);
    if (live <= 0) return;
    const delta = this.textDelta.get(place.text) ?? { chars: 0, kind: place.kind };
    delta.chars += live;
    this.textDelta.set(place.text, delta);
  }

  /** Whether the writer may change this field of an existing note or theme; throws when not. */
  private mayChange(entry: Y.Item, kind: Kind, field: string): void {
    if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
    const table = RECORDS[kind].table;
    if (!Object.hasOwn(table, field)) throw new Refusal('invalid', `a ${kind} has no field "${field.slice(0, 40)}"`);
    const access = table[field]!.access;
    if (access === 'fixed') throw new Refusal('forbidden', `a ${kind}'s ${field} never changes`);
    if (access === 'star' && !this.ctx.mayStar) throw new Refusal('forbidden', 'only the presenter or a facilitator stars notes');
    if (access === 'author' && !this.ctx.mayEditNote(entryKey(entry), authorOf(entry))) {
      throw new Refusal('forbidden', "only a note's author or a facilitator changes its words");
    }
  }

  // -- Deletions ----------------------------------------------------------------------------

  private checkDeletes(): void {
    const fieldDeletes: { entry: Y.Item; kind: Kind; field: string }[] = [];
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
          if (place.at === 'entry') {
            if (!this.ctx.mayWrite) throw new Refusal('read-only', 'writing is closed for this person now');
            if (place.kind === 'note' && !this.ctx.mayEditNote(place.id, authorOf(s))) {
              throw new Refusal('forbidden', "only a note's author or a facilitator deletes it");
            }
            this.deletedEntries.add(s);
          } else if (place.at === 'field') {
            fieldDeletes.push({ entry: place.entry, kind: place.kind, field: place.field });
          } else if (place.at === 'char') {
            const from = Math.max(clock, s.id.clock);
            const to = Math.min(end, s.id.clock + s.length);
            const delta = this.textDelta.get(place.text) ?? { chars: 0, kind: place.kind };
            delta.chars -= to - from;
            this.textDelta.set(place.text, delta);
            if (!this.deletedEntries.has(place.entry)) this.pendingCharDeletes.set(place.entry, place.kind);
          } else if (place.at === 'meta') {
            throw new Refusal('invalid', 'meta is written by the server only');
          } else if (place.at === 'refused') {
            throw new Refusal('invalid', place.reason);
          }
        }
      }
    }
    for (const [entry, kind] of this.pendingCharDeletes) {
      if (!this.deletedEntries.has(entry)) this.mayChange(entry, kind, kind === 'note' ? 'text' : 'title');
    }
    // A field's old value goes when a new one replaces it; removing a field outright breaks the
    // entry, unless the record lets it be absent.
    for (const { entry, kind, field } of fieldDeletes) {
      if (this.deletedEntries.has(entry) || entry.deleted) continue;
      this.mayChange(entry, kind, field);
      if (!this.rewritten.get(entry)?.has(field) && !RECORDS[kind].table[field]?.optional) {
        throw new Refusal('invalid', `a ${kind}'s ${field.slice(0, 40)} may be replaced, not removed`);
      }
    }
  }

  // -- Whole entries and the board ----------------------------------------------------------

  private checkCreated(): void {
    for (const { kind, id, fields } of this.created.values()) {
      const table = RECORDS[kind].table;
      for (const field of Object.keys(table)) {
        if (!table[field]!.optional && !fields.has(field)) throw new Refusal('invalid', `a new ${kind} needs its ${field}`);
      }
      if (kind === 'theme') continue;
      if (fields.has('starred') && !this.ctx.mayStar) throw new Refusal('forbidden', 'only the presenter or a facilitator stars notes');
      const authorId = fields.get('authorId') as string;
      const restoring = authorId === this.ctx.formerAuthorOf(id) && this.ctx.mayEditNote(id, authorId);
      if (authorId !== this.ctx.writer && !restoring) throw new Refusal('forbidden', "a new note's author is the person who writes it");
      if (!restoring && !this.ctx.mayCreateNotes) {
        throw new Refusal('forbidden', "notes reach this board when the facilitator reveals them, not one by one");
      }
    }
  }

  private checkTexts(): void {
    for (const [textItem, delta] of this.textDelta) {
      let chars = delta.chars;
      if (!this.isFresh(textItem) && textItem.content instanceof Y.ContentType) chars += (textItem.content.type as Y.Text).length;
      const max = RECORDS[delta.kind].textMax;
      if (chars > max) throw new Refusal('limit', `a ${delta.kind} holds at most ${max} characters`);
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

  private checkCounts(): void {
    const made = { note: 0, theme: 0 };
    const newKeys = { note: 0, theme: 0 };
    for (const { kind, id } of this.created.values()) {
      made[kind]++;
      if (!(this.roots[kind] as unknown as { _map: Map<string, Y.Item> })._map.has(id)) newKeys[kind]++;
    }
    const gone = { note: 0, theme: 0 };
    for (const entry of this.deletedEntries) {
      const place = this.placeOf(entry);
      if (place.at === 'entry') gone[place.kind]++;
    }
    const live = { note: this.ctx.liveNotes, theme: this.roots.theme.size };
    const most = { note: LIMITS.notesPerBoard, theme: LIMITS.themesPerBoard };
    for (const kind of ['note', 'theme'] as const) {
      if (made[kind] === 0) continue;
      const entries = (this.roots[kind] as unknown as { _map: Map<string, Y.Item> })._map;
      if (entries.size + newKeys[kind] > LIMITS.noteEntriesPerBoard) {
        throw new Refusal('limit', `a board keeps at most ${LIMITS.noteEntriesPerBoard} ${kind}s over its life, deleted ones included`);
      }
      if (live[kind] + made[kind] - gone[kind] > most[kind]) throw new Refusal('limit', `the board holds at most ${most[kind]} ${kind}s`);
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

  /** An entry of a root map: a note or theme, by its key. */
  private entryIn(kind: Kind, parentSub: string | null): Place {
    return parentSub === null ? refused(`${RECORDS[kind].root} is a map`) : { at: 'entry', kind, id: parentSub };
  }

  /** An item the board holds: its parent is a type. */
  private placeOfHeld(item: Y.Item): Place {
    const parent = item.parent as Y.AbstractType<unknown>;
    if (parent === this.roots.note) return this.entryIn('note', item.parentSub);
    if (parent === this.roots.theme) return this.entryIn('theme', item.parentSub);
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
      if (parent === BOARD_ROOTS.notes) return this.entryIn('note', item.parentSub);
      if (parent === BOARD_ROOTS.themes) return this.entryIn('theme', item.parentSub);
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
      case 'entry':
        return parentSub === null
          ? refused(`a ${up.kind} is a map of its fields`)
          : { at: 'field', kind: up.kind, id: up.id, field: parentSub, entry: owner };
      case 'field': {
        const spec = RECORDS[up.kind].table[up.field];
        if (spec?.holder === 'text') {
          return parentSub === null
            ? { at: 'char', kind: up.kind, id: up.id, entry: up.entry, text: owner }
            : refused('a text takes no attributes');
        }
        return refused(`a ${up.kind} field holds no nested type`);
      }
      case 'char':
        return refused('a text holds plain characters only: no embeds, formats or nested types');
      default:
        return up;
    }
  }
}

/** The key of a note or theme by its map item. */
function entryKey(entry: Y.Item): string {
  return entry.parentSub ?? '';
}

/** The author of a note by its map item, read from the board. */
function authorOf(note: Y.Item): string {
  if (!(note.content instanceof Y.ContentType)) return '';
  const author = (note.content.type as Y.Map<unknown>).get('authorId');
  return typeof author === 'string' ? author : '';
}
