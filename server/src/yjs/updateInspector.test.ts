import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LIMITS,
  addNote,
  deleteNote,
  getMeta,
  getNotes,
  initBoardMeta,
  listNotes,
  moveNote,
  setNoteColor,
  setNoteText,
  type NewNote,
} from '@balcony/shared';
import { inspectUpdate, type Verdict } from './updateInspector.js';

/** The writer's rights for one inspection; by default a writer who may write and make notes. */
interface InspectOptions {
  mayWrite?: boolean;
  mayCreateNotes?: boolean;
  mayStar?: boolean;
}

const ZONES = new Set(['stories', 'power', 'paradigm']);
const FACILITATOR = 'fay';

/**
 * The server's replica with what the room keeps beside it (client-id owners, note authors), and
 * clients that write to it through the shared ops, as browsers do.
 */
class Board {
  readonly server = new Y.Doc();
  readonly owners = new Map<number, string>();
  readonly authors = new Map<string, string>();
  private readonly synced = new Map<Y.Doc, Uint8Array>();

  constructor() {
    initBoardMeta(this.server);
    this.owners.set(this.server.clientID, '@server');
  }

  /** A replica of the board; with `clientId`, one that then writes under that id. */
  client(clientId?: number): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server), 'server');
    // Set after syncing: Yjs gives a replica a new id when a remote update uses its own.
    if (clientId !== undefined) doc.clientID = clientId;
    return doc;
  }

  /** What the client has that the server does not. */
  diff(client: Y.Doc): Uint8Array {
    return Y.encodeStateAsUpdate(client, Y.encodeStateVector(this.server));
  }

  inspect(update: Uint8Array, writer: string, opts: InspectOptions = {}): Verdict {
    const facilitator = writer === FACILITATOR;
    return inspectUpdate(update, {
      doc: this.server,
      zoneIds: ZONES,
      writer,
      mayWrite: opts.mayWrite ?? true,
      mayCreateNotes: opts.mayCreateNotes ?? true,
      mayStar: opts.mayStar ?? facilitator,
      mayEditNote: (_noteId, authorId) => (opts.mayWrite ?? true) && (facilitator || authorId === writer),
      ownerOf: (id) => this.owners.get(id),
      formerAuthorOf: (id) => this.authors.get(id),
      liveNotes: getNotes(this.server).size,
    });
  }

  /** Sends what the client wrote as `writer`; applies it when accepted, as the room does. */
  send(client: Y.Doc, writer: string, opts: InspectOptions = {}): Verdict {
    const update = this.diff(client);
    const verdict = this.inspect(update, writer, opts);
    if (verdict.kind === 'accept') {
      for (const id of verdict.newClientIds) this.owners.set(id, writer);
      for (const [noteId, author] of verdict.created) this.authors.set(noteId, author);
      Y.applyUpdate(this.server, update, 'client');
      Y.applyUpdate(client, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(client)), 'server');
    }
    return verdict;
  }
}

const note = (id: string, authorId: string, extra: Partial<NewNote> = {}): NewNote => ({
  id,
  zone: 'stories',
  x: 0.5,
  y: 0.5,
  color: '#FFE98F',
  authorId,
  createdAt: 1,
  ...extra,
});

const noteMap = (doc: Y.Doc, id: string) => getNotes(doc).get(id)!;
const kindOf = (v: Verdict) => (v.kind === 'refuse' ? `refuse:${v.code}` : v.kind);

/** A board with one note by Amara on it, and Ben beside her. */
function withAmarasNote() {
  const board = new Board();
  const amara = board.client();
  addNote(amara, note('a', 'amara', { text: 'We debrief after visits' }));
  expect(board.send(amara, 'amara').kind).toBe('accept');
  return { board, amara, ben: board.client() };
}

