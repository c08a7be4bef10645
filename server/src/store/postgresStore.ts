import { foldTogether } from './fold.js';
import pg from 'pg';
import { GroupCommit } from './groupCommit.js';
import { SchemaTooNewError } from './migrations.js';
import { migrate } from './postgres/migrate.js';
import { LIMITS } from '@balcony/shared';
import type { FollowUpRecord, RetentionRecord, Store, StoredDoc } from './types.js';
import {
  toParticipant,
  toSession,
  toSnapshot,
  toSnapshotSummary,
  toTeamLink,
  type ParticipantRow,
  type SessionRow,
  type SnapshotRow,
  type SnapshotSummaryRow,
  type TeamLinkRow,
} from './rows.js';

/** The first key of every compaction's advisory lock; the second is the session's. */
const COMPACTION_LOCKS = 0x636d7074; // "cmpt"

// BIGINT columns come back as numbers: every one here (times in ms, sequence numbers, client ids)
// stays well inside 2^53. Set on a types object of this store's own, not pg's global one.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const SESSION_COLUMNS = 'id, title, template, template_json, join_code, created_at, closed_at, previous_session_id';
const TEAM_LINK_COLUMNS = 'id, session_id, label, created_at';
const SNAPSHOT_SUMMARY_COLUMNS = 'id, session_id, taken_at, reason, phase_id, final';
const DAY_MS = 86_400_000;
const PARTICIPANT_COLUMNS = 'id, session_id, name, role, color, created_at';

export interface PostgresStoreOptions {
  /** Keep the tables in this schema (created if missing) rather than the connection's default. */
  schema?: string;
  /** Connections in the pool. */
  poolSize?: number;
}

