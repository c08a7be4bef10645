import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, getTemplate } from '@balcony/shared';
import type { ParticipantRecord, SessionRecord, SnapshotRecord, Store, TeamLinkRecord } from '../../server/src/store/types.js';
import { boardFrom, noteIds, Writer } from './boards.js';

/** Session states as JSON text: the store keeps them as given, without reading them. */
export const STATE_OPEN = '{"joinLocked":false}';
const STATE_LOCKED = '{"joinLocked":true}';

/** A store under test, on data of its own. */
export interface StoreHandle {
  store: Store;
  /** Closes the store and opens it again on the same data; `store` is the new one afterwards. */
  reopen(): Promise<Store>;
  /** Closes the store and removes its data. */
  cleanup(): Promise<void>;
}

/** A session as the server makes one: unique id and code, a facilitator, an initial board. */
export function newSession(overrides: Partial<SessionRecord> = {}) {
  const session: SessionRecord = {
    id: randomUUID(),
    title: 'Team reflection',
    templateId: 'what-works-circle',
    template: getTemplate('what-works-circle'),
    // Unique per call, so that stores which share a database between tests still see fresh codes.
    joinCode: randomUUID().slice(0, 8).toUpperCase(),
    createdAt: Date.now(),
    ...overrides,
  };
  const facilitator = newParticipant(session, { role: 'facilitator', name: 'Fay', createdAt: session.createdAt });
  return { session, facilitator, tokenHash: randomUUID(), initialState: new Writer().state(), sessionState: STATE_OPEN };
}

export function newParticipant(session: SessionRecord, overrides: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    id: randomUUID(),
    sessionId: session.id,
    name: 'Pat',
    role: 'participant',
    color: '#336699',
    createdAt: Date.now(),
    ...overrides,
  };
}

/**
 * A snapshot of `session` whose board holds one note, `words`, which its record names too. The
 * store keeps state and record as given, so they only need to be JSON-looking text.
 */
export function newSnapshot(session: SessionRecord, overrides: Partial<SnapshotRecord> = {}, words = 'a note on the board'): SnapshotRecord {
  const phaseId = session.template.phases[0]!.id;
  return {
    id: randomUUID(),
    sessionId: session.id,
    takenAt: Date.now(),
    reason: 'manual',
    phaseId,
    final: false,
    board: boardWith(words),
    state: JSON.stringify({ joinLocked: false, phase: { id: phaseId, index: 0 } }),
    record: JSON.stringify({ title: session.title, notes: [words] }),
    ...overrides,
  };
}

function boardWith(words: string): Uint8Array {
  const writer = new Writer();
  writer.add(words);
  return writer.state();
}

/** A day in milliseconds, the unit retention is counted in. */
export const DAY = 86_400_000;