describe('inspectUpdate: making notes', () => {
  it('accepts a note made by its author, binding the client id and naming the author', () => {
    const board = new Board();
    const amara = board.client(101);
    addNote(amara, note('a', 'amara', { text: 'Monday huddle' }));
    const verdict = board.send(amara, 'amara');
    expect(verdict).toEqual({ kind: 'accept', newClientIds: [101], created: new Map([['a', 'amara']]) });
    expect(listNotes(board.server)[0]).toMatchObject({ id: 'a', authorId: 'amara', text: 'Monday huddle' });
  });

  it('refuses a note written in someone else\'s name', () => {
    const board = new Board();
    const ben = board.client();
    addNote(ben, note('a', FACILITATOR));
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:forbidden');
    expect(getNotes(board.server).size).toBe(0);
  });

  it('refuses a note with a bad field value, an unknown field or a missing field', () => {
    const cases: ((doc: Y.Doc) => void)[] = [
      (d) => addNote(d, note('a', 'ben', { zone: 'elsewhere' })),
      (d) => addNote(d, note('a', 'ben', { x: 1.5 })),
      (d) => addNote(d, note('a', 'ben', { color: 'red' })),
      (d) => addNote(d, note('a', 'ben', { text: 'x'.repeat(LIMITS.noteTextMax + 1) })),
      (d) => {
        const m = new Y.Map<unknown>();
        m.set('text', new Y.Text(''));
        getNotes(d).set('a', m);
      },
      (d) => {
        addNote(d, note('a', 'ben'));
        noteMap(d, 'a').set('secret', 1);
      },
      (d) => getNotes(d as Y.Doc).set('a', 42 as unknown as Y.Map<unknown>),
      (d) => {
        addNote(d, note('a', 'ben'));
        noteMap(d, 'a').set('text', 'plain string' as unknown as Y.Text);
      },
    ];
    for (const write of cases) {
      const board = new Board();
      const ben = board.client();
      write(ben);
      expect(board.send(ben, 'ben').kind).toBe('refuse');
      expect(getNotes(board.server).size).toBe(0);
    }
  });

  it('refuses an unknown top-level type, a write to meta and the server\'s client id', () => {
    const board = new Board();
    const evil = board.client();
    evil.getMap('evil').set('a', 1);
    expect(kindOf(board.send(evil, 'ben'))).toBe('refuse:invalid');
    expect(board.server.share.has('evil')).toBe(false);

    const meta = board.client();
    getMeta(meta).set('schemaVersion', 99);
    expect(kindOf(board.send(meta, 'ben'))).toBe('refuse:invalid');

    const spoof = board.client(board.server.clientID);
    addNote(spoof, note('a', 'ben'));
    expect(kindOf(board.send(spoof, 'ben'))).toBe('refuse:invalid');
  });

  it('accepts a note made and deleted offline in the same update', () => {
    const board = new Board();
    const ben = board.client();
    addNote(ben, note('a', 'ben', { text: 'draft' }));
    deleteNote(ben, 'a');
    addNote(ben, note('b', 'ben', { text: 'kept' }));
    expect(board.send(ben, 'ben').kind).toBe('accept');
    expect(listNotes(board.server).map((n) => n.id)).toEqual(['b']);
  });

  it('refuses a new note while writing is closed for the person', () => {
    const board = new Board();
    const ben = board.client();
    addNote(ben, note('a', 'ben'));
    expect(kindOf(board.send(ben, 'ben', { mayWrite: false }))).toBe('refuse:read-only');
  });

  it.each([
    ['moving it', (d: Y.Doc) => moveNote(d, 'a', { zone: 'power', x: 0.2, y: 0.2 })],
    ['rewording it', (d: Y.Doc) => setNoteText(d, 'a', 'We debrief after every visit')],
    ['deleting it', (d: Y.Doc) => deleteNote(d, 'a')],
  ])("calls %s their own note, while writing is closed for them, read-only", (_label, write) => {
    const { board, amara } = withAmarasNote();
    write(amara);
    expect(kindOf(board.send(amara, 'amara', { mayWrite: false }))).toBe('refuse:read-only');
    expect(listNotes(board.server)[0]).toMatchObject({ zone: 'stories', text: 'We debrief after visits' });
  });

  it('lets a read-only replica send what the board already holds (a reconnect) without refusing it', () => {
    const { board, amara } = withAmarasNote();
    deleteNote(amara, 'a');
    expect(board.send(amara, 'amara').kind).toBe('accept');
    const again = board.inspect(Y.encodeStateAsUpdate(amara), 'amara', { mayWrite: false });
    expect(again.kind).toBe('accept');
  });
});