/**
 * The store on a PostgreSQL database, for several nodes sharing one. Writes resolve once
 * committed. Updates appended while one append is in flight go in together, in one statement
 * (GroupCommit), so the database's round trip is paid once per batch, not once per keystroke.
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the database drops must not take the process with it.
  pool.on('error', () => {});
  try {
    await migrate(pool, 'the PostgreSQL database in DATABASE_URL', { schema });
  } catch (err) {
    await pool.end();
    if (err instanceof SchemaTooNewError) throw err;
    // pg's messages name the host and user at most, never the password.
    throw new Error(`Could not open the PostgreSQL database in DATABASE_URL: ${(err as Error).message}`, { cause: err });
  }

  /** Runs `work` in one transaction on one connection. */
  async function transaction<T>(work: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  // Named statements: PostgreSQL plans each once per connection rather than once per append.
  // Rows are inserted in the order given, so their sequence numbers rise in that order too.
  const appends = new GroupCommit<{ sessionId: string; update: Uint8Array }, number>(async (items) => {
    const bytes = items.map((i) => Buffer.from(i.update.buffer, i.update.byteOffset, i.update.byteLength));
    if (items.length === 1) {
      const { rows } = await pool.query<{ seq: number }>({
        name: 'append-one',
        text: 'INSERT INTO doc_updates (session_id, data) VALUES ($1, $2) RETURNING seq',
        values: [items[0]!.sessionId, bytes[0]],
      });
      return [rows[0]!.seq];
    }
    const { rows } = await pool.query<{ seq: number }>({
      name: 'append-many',
      text: `WITH input AS (
               SELECT * FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(session_id, data, ord)
             ), inserted AS (
               INSERT INTO doc_updates (session_id, data) SELECT session_id, data FROM input ORDER BY ord RETURNING seq
             )
             SELECT seq FROM inserted ORDER BY seq`,
      values: [items.map((i) => i.sessionId), bytes],
    });
    return rows.map((r) => r.seq);
  });

  /**
   * The sequence numbers this process appended and has not yet compacted, per session. A fold
   * through seqs that are all here is exactly the caller's state; one that reaches past an update
   * another node appended merges that update in, since this node may not have applied it yet.
   */
  const ownSeqs = new Map<string, Set<number>>();
  let closing: Promise<void> | null = null;

  return {
    async createSession({ session, facilitator: f, tokenHash, initialState, sessionState }) {
      await transaction(async (c) => {
        await c.query(
          `INSERT INTO sessions (id, title, template, template_json, join_code, created_at, last_activity_at, retention_days, previous_session_id)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)`,
          // Named here rather than left to the column's default, which stays as the migration set it.
          [
            session.id,
            session.title,
            session.templateId,
            JSON.stringify(session.template),
            session.joinCode,
            session.createdAt,
            LIMITS.retentionDaysDefault,
            session.previousSessionId ?? null,
          ],
        );
        await c.query('INSERT INTO session_states (session_id, version, state, updated_at) VALUES ($1, 1, $2, $3)', [
          session.id,
          sessionState,
          session.createdAt,
        ]);
        await c.query(`INSERT INTO participants (${PARTICIPANT_COLUMNS}, token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          f.id,
          f.sessionId,
          f.name,
          f.role,
          f.color,
          f.createdAt,
          tokenHash,
        ]);
        await c.query('INSERT INTO doc_states (session_id, state, updated_at) VALUES ($1, $2, $3)', [
          session.id,
          Buffer.from(initialState),
          session.createdAt,
        ]);
      });
    },
    async joinCodeInUse(code) {
      const { rowCount } = await pool.query('SELECT 1 FROM sessions WHERE join_code = $1 AND closed_at IS NULL', [code]);
      return (rowCount ?? 0) > 0;
    },
    async findSessionByJoinCode(code) {
      const { rows } = await pool.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE join_code = $1 AND closed_at IS NULL`, [code]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async getSession(sessionId) {
      const { rows } = await pool.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [sessionId]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async addParticipant(p, tokenHash) {
      await pool.query(`INSERT INTO participants (${PARTICIPANT_COLUMNS}, token_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        p.id,
        p.sessionId,
        p.name,
        p.role,
        p.color,
        p.createdAt,
        tokenHash,
      ]);
    },
    async countParticipants(sessionId) {
      const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM participants WHERE session_id = $1', [sessionId]);
      return rows[0]!.n;
    },
    async findParticipantByTokenHash(tokenHash) {
      const { rows } = await pool.query<ParticipantRow>(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE token_hash = $1`, [tokenHash]);
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async listParticipants(sessionId) {
      const { rows } = await pool.query<ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE session_id = $1 ORDER BY created_at, joined`,
        [sessionId],
      );
      return rows.map(toParticipant);
    },
    async loadSessionState(sessionId) {
      const { rows } = await pool.query<{ version: number; state: string }>('SELECT version, state FROM session_states WHERE session_id = $1', [
        sessionId,
      ]);
      return rows[0] ?? null;
    },
    async replaceSessionState(sessionId, expectedVersion, state) {
      // One statement: the row's lock orders two nodes' writes, and the second finds the version moved.
      const { rowCount } = await pool.query(
        'UPDATE session_states SET version = version + 1, state = $1, updated_at = $2 WHERE session_id = $3 AND version = $4',
        [state, Date.now(), sessionId, expectedVersion],
      );
      return rowCount === 1;
    },
    async loadDoc(sessionId): Promise<StoredDoc> {
      // One snapshot of the database, so a compaction committing meanwhile cannot make the state
      // and the log disagree (the old state read, then the log it folded found gone).
      return transaction(async (c) => {
        const state = await c.query<{ state: Buffer }>('SELECT state FROM doc_states WHERE session_id = $1', [sessionId]);
        const updates = await c.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE session_id = $1 ORDER BY seq', [sessionId]);
        const bindings = await c.query<{ client_id: number; participant_id: string }>(
          'SELECT client_id, participant_id FROM client_bindings WHERE session_id = $1',
          [sessionId],
        );
        return {
          state: state.rows[0] ? new Uint8Array(state.rows[0].state) : null,
          updates: updates.rows.map((r) => new Uint8Array(r.data)),
          lastSeq: updates.rows.length > 0 ? updates.rows[updates.rows.length - 1]!.seq : 0,
          clientOwners: new Map(bindings.rows.map((b) => [b.client_id, b.participant_id])),
        };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    async appendUpdate(sessionId, update) {
      const seq = await appends.add({ sessionId, update });
      let own = ownSeqs.get(sessionId);
      if (!own) ownSeqs.set(sessionId, (own = new Set()));
      own.add(seq);
      return seq;
    },
    async compact(sessionId, state, throughSeq) {
      const own = ownSeqs.get(sessionId) ?? new Set<number>();
      await transaction(async (c) => {
        // Another node folding this log right now: let it. Nothing is lost by not folding, since
        // every update is in the log until some fold takes it in.
        const { rows: locked } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [
          COMPACTION_LOCKS,
          sessionId,
        ]);
        if (!locked[0]!.ok) return;
        const { rows } = await c.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM doc_updates WHERE session_id = $1 AND seq <= $2 ORDER BY seq',
          [sessionId, throughSeq],
        );
        let folded = state;
        if (rows.some((r) => !own.has(r.seq))) {
          const stored = await c.query<{ state: Buffer }>('SELECT state FROM doc_states WHERE session_id = $1', [sessionId]);
          folded = foldTogether([...stored.rows.map((r) => r.state), ...rows.map((r) => r.data), state]);
        }
        await c.query(
          `INSERT INTO doc_states (session_id, state, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (session_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [sessionId, Buffer.from(folded), Date.now()],
        );
        // Exactly the rows read: one another node commits late, under a lower seq, stays.
        await c.query('DELETE FROM doc_updates WHERE session_id = $1 AND seq = ANY($2::bigint[])', [sessionId, rows.map((r) => r.seq)]);
        for (const r of rows) own.delete(r.seq);
      });
      if (own.size === 0) ownSeqs.delete(sessionId);
    },
    async bindClientIds(sessionId, participantId, clientIds) {
      for (const id of clientIds) {
        // Yjs client ids are unsigned 32-bit; anything else is a caller's bug, not an id to keep.
        if (!Number.isInteger(id) || id < 0 || id > 0xffff_ffff) throw new RangeError(`not a Yjs client id: ${id}`);
      }
      if (clientIds.length === 0) return;
      await pool.query(
        `INSERT INTO client_bindings (session_id, client_id, participant_id)
         SELECT $1, id, $2 FROM unnest($3::bigint[]) AS id
         ON CONFLICT (session_id, client_id) DO NOTHING`,
        [sessionId, participantId, [...clientIds]],
      );
    },
    async loadPrivateDoc(sessionId, ownerId): Promise<StoredDoc> {
      return transaction(async (c) => {
        const state = await c.query<{ state: Buffer }>('SELECT state FROM private_doc_states WHERE session_id = $1 AND owner_id = $2', [sessionId, ownerId]);
        const updates = await c.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM private_doc_updates WHERE session_id = $1 AND owner_id = $2 ORDER BY seq',
          [sessionId, ownerId],
        );
        return {
          state: state.rows[0] ? new Uint8Array(state.rows[0].state) : null,
          updates: updates.rows.map((r) => new Uint8Array(r.data)),
          lastSeq: updates.rows.length > 0 ? Number(updates.rows[updates.rows.length - 1]!.seq) : 0,
          clientOwners: new Map(),
        };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    async appendPrivateUpdate(sessionId, ownerId, update) {
      const { rows } = await pool.query<{ seq: string }>(
        'INSERT INTO private_doc_updates (session_id, owner_id, data) VALUES ($1, $2, $3) RETURNING seq',
        [sessionId, ownerId, Buffer.from(update)],
      );
      return Number(rows[0]!.seq);
    },
    async compactPrivate(sessionId, ownerId, state, throughSeq) {
      await transaction(async (c) => {
        const { rows: locked } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [
          COMPACTION_LOCKS,
          `${sessionId}/private/${ownerId}`,
        ]);
        if (!locked[0]!.ok) return;
        const { rows } = await c.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM private_doc_updates WHERE session_id = $1 AND owner_id = $2 AND seq <= $3 ORDER BY seq',
          [sessionId, ownerId, throughSeq],
        );
        const stored = await c.query<{ state: Buffer }>('SELECT state FROM private_doc_states WHERE session_id = $1 AND owner_id = $2', [sessionId, ownerId]);
        const folded = foldTogether([...stored.rows.map((r) => r.state), ...rows.map((r) => r.data), state]);
        await c.query(
          `INSERT INTO private_doc_states (session_id, owner_id, state, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_id, owner_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [sessionId, ownerId, Buffer.from(folded), Date.now()],
        );
        await c.query('DELETE FROM private_doc_updates WHERE session_id = $1 AND owner_id = $2 AND seq = ANY($3::bigint[])', [
          sessionId,
          ownerId,
          rows.map((r) => r.seq),
        ]);
      });
    },
    async recordNoteAuthors(sessionId, authors) {
      if (authors.length === 0) return;
      await pool.query(
        `INSERT INTO note_authors (session_id, note_id, participant_id)
         SELECT $1, n, p FROM unnest($2::text[], $3::text[]) AS t (n, p)
         ON CONFLICT DO NOTHING`,
        [sessionId, authors.map((a) => a.noteId), authors.map((a) => a.participantId)],
      );
    },
    async loadNoteAuthors(sessionId) {
      const { rows } = await pool.query<{ note_id: string; participant_id: string }>(
        'SELECT note_id, participant_id FROM note_authors WHERE session_id = $1',
        [sessionId],
      );
      return new Map(rows.map((r) => [r.note_id, r.participant_id]));
    },
    async saveSnapshot(s) {
      await pool.query(
        `INSERT INTO snapshots (${SNAPSHOT_SUMMARY_COLUMNS}, board, state, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [s.id, s.sessionId, s.takenAt, s.reason, s.phaseId, s.final, Buffer.from(s.board), s.state, s.record],
      );
    },
    async listSnapshots(sessionId) {
      const { rows } = await pool.query<SnapshotSummaryRow>(
        `SELECT ${SNAPSHOT_SUMMARY_COLUMNS} FROM snapshots WHERE session_id = $1 ORDER BY taken_at, stored`,
        [sessionId],
      );
      return rows.map(toSnapshotSummary);
    },
    async getSnapshot(snapshotId) {
      const { rows } = await pool.query<SnapshotRow>(`SELECT ${SNAPSHOT_SUMMARY_COLUMNS}, board, state, record FROM snapshots WHERE id = $1`, [
        snapshotId,
      ]);
      return rows[0] ? toSnapshot(rows[0]) : null;
    },
    async rewriteSnapshot(snapshotId, { board, state, record }) {
      await pool.query('UPDATE snapshots SET board = $1, state = $2, record = $3 WHERE id = $4', [Buffer.from(board), state, record, snapshotId]);
    },
    async closeSession(sessionId, at) {
      // The first end stands: ending an ended session again changes nothing.
      await pool.query('UPDATE sessions SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL', [at, sessionId]);
    },
    async touchSession(sessionId, at) {
      // One statement: of two nodes touching at once, the later time wins whichever lands last.
      await pool.query('UPDATE sessions SET last_activity_at = $1 WHERE id = $2 AND COALESCE(last_activity_at, created_at) < $1', [at, sessionId]);
    },
    async setRetention(sessionId, days) {
      if (!Number.isInteger(days) || days < 1) throw new RangeError(`not a number of days to keep a session: ${days}`);
      await pool.query('UPDATE sessions SET retention_days = $1 WHERE id = $2', [days, sessionId]);
    },
    async getRetention(sessionId) {
      const { rows } = await pool.query<RetentionRecord>(
        'SELECT retention_days AS days, COALESCE(last_activity_at, created_at) AS "lastActivityAt" FROM sessions WHERE id = $1',
        [sessionId],
      );
      return rows[0] ?? null;
    },
    async listExpiredSessions(now, limit) {
      // BIGINT before multiplying: days in milliseconds overflow an INTEGER after 24 days.
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM (SELECT id, COALESCE(last_activity_at, created_at) + retention_days::bigint * ${DAY_MS} AS expires FROM sessions) AS s
         WHERE expires <= $1 ORDER BY expires, id LIMIT $2`,
        [now, limit],
      );
      return rows.map((r) => r.id);
    },
    async eraseSession(sessionId) {
      // One statement, so one transaction: the cascade takes every row of the session or none.
      const { rowCount } = await pool.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
      ownSeqs.delete(sessionId);
      return rowCount === 1;
    },
    async createTeamLink(link) {
      await pool.query('INSERT INTO team_links (id, session_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4, $5)', [
        link.id,
        link.sessionId,
        link.tokenHash,
        link.label,
        link.createdAt,
      ]);
    },
    async listTeamLinks(sessionId) {
      const { rows } = await pool.query<TeamLinkRow>(
        `SELECT ${TEAM_LINK_COLUMNS} FROM team_links WHERE session_id = $1 AND revoked_at IS NULL ORDER BY created_at, made`,
        [sessionId],
      );
      return rows.map(toTeamLink);
    },
    async countTeamLinks(sessionId) {
      const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM team_links WHERE session_id = $1 AND revoked_at IS NULL', [
        sessionId,
      ]);
      return rows[0]!.n;
    },
    async findTeamLinkByTokenHash(tokenHash) {
      const { rows } = await pool.query<TeamLinkRow>(`SELECT ${TEAM_LINK_COLUMNS} FROM team_links WHERE token_hash = $1 AND revoked_at IS NULL`, [
        tokenHash,
      ]);
      return rows[0] ? toTeamLink(rows[0]) : null;
    },
    async revokeTeamLink(sessionId, linkId, at) {
      // One statement: of two nodes revoking at once, one finds the link live and says so.
      const { rowCount } = await pool.query('UPDATE team_links SET revoked_at = $1 WHERE id = $2 AND session_id = $3 AND revoked_at IS NULL', [
        at,
        linkId,
        sessionId,
      ]);
      return rowCount === 1;
    },
    async listFollowUps(sessionId) {
      // Sessions carry no storing order here; the id settles a shared millisecond, in SQLite too.
      const { rows } = await pool.query<FollowUpRecord>(
        'SELECT id, title, created_at AS "createdAt" FROM sessions WHERE previous_session_id = $1 ORDER BY created_at, id',
        [sessionId],
      );
      return rows;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (closing) return closing;
      closing = appends.idle().then(() => pool.end());
      return closing;
    },
  };
}