/**
 * What every store must do, as the server relies on it. Run it once per implementation, each
 * test on a store of its own.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreHandle>): void {
  describe(`${name} store contract`, () => {
    let handle: StoreHandle;
    const store = () => handle.store;

    beforeEach(async () => {
      handle = await open();
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    async function created(overrides: Partial<SessionRecord> = {}) {
      const input = newSession(overrides);
      await store().createSession(input);
      return input;
    }

    it('answers a ping while open', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    describe('sessions', () => {
      it('creates a session with its facilitator and initial board, found by id and by code', async () => {
        const { session, facilitator, tokenHash, initialState } = await created();

        expect(await store().getSession(session.id)).toEqual(session);
        expect(await store().findSessionByJoinCode(session.joinCode)).toEqual(session);
        expect(await store().joinCodeInUse(session.joinCode)).toBe(true);
        expect(await store().findParticipantByTokenHash(tokenHash)).toEqual(facilitator);
        expect(await store().listParticipants(session.id)).toEqual([facilitator]);
        expect(await store().countParticipants(session.id)).toBe(1);

        const doc = await store().loadDoc(session.id);
        expect(doc.state).toEqual(initialState);
        expect(doc.updates).toEqual([]);
        expect(doc.lastSeq).toBe(0);
        expect(doc.clientOwners).toEqual(new Map());
      });

      it("keeps the session's own copy of its template, whatever it is", async () => {
        const own = structuredClone(getTemplate('cultural-web'));
        own.id = 'our-web';
        own.name = 'Our web';
        own.phases[0]!.script = 'Start with the ground rules we agreed last time.';
        const { session } = await created({ templateId: own.id, template: own });
        const read = await store().getSession(session.id);
        expect(read?.templateId).toBe('our-web');
        expect(read?.template).toEqual(own);
        expect((await store().findSessionByJoinCode(session.joinCode))?.template).toEqual(own);
        // A session made from a built-in keeps the built-in as it was, not a reference to it.
        const builtIn = await created();
        expect((await store().getSession(builtIn.session.id))?.template).toEqual(getTemplate('what-works-circle'));
      });

      it('knows nothing of sessions and codes it was never given', async () => {
        await created();
        expect(await store().getSession(randomUUID())).toBeNull();
        expect(await store().findSessionByJoinCode('NOSUCH')).toBeNull();
        expect(await store().joinCodeInUse('NOSUCH')).toBe(false);
        expect(await store().findParticipantByTokenHash(randomUUID())).toBeNull();
        expect(await store().countParticipants(randomUUID())).toBe(0);
        expect(await store().listParticipants(randomUUID())).toEqual([]);
      });

      it('refuses a second live session with the same code, and keeps nothing of it', async () => {
        const first = await created();
        const second = newSession({ joinCode: first.session.joinCode });
        await expect(store().createSession(second)).rejects.toThrow();

        expect(await store().getSession(second.session.id)).toBeNull();
        expect(await store().findParticipantByTokenHash(second.tokenHash)).toBeNull();
        expect(await store().findSessionByJoinCode(first.session.joinCode)).toEqual(first.session);
      });

      it('lets a code come round again once its session is gone', async () => {
        const first = await created();
        await store().eraseSession(first.session.id);
        expect(await store().joinCodeInUse(first.session.joinCode)).toBe(false);

        const second = await created({ joinCode: first.session.joinCode });
        expect(await store().joinCodeInUse(first.session.joinCode)).toBe(true);
        expect(await store().findSessionByJoinCode(first.session.joinCode)).toEqual(second.session);
      });
    });

    describe('participants', () => {
      it('adds participants, counts and lists them in join order, finds each by token', async () => {
        const { session, facilitator } = await created();
        const at = session.createdAt + 1_000;
        // Two joins in the same millisecond still list in the order they joined.
        const joined = [
          newParticipant(session, { name: 'Ann', createdAt: at }),
          newParticipant(session, { name: 'Bo', createdAt: at }),
          newParticipant(session, { name: 'Cy', createdAt: at + 5 }),
        ];
        const tokens = joined.map(() => randomUUID());
        for (const [i, p] of joined.entries()) await store().addParticipant(p, tokens[i]!);

        expect(await store().countParticipants(session.id)).toBe(4);
        expect(await store().listParticipants(session.id)).toEqual([facilitator, ...joined]);
        for (const [i, p] of joined.entries()) expect(await store().findParticipantByTokenHash(tokens[i]!)).toEqual(p);
      });

      it('keeps each session to its own participants', async () => {
        const a = await created();
        const b = await created();
        const pb = newParticipant(b.session);
        await store().addParticipant(pb, randomUUID());
        expect(await store().listParticipants(a.session.id)).toEqual([a.facilitator]);
        expect(await store().listParticipants(b.session.id)).toEqual([b.facilitator, pb]);
        expect(await store().countParticipants(a.session.id)).toBe(1);
      });
    });

    describe('session state', () => {
      it('starts at version 1 with the state given, and goes up by one with each change, for that session only', async () => {
        const { session } = await created();
        const other = await created();
        expect(await store().loadSessionState(session.id)).toEqual({ version: 1, state: STATE_OPEN });

        expect(await store().replaceSessionState(session.id, 1, STATE_LOCKED)).toBe(true);
        expect(await store().loadSessionState(session.id)).toEqual({ version: 2, state: STATE_LOCKED });
        expect(await store().replaceSessionState(session.id, 2, STATE_OPEN)).toBe(true);
        expect(await store().loadSessionState(session.id)).toEqual({ version: 3, state: STATE_OPEN });
        expect(await store().loadSessionState(other.session.id)).toEqual({ version: 1, state: STATE_OPEN });
      });

      it('refuses a change worked out from a version that is no longer the stored one', async () => {
        const { session } = await created();
        expect(await store().replaceSessionState(session.id, 1, STATE_LOCKED)).toBe(true);
        // A second writer who read version 1 too is told so, and its change is not written.
        expect(await store().replaceSessionState(session.id, 1, STATE_OPEN)).toBe(false);
        expect(await store().loadSessionState(session.id)).toEqual({ version: 2, state: STATE_LOCKED });
        expect(await store().replaceSessionState(randomUUID(), 1, STATE_OPEN)).toBe(false);
      });

      it('lets exactly one of several writers of the same version through', async () => {
        const { session } = await created();
        const results = await Promise.all([STATE_LOCKED, STATE_OPEN, STATE_LOCKED].map((s) => store().replaceSessionState(session.id, 1, s)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store().loadSessionState(session.id))!.version).toBe(2);
      });

      it('knows no state of a session it was never given', async () => {
        expect(await store().loadSessionState(randomUUID())).toBeNull();
      });
    });

    describe('the board', () => {
      it('appends updates with rising sequence numbers and loads them in order after the state', async () => {
        const { session, initialState } = await created();
        const writer = new Writer(initialState);
        const updates = [writer.add('first'), writer.add('second'), writer.add('third')];
        const seqs: number[] = [];
        for (const u of updates) seqs.push(await store().appendUpdate(session.id, u));

        expect(seqs[1]!).toBeGreaterThan(seqs[0]!);
        expect(seqs[2]!).toBeGreaterThan(seqs[1]!);
        const doc = await store().loadDoc(session.id);
        expect(doc.state).toEqual(initialState);
        expect(doc.updates).toEqual(updates);
        expect(doc.lastSeq).toBe(seqs[2]);
        expect(noteIds(boardFrom(doc))).toEqual(writer.noteIds());
      });

      it('keeps each board to its own updates', async () => {
        const a = await created();
        const b = await created();
        const writer = new Writer(a.initialState);
        await store().appendUpdate(a.session.id, writer.add('only on a'));
        const doc = await store().loadDoc(b.session.id);
        expect(doc.updates).toEqual([]);
        expect(doc.lastSeq).toBe(0);
      });

      it('compacts: the new state replaces the updates through the given seq, later ones survive', async () => {
        const { session, initialState } = await created();
        const writer = new Writer(initialState);
        const early = [writer.add('one'), writer.add('two'), writer.add('three')];
        const seqs: number[] = [];
        for (const u of early) seqs.push(await store().appendUpdate(session.id, u));
        const compacted = writer.state();
        // Written after the compaction point was taken, before the compaction lands.
        const late = writer.add('four');
        const lateSeq = await store().appendUpdate(session.id, late);

        await store().compact(session.id, compacted, seqs[2]!);

        let doc = await store().loadDoc(session.id);
        expect(doc.state).toEqual(compacted);
        expect(doc.updates).toEqual([late]);
        expect(doc.lastSeq).toBe(lateSeq);
        expect(noteIds(boardFrom(doc))).toEqual(writer.noteIds());

        // Appending goes on after a compaction, above every seq handed out before it.
        const after = writer.add('five');
        const afterSeq = await store().appendUpdate(session.id, after);
        expect(afterSeq).toBeGreaterThan(lateSeq);
        doc = await store().loadDoc(session.id);
        expect(doc.updates).toEqual([late, after]);
        expect(doc.lastSeq).toBe(afterSeq);
        expect(noteIds(boardFrom(doc))).toEqual(writer.noteIds());
      });

      it('compacts everything away and goes on numbering above it', async () => {
        const { session, initialState } = await created();
        const writer = new Writer(initialState);
        const seq = await store().appendUpdate(session.id, writer.add('one'));
        await store().compact(session.id, writer.state(), seq);

        let doc = await store().loadDoc(session.id);
        expect(doc.updates).toEqual([]);
        expect(doc.lastSeq).toBe(0);
        expect(noteIds(boardFrom(doc))).toEqual(writer.noteIds());

        const next = await store().appendUpdate(session.id, writer.add('two'));
        expect(next).toBeGreaterThan(seq);
        doc = await store().loadDoc(session.id);
        expect(doc.lastSeq).toBe(next);
        expect(noteIds(boardFrom(doc))).toEqual(writer.noteIds());
      });
    });

    describe('client id bindings', () => {
      it('binds ids to the first participant who wrote under them, and loads them with the board', async () => {
        const { session, facilitator } = await created();
        const pat = newParticipant(session);
        await store().addParticipant(pat, randomUUID());

        await store().bindClientIds(session.id, facilitator.id, [1, 2]);
        // Another participant cannot take an id that is already bound; its new id is still bound.
        await store().bindClientIds(session.id, pat.id, [2, 3]);
        // Binding again to the same owner changes nothing, and an empty list is allowed.
        await store().bindClientIds(session.id, facilitator.id, [1]);
        await store().bindClientIds(session.id, pat.id, []);

        expect((await store().loadDoc(session.id)).clientOwners).toEqual(
          new Map([
            [1, facilitator.id],
            [2, facilitator.id],
            [3, pat.id],
          ]),
        );
      });

      it('keeps bindings per session', async () => {
        const a = await created();
        const b = await created();
        await store().bindClientIds(a.session.id, a.facilitator.id, [7]);
        await store().bindClientIds(b.session.id, b.facilitator.id, [7, 8]);
        expect((await store().loadDoc(a.session.id)).clientOwners).toEqual(new Map([[7, a.facilitator.id]]));
        expect((await store().loadDoc(b.session.id)).clientOwners).toEqual(
          new Map([
            [7, b.facilitator.id],
            [8, b.facilitator.id],
          ]),
        );
      });

      it('keeps the whole range of Yjs client ids (unsigned 32-bit)', async () => {
        const { session, facilitator } = await created();
        await store().bindClientIds(session.id, facilitator.id, [0, 2 ** 31, 2 ** 32 - 1]);
        expect([...(await store().loadDoc(session.id)).clientOwners.keys()].sort((x, y) => x - y)).toEqual([
          0,
          2 ** 31,
          2 ** 32 - 1,
        ]);
      });
    });

    describe('private boards', () => {
      it('keeps each person\'s private board apart from the shared one and from each other\'s', async () => {
        const { session, initialState } = await created();
        const amara = newParticipant(session);
        const ben = newParticipant(session);
        const shared = await store().loadDoc(session.id);
        expect(await store().loadPrivateDoc(session.id, amara.id)).toEqual({ state: null, updates: [], lastSeq: 0, clientOwners: new Map() });
        const writer = new Writer(initialState);
        const first = await store().appendPrivateUpdate(session.id, amara.id, writer.add('only Amara sees this'));
        const second = await store().appendPrivateUpdate(session.id, amara.id, writer.add('and this'));
        expect(second).toBeGreaterThan(first);
        const mine = await store().loadPrivateDoc(session.id, amara.id);
        expect(mine.lastSeq).toBe(second);
        expect(noteIds(boardFrom(mine))).toEqual(writer.noteIds());
        expect(await store().loadPrivateDoc(session.id, ben.id)).toMatchObject({ state: null, updates: [] });
        expect(await store().loadDoc(session.id)).toEqual(shared);
      });

      it('folds a private log into its state, keeping what was stored and what came after', async () => {
        const { session, initialState } = await created();
        const amara = newParticipant(session);
        const writer = new Writer(initialState);
        await store().appendPrivateUpdate(session.id, amara.id, writer.add('one'));
        const through = await store().appendPrivateUpdate(session.id, amara.id, writer.add('two'));
        // Another node's write it has not seen: the fold keeps it too.
        const other = new Writer(initialState);
        await store().appendPrivateUpdate(session.id, amara.id, other.add('from elsewhere'));
        await store().compactPrivate(session.id, amara.id, writer.state(), through);
        const after = await store().loadPrivateDoc(session.id, amara.id);
        expect(after.updates).toHaveLength(1);
        expect(noteIds(boardFrom(after)).sort()).toEqual([...writer.noteIds(), ...other.noteIds()].sort());
      });

      it('goes when the session is erased', async () => {
        const { session, initialState } = await created();
        const amara = newParticipant(session);
        const writer = new Writer(initialState);
        const seq = await store().appendPrivateUpdate(session.id, amara.id, writer.add('private words'));
        await store().compactPrivate(session.id, amara.id, writer.state(), seq);
        await store().appendPrivateUpdate(session.id, amara.id, writer.add('more'));
        await store().recordNoteAuthors(session.id, [{ noteId: 'n1', participantId: amara.id }]);
        await store().eraseSession(session.id);
        expect(await store().loadPrivateDoc(session.id, amara.id)).toEqual({ state: null, updates: [], lastSeq: 0, clientOwners: new Map() });
        expect(await store().loadNoteAuthors(session.id)).toEqual(new Map());
      });
    });

    describe('authors of anonymous notes', () => {
      it('keeps who wrote each note, the first writer staying, per session', async () => {
        const { session } = await created();
        const other = await created();
        await store().recordNoteAuthors(session.id, [
          { noteId: 'n1', participantId: 'amara' },
          { noteId: 'n2', participantId: 'ben' },
        ]);
        await store().recordNoteAuthors(session.id, [{ noteId: 'n1', participantId: 'mallory' }]);
        await store().recordNoteAuthors(session.id, []);
        expect(await store().loadNoteAuthors(session.id)).toEqual(new Map([['n1', 'amara'], ['n2', 'ben']]));
        expect(await store().loadNoteAuthors(other.session.id)).toEqual(new Map());
        await handle.reopen();
        expect(await store().loadNoteAuthors(session.id)).toEqual(new Map([['n1', 'amara'], ['n2', 'ben']]));
      });
    });

    describe('erasing a session', () => {
      async function filled() {
        const input = await created();
        const pat = newParticipant(input.session);
        const patToken = randomUUID();
        await store().addParticipant(pat, patToken);
        const writer = new Writer(input.initialState);
        const seq = await store().appendUpdate(input.session.id, writer.add('kept for a while'));
        await store().compact(input.session.id, writer.state(), seq);
        await store().appendUpdate(input.session.id, writer.add('after compaction'));
        await store().bindClientIds(input.session.id, pat.id, [writer.clientId]);
        return { ...input, pat, patToken, writer };
      }

      it('removes the session, its participants, board and bindings', async () => {
        const gone = await filled();
        await store().eraseSession(gone.session.id);

        expect(await store().getSession(gone.session.id)).toBeNull();
        expect(await store().findSessionByJoinCode(gone.session.joinCode)).toBeNull();
        expect(await store().joinCodeInUse(gone.session.joinCode)).toBe(false);
        expect(await store().findParticipantByTokenHash(gone.tokenHash)).toBeNull();
        expect(await store().findParticipantByTokenHash(gone.patToken)).toBeNull();
        expect(await store().countParticipants(gone.session.id)).toBe(0);
        expect(await store().listParticipants(gone.session.id)).toEqual([]);
        expect(await store().loadDoc(gone.session.id)).toEqual({ state: null, updates: [], lastSeq: 0, clientOwners: new Map() });
        expect(await store().loadSessionState(gone.session.id)).toBeNull();
      });

      it('leaves every other session as it was', async () => {
        const gone = await filled();
        const kept = await filled();
        const before = await store().loadDoc(kept.session.id);
        await store().eraseSession(gone.session.id);

        expect(await store().getSession(kept.session.id)).toEqual(kept.session);
        expect(await store().findSessionByJoinCode(kept.session.joinCode)).toEqual(kept.session);
        expect(await store().findParticipantByTokenHash(kept.patToken)).toEqual(kept.pat);
        expect(await store().listParticipants(kept.session.id)).toEqual([kept.facilitator, kept.pat]);
        expect(await store().loadDoc(kept.session.id)).toEqual(before);
        expect(noteIds(boardFrom(before))).toEqual(kept.writer.noteIds());
      });

      it('says whether there was a session to erase, and erases one already gone without complaint', async () => {
        const gone = await filled();
        await expect(store().eraseSession(gone.session.id)).resolves.toBe(true);
        await expect(store().eraseSession(gone.session.id)).resolves.toBe(false);
        await expect(store().eraseSession(randomUUID())).resolves.toBe(false);
      });
    });

    describe('snapshots', () => {
      const summaryOf = ({ board: _b, state: _s, record: _r, ...summary }: SnapshotRecord) => summary;

      it('gives a snapshot back whole, board byte for byte, also after reopening', async () => {
        const { session } = await created();
        const kept = newSnapshot(session, { reason: 'phase' }, 'we listen before we answer');
        const last = newSnapshot(session, { reason: 'end', final: true, takenAt: kept.takenAt + 1 });
        await store().saveSnapshot(kept);
        await store().saveSnapshot(last);

        expect(await store().getSnapshot(kept.id)).toEqual(kept);
        expect(await store().getSnapshot(last.id)).toEqual(last);
        await handle.reopen();
        const read = await store().getSnapshot(kept.id);
        expect(read).toEqual(kept);
        expect(Buffer.from(read!.board).equals(Buffer.from(kept.board))).toBe(true);
        expect(read!.final).toBe(false);
        expect((await store().getSnapshot(last.id))!.final).toBe(true);
      });

      it('lists a session\'s snapshots oldest first, those of one millisecond as stored, without their content', async () => {
        const { session } = await created();
        const other = await created();
        const at = session.createdAt + 60_000;
        // Stored out of time order: the later two share a millisecond.
        const second = newSnapshot(session, { takenAt: at + 5 });
        const first = newSnapshot(session, { takenAt: at });
        const third = newSnapshot(session, { takenAt: at + 5, reason: 'end', final: true });
        for (const snap of [second, first, third]) await store().saveSnapshot(snap);
        await store().saveSnapshot(newSnapshot(other.session));

        const listed = await store().listSnapshots(session.id);
        expect(listed).toEqual([first, second, third].map(summaryOf));
        for (const summary of listed) expect(Object.keys(summary).sort()).toEqual(['final', 'id', 'phaseId', 'reason', 'sessionId', 'takenAt']);
        expect(await store().listSnapshots(randomUUID())).toEqual([]);
      });

      it('rewrites the content of one snapshot only, keeping what it is a snapshot of', async () => {
        const { session } = await created();
        const target = newSnapshot(session, {}, 'a note later withdrawn');
        const neighbour = newSnapshot(session, { takenAt: target.takenAt + 1 }, 'a note that stays');
        await store().saveSnapshot(target);
        await store().saveSnapshot(neighbour);
        const content = { board: newSnapshot(session, {}, 'only what is left').board, state: '{"rewritten":true}', record: '{"notes":[]}' };

        await store().rewriteSnapshot(target.id, content);

        expect(await store().getSnapshot(target.id)).toEqual({ ...target, ...content });
        expect(await store().getSnapshot(neighbour.id)).toEqual(neighbour);
        expect(await store().listSnapshots(session.id)).toEqual([target, neighbour].map(summaryOf));
      });

      it('knows no snapshot it was never given', async () => {
        const { session } = await created();
        await store().saveSnapshot(newSnapshot(session));
        expect(await store().getSnapshot(randomUUID())).toBeNull();
      });

      it('refuses a snapshot of a session it does not hold', async () => {
        const { session } = await created();
        await expect(store().saveSnapshot(newSnapshot({ ...session, id: randomUUID() }))).rejects.toThrow();
      });

      it('goes when its session is erased, and no other session\'s does', async () => {
        const gone = await created();
        const kept = await created();
        const goneSnaps = [newSnapshot(gone.session), newSnapshot(gone.session, { reason: 'end', final: true })];
        const keptSnap = newSnapshot(kept.session);
        for (const snap of [...goneSnaps, keptSnap]) await store().saveSnapshot(snap);

        expect(await store().eraseSession(gone.session.id)).toBe(true);

        for (const snap of goneSnaps) expect(await store().getSnapshot(snap.id)).toBeNull();
        expect(await store().listSnapshots(gone.session.id)).toEqual([]);
        expect(await store().getSnapshot(keptSnap.id)).toEqual(keptSnap);
        expect(await store().eraseSession(gone.session.id)).toBe(false);
      });
    });

    describe('team links', () => {
      const linkOf = (session: SessionRecord, overrides: Partial<TeamLinkRecord> = {}) => ({
        link: { id: randomUUID(), sessionId: session.id, label: 'For the team', createdAt: Date.now(), ...overrides } as TeamLinkRecord,
        tokenHash: randomUUID(),
      });
      async function made(session: SessionRecord, overrides: Partial<TeamLinkRecord> = {}) {
        const { link, tokenHash } = linkOf(session, overrides);
        await store().createTeamLink({ ...link, tokenHash });
        return { link, tokenHash };
      }

      it('keeps a link, found by its token hash with its session, listed and counted, also after reopening', async () => {
        const { session } = await created();
        const at = session.createdAt + 1_000;
        const labelled = await made(session, { createdAt: at });
        const unlabelled = await made(session, { label: null, createdAt: at + 5 });

        expect(await store().findTeamLinkByTokenHash(labelled.tokenHash)).toEqual(labelled.link);
        expect(await store().findTeamLinkByTokenHash(unlabelled.tokenHash)).toEqual({ ...unlabelled.link, label: null });
        expect(await store().listTeamLinks(session.id)).toEqual([labelled.link, unlabelled.link]);
        expect(await store().countTeamLinks(session.id)).toBe(2);
        await handle.reopen();
        expect(await store().findTeamLinkByTokenHash(labelled.tokenHash)).toEqual(labelled.link);
        expect(await store().listTeamLinks(session.id)).toEqual([labelled.link, unlabelled.link]);
      });

      it('lists links oldest first, those of one millisecond as made, each session its own', async () => {
        const { session } = await created();
        const other = await created();
        const at = session.createdAt + 1_000;
        const second = await made(session, { createdAt: at + 5 });
        const first = await made(session, { createdAt: at });
        const third = await made(session, { createdAt: at + 5 });
        const elsewhere = await made(other.session);

        expect(await store().listTeamLinks(session.id)).toEqual([first.link, second.link, third.link]);
        expect(await store().listTeamLinks(other.session.id)).toEqual([elsewhere.link]);
        expect(await store().countTeamLinks(other.session.id)).toBe(1);
        expect(await store().listTeamLinks(randomUUID())).toEqual([]);
        expect(await store().countTeamLinks(randomUUID())).toBe(0);
      });

      it('knows no token it was never given, and takes no participant token for a link or a link token for a participant', async () => {
        const { session, tokenHash } = await created();
        const { tokenHash: linkHash } = await made(session);
        expect(await store().findTeamLinkByTokenHash(randomUUID())).toBeNull();
        expect(await store().findTeamLinkByTokenHash(tokenHash)).toBeNull();
        expect(await store().findParticipantByTokenHash(linkHash)).toBeNull();
      });

      it('refuses a second link with the same token hash, and a link of a session it does not hold', async () => {
        const { session } = await created();
        const { tokenHash } = await made(session);
        const again = linkOf(session);
        await expect(store().createTeamLink({ ...again.link, tokenHash })).rejects.toThrow();
        const stray = linkOf({ ...session, id: randomUUID() });
        await expect(store().createTeamLink({ ...stray.link, tokenHash: stray.tokenHash })).rejects.toThrow();
        expect(await store().countTeamLinks(session.id)).toBe(1);
      });

      it('revokes a live link of the session named, once: it is found, listed and counted no more, also after reopening', async () => {
        const { session } = await created();
        const other = await created();
        const gone = await made(session);
        const kept = await made(session, { createdAt: gone.link.createdAt + 1 });

        // Of another session, or unknown: nothing changes.
        expect(await store().revokeTeamLink(other.session.id, gone.link.id, Date.now())).toBe(false);
        expect(await store().revokeTeamLink(session.id, randomUUID(), Date.now())).toBe(false);
        expect(await store().findTeamLinkByTokenHash(gone.tokenHash)).toEqual(gone.link);

        expect(await store().revokeTeamLink(session.id, gone.link.id, Date.now())).toBe(true);
        expect(await store().revokeTeamLink(session.id, gone.link.id, Date.now())).toBe(false);
        expect(await store().findTeamLinkByTokenHash(gone.tokenHash)).toBeNull();
        expect(await store().listTeamLinks(session.id)).toEqual([kept.link]);
        expect(await store().countTeamLinks(session.id)).toBe(1);
        await handle.reopen();
        expect(await store().findTeamLinkByTokenHash(gone.tokenHash)).toBeNull();
        expect(await store().findTeamLinkByTokenHash(kept.tokenHash)).toEqual(kept.link);
      });

      it('go when their session is erased, and no other session\'s do', async () => {
        const gone = await created();
        const kept = await created();
        const goneLink = await made(gone.session);
        const keptLink = await made(kept.session);

        expect(await store().eraseSession(gone.session.id)).toBe(true);

        expect(await store().findTeamLinkByTokenHash(goneLink.tokenHash)).toBeNull();
        expect(await store().listTeamLinks(gone.session.id)).toEqual([]);
        expect(await store().countTeamLinks(gone.session.id)).toBe(0);
        expect(await store().findTeamLinkByTokenHash(keptLink.tokenHash)).toEqual(keptLink.link);
      });
    });

    describe('follow-ups', () => {
      it('keeps the session a follow-up follows, read back by id and by code, also after reopening', async () => {
        const first = await created();
        const next = await created({ previousSessionId: first.session.id });
        expect(await store().getSession(next.session.id)).toEqual(next.session);
        expect((await store().getSession(next.session.id))?.previousSessionId).toBe(first.session.id);
        expect(await store().findSessionByJoinCode(next.session.joinCode)).toEqual(next.session);
        // A first session reads back as it was created, with no session before it.
        expect((await store().getSession(first.session.id))?.previousSessionId ?? null).toBeNull();
        await handle.reopen();
        expect((await store().getSession(next.session.id))?.previousSessionId).toBe(first.session.id);
      });

      it("lists a session's follow-ups oldest first, with title and creation, each session its own", async () => {
        const first = await created();
        const other = await created();
        const at = first.session.createdAt + 60_000;
        const later = await created({ previousSessionId: first.session.id, title: 'Six weeks on', createdAt: at + 10 });
        const sooner = await created({ previousSessionId: first.session.id, title: 'A week on', createdAt: at });
        await created({ previousSessionId: other.session.id });
        // A follow-up of a follow-up is the later one's, not the first's.
        await created({ previousSessionId: later.session.id });

        expect(await store().listFollowUps(first.session.id)).toEqual([
          { id: sooner.session.id, title: 'A week on', createdAt: at },
          { id: later.session.id, title: 'Six weeks on', createdAt: at + 10 },
        ]);
        expect(await store().listFollowUps(sooner.session.id)).toEqual([]);
        expect(await store().listFollowUps(randomUUID())).toEqual([]);
      });

      it('outlives the erasure of the session before it, which it still names', async () => {
        const first = await created();
        const next = await created({ previousSessionId: first.session.id });
        expect(await store().eraseSession(first.session.id)).toBe(true);
        expect(await store().getSession(next.session.id)).toEqual(next.session);
        expect((await store().getSession(next.session.id))?.previousSessionId).toBe(first.session.id);
        // A session may also follow one the store never held, or holds no more.
        const orphan = await created({ previousSessionId: randomUUID() });
        expect(await store().getSession(orphan.session.id)).toEqual(orphan.session);
        // Erasing a follow-up takes it off the list of the session before.
        const kept = await created();
        const dropped = await created({ previousSessionId: kept.session.id });
        await store().eraseSession(dropped.session.id);
        expect(await store().listFollowUps(kept.session.id)).toEqual([]);
      });
    });

    describe('ending and retention', () => {
      it('ends a session: its code admits nobody and may be issued again, the session stays readable', async () => {
        const { session } = await created();
        const endedAt = session.createdAt + 3_600_000;
        await store().closeSession(session.id, endedAt);

        expect(await store().findSessionByJoinCode(session.joinCode)).toBeNull();
        expect(await store().joinCodeInUse(session.joinCode)).toBe(false);
        expect(await store().getSession(session.id)).toEqual({ ...session, closedAt: endedAt });

        // Ending again does not move the end.
        await store().closeSession(session.id, endedAt + 1_000);
        expect((await store().getSession(session.id))?.closedAt).toBe(endedAt);

        const next = await created({ joinCode: session.joinCode });
        expect(await store().findSessionByJoinCode(session.joinCode)).toEqual(next.session);
        expect((await store().getSession(session.id))?.closedAt).toBe(endedAt);
      });

      it('ends only the session it is told of', async () => {
        const ended = await created();
        const running = await created();
        await store().closeSession(ended.session.id, Date.now());
        expect(await store().findSessionByJoinCode(running.session.joinCode)).toEqual(running.session);
        expect((await store().getSession(running.session.id))?.closedAt ?? null).toBeNull();
      });

      it('keeps a session for the default number of days after its creation until told otherwise', async () => {
        const { session } = await created();
        const other = await created();
        expect(await store().getRetention(session.id)).toEqual({ days: LIMITS.retentionDaysDefault, lastActivityAt: session.createdAt });

        await store().setRetention(session.id, 7);
        expect(await store().getRetention(session.id)).toEqual({ days: 7, lastActivityAt: session.createdAt });
        expect((await store().getRetention(other.session.id))?.days).toBe(LIMITS.retentionDaysDefault);
        await handle.reopen();
        expect((await store().getRetention(session.id))?.days).toBe(7);
        expect(await store().getRetention(randomUUID())).toBeNull();
      });

      it('refuses a retention that is not a whole number of days, at least one', async () => {
        const { session } = await created();
        for (const days of [0, -3, 1.5, Number.NaN]) await expect(store().setRetention(session.id, days), String(days)).rejects.toThrow(RangeError);
        expect((await store().getRetention(session.id))?.days).toBe(LIMITS.retentionDaysDefault);
      });

      it('moves last activity forward only', async () => {
        const { session } = await created();
        const t = session.createdAt;
        await store().touchSession(session.id, t + 100);
        expect((await store().getRetention(session.id))?.lastActivityAt).toBe(t + 100);
        await store().touchSession(session.id, t + 50);
        expect((await store().getRetention(session.id))?.lastActivityAt).toBe(t + 100);
        // Nor before the creation, for a session never touched.
        const fresh = await created();
        await store().touchSession(fresh.session.id, fresh.session.createdAt - 1_000);
        expect((await store().getRetention(fresh.session.id))?.lastActivityAt).toBe(fresh.session.createdAt);
        await store().touchSession(session.id, t + 200);
        expect((await store().getRetention(session.id))?.lastActivityAt).toBe(t + 200);
        // Touching an unknown session is no error and makes none.
        await store().touchSession(randomUUID(), t);
      });

      it('lists sessions whose time ran out, soonest expired first, at most as many as asked, ended or not', async () => {
        const base = Date.now() - 400 * DAY;
        const now = base + 30 * DAY;
        const keptFor = async (days: number, touchedAfterDays?: number) => {
          const { session } = await created({ createdAt: base });
          await store().setRetention(session.id, days);
          if (touchedAfterDays !== undefined) await store().touchSession(session.id, base + touchedAfterDays * DAY);
          return session.id;
        };
        const tenDays = await keptFor(10);
        const fiveDays = await keptFor(5);
        const touchedLate = await keptFor(1, 20);
        const dueJustNow = await keptFor(30);
        await keptFor(31);
        await keptFor(1, 29.5);
        await store().closeSession(tenDays, base + DAY);
        await created({ createdAt: now });

        expect(await store().listExpiredSessions(now, 10)).toEqual([fiveDays, tenDays, touchedLate, dueJustNow]);
        expect(await store().listExpiredSessions(now, 2)).toEqual([fiveDays, tenDays]);
        expect(await store().listExpiredSessions(now - 1, 10)).toEqual([fiveDays, tenDays, touchedLate]);
        expect(await store().listExpiredSessions(base, 10)).toEqual([]);
        // An erased session is no longer listed.
        await store().eraseSession(fiveDays);
        expect(await store().listExpiredSessions(now, 1)).toEqual([tenDays]);
      });
    });

    describe('closing and opening again', () => {
      it('keeps everything', async () => {
        const { session, facilitator, tokenHash, initialState } = await created();
        const pat = newParticipant(session);
        const patToken = randomUUID();
        await store().addParticipant(pat, patToken);
        await store().replaceSessionState(session.id, 1, STATE_LOCKED);
        const writer = new Writer(initialState);
        const seq = await store().appendUpdate(session.id, writer.add('before compaction'));
        await store().compact(session.id, writer.state(), seq);
        const lastSeq = await store().appendUpdate(session.id, writer.add('after compaction'));
        await store().bindClientIds(session.id, pat.id, [writer.clientId]);
        const before = await store().loadDoc(session.id);

        await handle.reopen();

        expect(await store().getSession(session.id)).toEqual(session);
        expect(await store().findSessionByJoinCode(session.joinCode)).toEqual(session);
        expect(await store().loadSessionState(session.id)).toEqual({ version: 2, state: STATE_LOCKED });
        expect(await store().findParticipantByTokenHash(tokenHash)).toEqual(facilitator);
        expect(await store().findParticipantByTokenHash(patToken)).toEqual(pat);
        expect(await store().listParticipants(session.id)).toEqual([facilitator, pat]);
        const after = await store().loadDoc(session.id);
        expect(after).toEqual(before);
        expect(after.lastSeq).toBe(lastSeq);
        expect(after.clientOwners).toEqual(new Map([[writer.clientId, pat.id]]));
        expect(noteIds(boardFrom(after))).toEqual(writer.noteIds());
        // And numbering carries on above what was handed out before.
        expect(await store().appendUpdate(session.id, writer.add('after reopening'))).toBeGreaterThan(lastSeq);
      });
    });
  });
}