describe('inspectUpdate: plain text only', () => {
  const rich: [string, (t: Y.Text) => void][] = [
    ['an embed', (t) => t.insertEmbed(1, { image: 'x'.repeat(10_000) })],
    ['a formatting attribute', (t) => t.format(0, 2, { bold: true })],
    ['formatted insert', (t) => t.insert(0, 'x', { colour: 'y'.repeat(5_000) })],
    ['a nested type', (t) => t.insertEmbed(0, new Y.Map())],
  ];
  it.each(rich)('refuses %s in an existing note, even from its author', (_label, write) => {
    const { board, amara } = withAmarasNote();
    write(noteMap(amara, 'a').get('text') as Y.Text);
    expect(kindOf(board.send(amara, 'amara'))).toBe('refuse:invalid');
    expect(listNotes(board.server)[0]!.text).toBe('We debrief after visits');
  });

  it.each(rich)('refuses %s in a new note', (_label, write) => {
    const board = new Board();
    const ben = board.client();
    ben.transact(() => {
      addNote(ben, note('b', 'ben', { text: 'hi' }));
      write(noteMap(ben, 'b').get('text') as Y.Text);
    });
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:invalid');
  });

  it('refuses an attribute set on the text type as a map entry', () => {
    const { board, amara } = withAmarasNote();
    const text = noteMap(amara, 'a').get('text') as Y.Text;
    (text as unknown as Y.XmlText).setAttribute?.('k', 'v'.repeat(1000));
    if (board.diff(amara).byteLength > 2) expect(kindOf(board.send(amara, 'amara'))).toBe('refuse:invalid');
  });
});

describe('inspectUpdate: whose note it is', () => {
  it("refuses another person's edit or deletion of a note's words", () => {
    const { board, ben } = withAmarasNote();
    setNoteText(ben, 'a', 'Ben was here');
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:forbidden');
    const ben2 = board.client();
    deleteNote(ben2, 'a');
    expect(kindOf(board.send(ben2, 'ben'))).toBe('refuse:forbidden');
    expect(listNotes(board.server)[0]!.text).toBe('We debrief after visits');
  });

  it('lets anyone who may write move and recolour it', () => {
    const { board, ben } = withAmarasNote();
    moveNote(ben, 'a', { zone: 'power', x: 0.2, y: 0.3 });
    setNoteColor(ben, 'a', '#B7F0C1');
    expect(board.send(ben, 'ben').kind).toBe('accept');
    expect(listNotes(board.server)[0]).toMatchObject({ zone: 'power', x: 0.2, color: '#B7F0C1', authorId: 'amara' });
  });

  it('lets the author and a facilitator change its words and delete it', () => {
    const { board, amara } = withAmarasNote();
    setNoteText(amara, 'a', 'We always debrief after visits');
    expect(board.send(amara, 'amara').kind).toBe('accept');
    const fay = board.client();
    setNoteText(fay, 'a', 'We debrief');
    expect(board.send(fay, FACILITATOR).kind).toBe('accept');
    deleteNote(fay, 'a');
    expect(board.send(fay, FACILITATOR).kind).toBe('accept');
    expect(getNotes(board.server).size).toBe(0);
  });

  it('never lets the author or the creation time change, not even by the author', () => {
    const { board, amara } = withAmarasNote();
    noteMap(amara, 'a').set('authorId', 'ben');
    expect(kindOf(board.send(amara, 'amara'))).toBe('refuse:forbidden');
    const again = board.client();
    noteMap(again, 'a').set('createdAt', 5);
    expect(kindOf(board.send(again, FACILITATOR))).toBe('refuse:forbidden');
  });

  it('refuses removing a field outright', () => {
    const { board, ben } = withAmarasNote();
    noteMap(ben, 'a').delete('zone');
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:invalid');
  });

  it('refuses replacing a live note under its id', () => {
    const { board, ben } = withAmarasNote();
    getNotes(ben).set('a', new Y.Map());
    expect(board.send(ben, 'ben').kind).toBe('refuse');
  });

  it('lets an undone deletion bring the note back, for the author and for a facilitator', () => {
    for (const deleter of ['amara', FACILITATOR]) {
      const { board } = withAmarasNote();
      const doc = board.client();
      const undo = new Y.UndoManager(getNotes(doc), { trackedOrigins: new Set(['me']) });
      doc.transact(() => deleteNote(doc, 'a'), 'me');
      expect(board.send(doc, deleter).kind).toBe('accept');
      undo.undo();
      expect(board.send(doc, deleter).kind).toBe('accept');
      expect(listNotes(board.server)[0]).toMatchObject({ id: 'a', authorId: 'amara', text: 'We debrief after visits' });
    }
  });
});

