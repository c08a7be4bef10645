import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgresStore.js';
import { POSTGRES_MIGRATIONS } from '../../server/src/store/postgres/migrations.js';
import { migrate } from '../../server/src/store/postgres/migrate.js';
import type { Store } from '../../server/src/store/types.js';
import { boardFrom, noteIds, Writer } from './boards.js';
import { DAY, describeStoreContract, newSession, newSnapshot } from './contract.js';
import { POSTGRES_URL, dropSchema, freshSchema } from '../support/postgres.js';

// Runs where a PostgreSQL server is reachable: TEST_DATABASE_URL names it (.ci/run sets it).
const url = POSTGRES_URL;

describe.skipIf(!url)('PostgreSQL', () => {
  describeStoreContract('PostgreSQL', async () => {
    const schema = freshSchema();
    const handle = {
      store: await openPostgresStore(url!, { schema }),
      async reopen() {
        await handle.store.close();
        handle.store = await openPostgresStore(url!, { schema });
        return handle.store;
      },
      async cleanup() {
        await handle.store.close();
        await dropSchema(url!, schema);
      },
    };
    return handle;
  });

  describe('the PostgreSQL store', () => {
    const schemas: string[] = [];
    const stores: Store[] = [];
    const open = async (schema: string) => {
      const store = await openPostgresStore(url!, { schema });
      stores.push(store);
      return store;
    };
    const newSchema = () => {
      const s = freshSchema();
      schemas.push(s);
      return s;
    };
    const client = new pg.Client({ connectionString: url });
    let connected: Promise<unknown> | null = null;
    const sql = async (schema: string, text: string, values: unknown[] = []) => {
      connected ??= client.connect();
      await connected;
      await client.query(`SET search_path = ${schema}`);
      return client.query(text, values);
    };

    afterAll(async () => {
      for (const s of stores.splice(0)) await s.close();
      for (const s of schemas.splice(0)) await dropSchema(url!, s);
      if (connected) await client.end();
    });

    it('records every migration up to the latest, and two nodes opening at once both start', async () => {
      const schema = newSchema();
      await Promise.all([open(schema), open(schema)]);
      const { rows } = await sql(schema, 'SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    });

    it('refuses a database at a version newer than it knows, and leaves it alone', async () => {
      const schema = newSchema();
      await (await open(schema)).close();
      const newer = POSTGRES_MIGRATIONS.length + 1;
      await sql(schema, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [newer, 'from-the-future', Date.now()]);
      await expect(openPostgresStore(url!, { schema })).rejects.toThrow(new RegExp(`schema version ${newer}`));
      const { rows } = await sql(schema, 'SELECT MAX(version)::int AS v FROM schema_migrations');
      expect(rows[0].v).toBe(newer);
    });

    it("keeps a version-5 database's sessions for the default days after their creation", async () => {
      const schema = newSchema();
      const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
      try {
        await migrate(pool, 'test', { schema, migrations: POSTGRES_MIGRATIONS.slice(0, 5) });
      } finally {
        await pool.end();
      }
      const { session } = newSession({ createdAt: Date.now() - 1_000 * DAY });
      await sql(schema, 'INSERT INTO sessions (id, title, template, join_code, created_at) VALUES ($1, $2, $3, $4, $5)', [
        session.id,
        session.title,
        session.templateId,
        session.joinCode,
        session.createdAt,
      ]);

      const store = await open(schema);
      // 90 days, the default when version 6 was written, whatever the default is now.
      expect(await store.getRetention(session.id)).toEqual({ days: 90, lastActivityAt: session.createdAt });
      const expiry = session.createdAt + 90 * DAY;
      expect(await store.listExpiredSessions(expiry - 1, 10)).toEqual([]);
      expect(await store.listExpiredSessions(expiry, 10)).toEqual([session.id]);
    });

    it('counts a session with no activity recorded from its creation', async () => {
      const schema = newSchema();
      const store = await open(schema);
      const input = newSession({ createdAt: Date.now() - 1_000 * DAY });
      await store.createSession(input);
      const { session } = input;
      await store.setRetention(session.id, 10);
      await sql(schema, 'UPDATE sessions SET last_activity_at = NULL WHERE id = $1', [session.id]);

      expect(await store.getRetention(session.id)).toEqual({ days: 10, lastActivityAt: session.createdAt });
      await store.touchSession(session.id, session.createdAt - 1);
      expect((await store.getRetention(session.id))?.lastActivityAt).toBe(session.createdAt);
      expect(await store.listExpiredSessions(session.createdAt + 10 * DAY - 1, 10)).toEqual([]);
      expect(await store.listExpiredSessions(session.createdAt + 10 * DAY, 10)).toEqual([session.id]);
      await store.touchSession(session.id, session.createdAt + 1);
      expect((await store.getRetention(session.id))?.lastActivityAt).toBe(session.createdAt + 1);
    });

    it('says what went wrong when the database cannot be reached, without the password', async () => {
      const unreachable = 'postgres://balcony:hunter2@127.0.0.1:1/balcony';
      const opening = openPostgresStore(unreachable);
      await expect(opening).rejects.toThrow(/PostgreSQL database in DATABASE_URL/);
      await expect(opening).rejects.not.toThrow(/hunter2/);
    });

    it('puts appends that arrive together in one statement, in order, each durable when it resolves', async () => {
      const schema = newSchema();
      const store = await open(schema);
      const a = newSession();
      const b = newSession();
      await store.createSession(a);
      await store.createSession(b);
      const wa = new Writer(a.initialState);
      const wb = new Writer(b.initialState);
      const updates = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? { id: a.session.id, u: wa.add(`a${i}`) } : { id: b.session.id, u: wb.add(`b${i}`) }));

      const before = await sql(schema, "SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()");
      const seqs = await Promise.all(updates.map((x) => store.appendUpdate(x.id, x.u)));
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      // Durable: a second connection, which shares nothing with the store, reads every one.
      const { rows } = await sql(schema, 'SELECT COUNT(*)::int AS n FROM doc_updates');
      expect(rows[0].n).toBe(40);
      const after = await sql(schema, "SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()");
      // Forty appends took far fewer than forty commits (the first goes alone, the rest together;
      // the statistics count this test's own reads too, and other tests' work may land meanwhile).
      expect(Number(after.rows[0].n) - Number(before.rows[0].n)).toBeLessThan(20);

      const other = await open(schema);
      expect(noteIds(boardFrom(await other.loadDoc(a.session.id)))).toEqual(wa.noteIds());
      expect(noteIds(boardFrom(await other.loadDoc(b.session.id)))).toEqual(wb.noteIds());
    });

    it('fails only the append to an erased session when others share its batch', async () => {
      const store = await open(newSchema());
      const kept = newSession();
      const gone = newSession();
      await store.createSession(kept);
      await store.createSession(gone);
      await store.eraseSession(gone.session.id);
      const w = new Writer(kept.initialState);
      const results = await Promise.allSettled([
        store.appendUpdate(kept.session.id, w.add('one')),
        store.appendUpdate(gone.session.id, new Writer(gone.initialState).add('lost')),
        store.appendUpdate(kept.session.id, w.add('two')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(noteIds(boardFrom(await store.loadDoc(kept.session.id)))).toEqual(w.noteIds());
    });

    it('folds in an update another node appended below the fold point, so nothing is lost', async () => {
      const schema = newSchema();
      const nodeA = await open(schema);
      const nodeB = await open(schema);
      const input = newSession();
      await nodeA.createSession(input);
      const a = new Writer(input.initialState);
      const b = new Writer(input.initialState);
      // B's note is stored first, but A's document never hears of it before A folds its log.
      await nodeB.appendUpdate(input.session.id, b.add('written on node B'));
      const seq = await nodeA.appendUpdate(input.session.id, a.add('written on node A'));
      await nodeA.compact(input.session.id, a.state(), seq);

      const doc = await nodeB.loadDoc(input.session.id);
      expect(doc.updates).toEqual([]);
      expect(noteIds(boardFrom(doc)).sort()).toEqual([...a.noteIds(), ...b.noteIds()].sort());
    });

    it('lets one node fold a log at a time: a fold that finds the lock taken leaves the log alone', async () => {
      const schema = newSchema();
      const store = await open(schema);
      const input = newSession();
      await store.createSession(input);
      const w = new Writer(input.initialState);
      const seq = await store.appendUpdate(input.session.id, w.add('one'));
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [0x636d7074, input.session.id]);
        await store.compact(input.session.id, w.state(), seq);
        expect((await store.loadDoc(input.session.id)).updates).toHaveLength(1);
        await holder.query('COMMIT');
      } finally {
        await holder.end();
      }
      await store.compact(input.session.id, w.state(), seq);
      expect((await store.loadDoc(input.session.id)).updates).toHaveLength(0);
    });

    it('leaves no row of an erased session in any table', async () => {
      const schema = newSchema();
      const store = await open(schema);
      const input = newSession();
      await store.createSession(input);
      const w = new Writer(input.initialState);
      await store.bindClientIds(input.session.id, input.facilitator.id, [w.clientId]);
      await store.appendUpdate(input.session.id, w.add(`secret-${randomUUID()}`));
      const mine = new Writer(input.initialState);
      const seq = await store.appendPrivateUpdate(input.session.id, input.facilitator.id, mine.add(`private-${randomUUID()}`));
      await store.compactPrivate(input.session.id, input.facilitator.id, mine.state(), seq);
      await store.appendPrivateUpdate(input.session.id, input.facilitator.id, mine.add(`private-${randomUUID()}`));
      await store.recordNoteAuthors(input.session.id, [{ noteId: 'n', participantId: input.facilitator.id }]);
      await store.saveSnapshot(newSnapshot(input.session));
      await store.createTeamLink({ id: randomUUID(), sessionId: input.session.id, tokenHash: randomUUID(), label: 'For the team', createdAt: Date.now() });
      expect(await store.eraseSession(input.session.id)).toBe(true);
      const { rows: tables } = await sql(
        schema,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'schema_migrations'",
        [schema],
      );
      expect(tables.map((t) => t.table_name).sort()).toEqual([
        'client_bindings',
        'doc_states',
        'doc_updates',
        'note_authors',
        'participants',
        'private_doc_states',
        'private_doc_updates',
        'session_states',
        'sessions',
        'snapshots',
        'team_links',
      ]);
      for (const { table_name } of tables) {
        const column = table_name === 'sessions' ? 'id' : 'session_id';
        const { rows } = await sql(schema, `SELECT COUNT(*)::int AS n FROM ${table_name} WHERE ${column} = $1`, [input.session.id]);
        expect(rows[0].n, table_name).toBe(0);
      }
    });
  });
});
