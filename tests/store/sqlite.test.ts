import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../server/src/store/sqlite/migrations.js';
import { migrate } from '../../server/src/store/sqlite/migrate.js';
import { openSqliteStore } from '../../server/src/store/sqliteStore.js';
import type { Store } from '../../server/src/store/types.js';
import { boardFrom, noteIds, Writer } from './boards.js';
import { DAY, describeStoreContract, newParticipant, newSession, newSnapshot } from './contract.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'balcony-store-'));

describeStoreContract('SQLite', async () => {
  const dataDir = tempDir();
  const handle = {
    store: openSqliteStore(dataDir),
    async reopen() {
      await handle.store.close();
      handle.store = openSqliteStore(dataDir);
      return handle.store;
    },
    async cleanup() {
      await handle.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
});

describe('the SQLite store on disk', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  const open = (dir: string) => {
    const store = openSqliteStore(dir);
    stores.push(store);
    return store;
  };
  const newDir = () => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** The files of the data folder that hold `text` as raw bytes, whatever the files are. */
  function filesHolding(dir: string, text: string): string[] {
    const needle = Buffer.from(text, 'utf8');
    return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));
  }

  /** A distinctive text that nothing but this test writes. */
  const secret = (what: string) => `${what}-${randomUUID()}`;

  describe('keeps no deleted text in any file', () => {
    it('after a compaction drops a deleted note', async () => {
      const dir = newDir();
      const store = open(dir);
      const created = newSession();
      await store.createSession(created);
      const { session, initialState } = created;
      const writer = new Writer(initialState);
      const hidden = secret('deleted note');
      const kept = secret('kept note');
      const hiddenId = randomUUID();

      // Enough traffic around the note that its pages reach the database file, not just the WAL.
      for (let i = 0; i < 200; i++) await store.appendUpdate(session.id, writer.add(`filler ${i} `.repeat(20)));
      await store.appendUpdate(session.id, writer.add(hidden, hiddenId));
      await store.appendUpdate(session.id, writer.add(kept));
      for (let i = 0; i < 200; i++) await store.appendUpdate(session.id, writer.add(`more ${i} `.repeat(20)));
      const lastSeq = await store.appendUpdate(session.id, writer.delete(hiddenId));
      // The check below can see the store's bytes at all.
      expect(filesHolding(dir, hidden)).not.toEqual([]);

      const state = writer.state();
      expect(Buffer.from(state).includes(Buffer.from(hidden)), 'Yjs kept the deleted text in the state').toBe(false);
      await store.compact(session.id, state, lastSeq);

      expect(filesHolding(dir, hidden)).toEqual([]);
      expect(filesHolding(dir, kept)).not.toEqual([]);
      expect(noteIds(boardFrom(await store.loadDoc(session.id)))).toEqual(writer.noteIds());
    });

    it('after a session is erased', async () => {
      const dir = newDir();
      const store = open(dir);
      const gone = newSession({ title: secret('erased title') });
      gone.facilitator.name = secret('erased facilitator');
      const kept = newSession({ title: secret('kept title') });
      await store.createSession(gone);
      await store.createSession(kept);
      const pat = newParticipant(gone.session, { name: secret('erased participant') });
      const patToken = secret('erased token');
      await store.addParticipant(pat, patToken);

      const writer = new Writer(gone.initialState);
      const compactedText = secret('erased compacted note');
      const loggedText = secret('erased logged note');
      const seq = await store.appendUpdate(gone.session.id, writer.add(compactedText));
      await store.compact(gone.session.id, writer.state(), seq);
      await store.appendUpdate(gone.session.id, writer.add(loggedText));
      await store.bindClientIds(gone.session.id, pat.id, [writer.clientId]);
      const keptText = secret('kept note');
      await store.appendUpdate(kept.session.id, new Writer(kept.initialState).add(keptText));
      const snapBoardText = secret('erased snapshot note');
      const snapStateText = secret('erased snapshot state');
      const snapRecordText = secret('erased snapshot record');
      await store.saveSnapshot(
        newSnapshot(gone.session, { state: JSON.stringify({ note: snapStateText }), record: JSON.stringify({ notes: [snapRecordText] }) }, snapBoardText),
      );
      const keptSnapText = secret('kept snapshot note');
      await store.saveSnapshot(newSnapshot(kept.session, {}, keptSnapText));
      const linkLabel = secret('erased team link label');
      const linkToken = secret('erased team link token');
      await store.createTeamLink({ id: randomUUID(), sessionId: gone.session.id, tokenHash: linkToken, label: linkLabel, createdAt: Date.now() });
      const keptLinkLabel = secret('kept team link label');
      await store.createTeamLink({ id: randomUUID(), sessionId: kept.session.id, tokenHash: randomUUID(), label: keptLinkLabel, createdAt: Date.now() });

      const erased = [
        gone.session.title,
        gone.facilitator.name,
        pat.name,
        patToken,
        gone.tokenHash,
        compactedText,
        loggedText,
        snapBoardText,
        snapStateText,
        snapRecordText,
        linkLabel,
        linkToken,
      ];
      for (const text of erased) expect(filesHolding(dir, text), text).not.toEqual([]);

      expect(await store.eraseSession(gone.session.id)).toBe(true);

      for (const text of erased) expect(filesHolding(dir, text), text).toEqual([]);
      for (const text of [kept.session.title, kept.tokenHash, keptText, keptSnapText, keptLinkLabel]) expect(filesHolding(dir, text), text).not.toEqual([]);
    });

    it('after a snapshot is rewritten', async () => {
      const dir = newDir();
      const first = open(dir);
      const input = newSession();
      await first.createSession(input);
      const withdrawn = secret('withdrawn note');
      // Long, so that the shorter content written in its place cannot cover it by chance.
      const withdrawnNote = `${withdrawn} ${'said at some length, '.repeat(40)}`;
      const staying = secret('staying note');
      const target = newSnapshot(input.session, { record: JSON.stringify({ notes: [withdrawnNote, staying] }) }, withdrawnNote);
      const neighbourText = secret('neighbour snapshot note');
      await first.saveSnapshot(target);
      await first.saveSnapshot(newSnapshot(input.session, {}, neighbourText));
      // Closed and opened again, so that the old content is in the database file itself, not
      // only in a WAL that a checkpoint would drop anyway.
      await first.close();
      const store = open(dir);
      expect(filesHolding(dir, withdrawn)).toEqual(['balcony.sqlite']);

      const board = newSnapshot(input.session, {}, staying).board;
      await store.rewriteSnapshot(target.id, { board, state: target.state, record: JSON.stringify({ notes: [staying] }) });

      expect(filesHolding(dir, withdrawn)).toEqual([]);
      for (const text of [staying, neighbourText]) expect(filesHolding(dir, text), text).not.toEqual([]);
      expect((await store.getSnapshot(target.id))?.record).toBe(JSON.stringify({ notes: [staying] }));
    });
  });

  describe('gives space back after erasing', () => {
    const fileSize = (dir: string) => statSync(join(dir, 'balcony.sqlite')).size;
    /** The database's pages as a second connection sees them, the WAL's included. */
    const pagesOf = (dir: string) => {
      const db = new Database(join(dir, 'balcony.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const get = (name: string) => db.pragma(name, { simple: true }) as number;
        return { bytes: get('page_count') * get('page_size'), free: get('freelist_count') };
      } finally {
        db.close();
      }
    };
    /** A session holding about `kib` KiB of snapshot boards, in pages of its own. */
    async function sessionOf(store: Store, kib: number) {
      const input = newSession();
      await store.createSession(input);
      for (let i = 0; i < kib / 16; i++) {
        await store.saveSnapshot(newSnapshot(input.session, {}, `${secret('bulk')} `.repeat(400)));
      }
      return input.session.id;
    }

    it('shrinks the file once an erasure frees much of it', async () => {
      const dir = newDir();
      const store = open(dir);
      const big = await sessionOf(store, 2048);
      await sessionOf(store, 64);
      const before = pagesOf(dir).bytes;

      await store.eraseSession(big);

      expect(fileSize(dir)).toBeLessThan(before / 4);
      expect(pagesOf(dir).free).toBe(0);
    });

    it('leaves the file as it is when an erasure frees only a little of it', async () => {
      const dir = newDir();
      const store = open(dir);
      const small = await sessionOf(store, 64);
      await sessionOf(store, 2048);
      const before = pagesOf(dir).bytes;

      await store.eraseSession(small);

      // The small session's pages are free for reuse, not cut from the file.
      expect(pagesOf(dir).free).toBeGreaterThan(0);
      expect(fileSize(dir)).toBe(before);
    });
  });

  describe('schema versions', () => {
    const versionsIn = (dir: string) => {
      const db = new Database(join(dir, 'balcony.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      } finally {
        db.close();
      }
    };
    const latest = SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name }));

    it('records every migration up to the latest', async () => {
      const dir = newDir();
      await open(dir).close();
      expect(latest.length).toBeGreaterThanOrEqual(2);
      expect(versionsIn(dir)).toEqual(latest);
      // Opening again applies nothing twice.
      await open(dir).close();
      expect(versionsIn(dir)).toEqual(latest);
    });

    it('adopts a database made before versioning, keeping its sessions', async () => {
      const dir = newDir();
      const { session, facilitator, tokenHash, initialState } = newSession();
      const db = new Database(join(dir, 'balcony.sqlite'));
      // The schema as it stood before versioning, which is the first migration unchanged.
      db.exec(SQLITE_MIGRATIONS[0]!.sql);
      db.prepare('INSERT INTO sessions (id, title, template, join_code, created_at) VALUES (?, ?, ?, ?, ?)').run(
        session.id,
        session.title,
        session.templateId,
        session.joinCode,
        session.createdAt,
      );
      db.prepare('INSERT INTO participants (id, session_id, name, role, color, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        facilitator.id,
        session.id,
        facilitator.name,
        facilitator.role,
        facilitator.color,
        tokenHash,
        facilitator.createdAt,
      );
      db.prepare('INSERT INTO doc_states (session_id, state, updated_at) VALUES (?, ?, ?)').run(session.id, initialState, 0);
      db.close();

      const store = open(dir);
      expect(await store.getSession(session.id)).toEqual(session);
      expect(await store.loadSessionState(session.id)).toEqual({ version: 1, state: '{"joinLocked":false}' });
      expect(await store.findParticipantByTokenHash(tokenHash)).toEqual(facilitator);
      expect((await store.loadDoc(session.id)).state).toEqual(initialState);
      await store.bindClientIds(session.id, facilitator.id, [42]);
      expect((await store.loadDoc(session.id)).clientOwners).toEqual(new Map([[42, facilitator.id]]));
      await store.close();
      expect(versionsIn(dir)).toEqual(latest);
    });

    it('carries a version-2 database\'s join locks into the session state', async () => {
      const dir = newDir();
      const locked = newSession();
      const open_ = newSession();
      const db = new Database(join(dir, 'balcony.sqlite'));
      migrate(db, 'test', SQLITE_MIGRATIONS.slice(0, 2));
      const insert = db.prepare('INSERT INTO sessions (id, title, template, join_code, created_at, join_locked) VALUES (?, ?, ?, ?, ?, ?)');
      for (const [s, lock] of [[locked, 1], [open_, 0]] as const) insert.run(s.session.id, s.session.title, s.session.templateId, s.session.joinCode, s.session.createdAt, lock);
      db.close();

      const store = open(dir);
      expect(await store.loadSessionState(locked.session.id)).toEqual({ version: 1, state: '{"joinLocked":true}' });
      expect(await store.loadSessionState(open_.session.id)).toEqual({ version: 1, state: '{"joinLocked":false}' });
    });

    it("keeps a version-5 database's sessions for the default days after their creation", async () => {
      const dir = newDir();
      const { session } = newSession({ createdAt: Date.now() - 1_000 * DAY });
      const db = new Database(join(dir, 'balcony.sqlite'));
      migrate(db, 'test', SQLITE_MIGRATIONS.slice(0, 5));
      db.prepare('INSERT INTO sessions (id, title, template, join_code, created_at) VALUES (?, ?, ?, ?, ?)').run(
        session.id,
        session.title,
        session.templateId,
        session.joinCode,
        session.createdAt,
      );
      db.close();

      const store = open(dir);
      // 90 days, the default when version 6 was written, whatever the default is now.
      expect(await store.getRetention(session.id)).toEqual({ days: 90, lastActivityAt: session.createdAt });
      const expiry = session.createdAt + 90 * DAY;
      expect(await store.listExpiredSessions(expiry - 1, 10)).toEqual([]);
      expect(await store.listExpiredSessions(expiry, 10)).toEqual([session.id]);
    });

    it('counts a session with no activity recorded from its creation', async () => {
      const dir = newDir();
      const store = open(dir);
      const input = newSession({ createdAt: Date.now() - 1_000 * DAY });
      await store.createSession(input);
      const { session } = input;
      await store.setRetention(session.id, 10);
      const db = new Database(join(dir, 'balcony.sqlite'));
      db.prepare('UPDATE sessions SET last_activity_at = NULL WHERE id = ?').run(session.id);
      db.close();

      expect(await store.getRetention(session.id)).toEqual({ days: 10, lastActivityAt: session.createdAt });
      await store.touchSession(session.id, session.createdAt - 1);
      expect((await store.getRetention(session.id))?.lastActivityAt).toBe(session.createdAt);
      expect(await store.listExpiredSessions(session.createdAt + 10 * DAY - 1, 10)).toEqual([]);
      expect(await store.listExpiredSessions(session.createdAt + 10 * DAY, 10)).toEqual([session.id]);
      await store.touchSession(session.id, session.createdAt + 1);
      expect((await store.getRetention(session.id))?.lastActivityAt).toBe(session.createdAt + 1);
    });

    it('refuses a database at a version newer than it knows, and leaves it alone', async () => {
      const dir = newDir();
      await open(dir).close();
      const future = SQLITE_MIGRATIONS.length + 1;
      const db = new Database(join(dir, 'balcony.sqlite'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(future, 'from-the-future', Date.now());
      db.close();

      expect(() => openSqliteStore(dir)).toThrow(
        new RegExp(`schema version ${future}, but this Balcony knows versions up to ${SQLITE_MIGRATIONS.length}`),
      );
      expect(versionsIn(dir)).toEqual([...latest, { version: future, name: 'from-the-future' }]);
    });
  });
});