describe('inspectUpdate: client ids', () => {
  it("refuses structs under a client id bound to someone else, garbage ones included", () => {
    const board = new Board();
    const amara = board.client(7);
    addNote(amara, note('a', 'amara'));
    board.send(amara, 'amara');
    const ben = board.client(7);
    addNote(ben, note('b', 'ben'));
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:forbidden');

    // A deleted item is encoded as garbage: it would still take Amara's next clocks.
    const ghost = board.client(7);
    addNote(ghost, note('g', 'ben'));
    deleteNote(ghost, 'g');
    expect(kindOf(board.send(ghost, 'ben'))).toBe('refuse:forbidden');
  });
});

describe('inspectUpdate: limits, counted once and before applying', () => {
  it('refuses text that would pass the limit, and accepts an edit at the limit', () => {
    const board = new Board();
    const ben = board.client();
    addNote(ben, note('a', 'ben', { text: 'x'.repeat(LIMITS.noteTextMax) }));
    expect(board.send(ben, 'ben').kind).toBe('accept');
    (noteMap(ben, 'a').get('text') as Y.Text).insert(0, 'y');
    expect(kindOf(board.send(ben, 'ben'))).toBe('refuse:limit');
    const edit = board.client();
    setNoteText(edit, 'a', 'z'.repeat(LIMITS.noteTextMax));
    expect(board.send(edit, 'ben').kind).toBe('accept');
  });

  it('refuses an update that would pass the note limit, without applying any of it', () => {
    const board = new Board();
    const ben = board.client();
    ben.transact(() => {
      for (let i = 0; i < LIMITS.notesPerBoard - 1; i++) addNote(ben, note(`n${i}`, 'ben'));
    });
    expect(board.send(ben, 'ben').kind).toBe('accept');
    const more = board.client();
    more.transact(() => {
      for (let i = 0; i < 3000; i++) getNotes(more).set(`extra${i}`, new Y.Map());
    });
    // Through the raw map, so the shared op's own limit does not stop the writer first.
    const update = board.diff(more);
    expect(kindOf(board.inspect(update, 'ben'))).not.toBe('accept');
    const two = board.client();
    two.transact(() => {
      for (const id of ['x1', 'x2']) getNotes(two).set(id, (() => {
        const d = new Y.Doc();
        addNote(d, note(id, 'ben'));
        return getNotes(d).get(id)!.clone();
      })());
    });
    expect(kindOf(board.send(two, 'ben'))).toBe('refuse:limit');
    expect(getNotes(board.server).size).toBe(LIMITS.notesPerBoard - 1);
  });
});

describe('inspectUpdate: order and resends', () => {
  it('waits for structs it does not hold, then accepts the two together', () => {
    const board = new Board();
    const ben = board.client();
    addNote(ben, note('a', 'ben'));
    const first = board.diff(ben);
    const sv = Y.encodeStateVector(ben);
    setNoteText(ben, 'a', 'written before the first update arrived');
    const second = Y.encodeStateAsUpdate(ben, sv);
    expect(board.inspect(second, 'ben').kind).toBe('pending');
    expect(board.inspect(Y.mergeUpdates([second, first]), 'ben').kind).toBe('accept');
  });

  it("accepts an offline copy resent whole, with other people's notes and the server's meta", () => {
    const { board, amara } = withAmarasNote();
    const copy = board.client();
    addNote(copy, note('mine', 'ben'));
    expect(board.inspect(Y.encodeStateAsUpdate(copy), 'ben').kind).toBe('accept');
    expect(amara.clientID).not.toBe(copy.clientID);
  });

  it('refuses bytes that are not an update', () => {
    const board = new Board();
    expect(kindOf(board.inspect(new Uint8Array([200, 200, 200, 200, 200]), 'ben'))).toBe('refuse:invalid');
  });
});
