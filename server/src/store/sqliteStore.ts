import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '@balcony/shared';
import type { FollowUpRecord, ParticipantRecord, RetentionRecord, SessionRecord, SnapshotRecord, Store, StoredDoc } from './types.js';
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
import { migrate } from './sqlite/migrate.js';
import { foldTogether } from './fold.js';

/** When SQLite starts the WAL over, a file grown larger than this is cut back to it. */
const JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024;

const DAY_MS = 86_400_000;

/**
 * The embedded store. better-sqlite3 is synchronous, so every write below is in the WAL by the
 * time the returned promise exists: a process kill right after loses nothing.
 */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'balcony.sqlite');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL keeps every commit across a process crash; only a power loss can take the last few.
    db.pragma('synchronous = NORMAL');
    // Deleted text is overwritten, not left in free pages of the file.
    db.pragma('secure_delete = ON');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }

  const q = {
    insertSession: db.prepare(
      `INSERT INTO sessions (id, title, template, template_json, join_code, created_at, last_activity_at, retention_days, previous_session_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSessionState: db.prepare('INSERT INTO session_states (session_id, version, state, updated_at) VALUES (?, 1, ?, ?)'),
    sessionState: db.prepare('SELECT version, state FROM session_states WHERE session_id = ?'),
    replaceSessionState: db.prepare(
      'UPDATE session_states SET version = version + 1, state = ?, updated_at = ? WHERE session_id = ? AND version = ?',
    ),
    insertParticipant: db.prepare(
      'INSERT INTO participants (id, session_id, name, role, color, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertState: db.prepare(
      'INSERT INTO doc_states (session_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
    ),
    codeInUse: db.prepare('SELECT 1 FROM sessions WHERE join_code = ? AND closed_at IS NULL'),
    sessionByCode: db.prepare('SELECT * FROM sessions WHERE join_code = ? AND closed_at IS NULL'),
    sessionById: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    countParticipants: db.prepare('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?'),
    participantByToken: db.prepare('SELECT * FROM participants WHERE token_hash = ?'),
    participantsOf: db.prepare('SELECT * FROM participants WHERE session_id = ? ORDER BY created_at, rowid'),
    stateOf: db.prepare('SELECT state FROM doc_states WHERE session_id = ?'),
    updatesOf: db.prepare('SELECT seq, data FROM doc_updates WHERE session_id = ? ORDER BY seq'),
    bindingsOf: db.prepare('SELECT client_id, participant_id FROM client_bindings WHERE session_id = ?'),
    appendUpdate: db.prepare('INSERT INTO doc_updates (session_id, data) VALUES (?, ?)'),
    deleteUpdatesThrough: db.prepare('DELETE FROM doc_updates WHERE session_id = ? AND seq <= ?'),
    bindClientId: db.prepare(
      'INSERT INTO client_bindings (session_id, client_id, participant_id) VALUES (?, ?, ?) ON CONFLICT (session_id, client_id) DO NOTHING',
    ),
    privateStateOf: db.prepare('SELECT state FROM private_doc_states WHERE session_id = ? AND owner_id = ?'),
    privateUpdatesOf: db.prepare('SELECT seq, data FROM private_doc_updates WHERE session_id = ? AND owner_id = ? ORDER BY seq'),
    privateUpdatesThrough: db.prepare('SELECT data FROM private_doc_updates WHERE session_id = ? AND owner_id = ? AND seq <= ? ORDER BY seq'),
    appendPrivate: db.prepare('INSERT INTO private_doc_updates (session_id, owner_id, data) VALUES (?, ?, ?)'),
    upsertPrivateState: db.prepare(
      `INSERT INTO private_doc_states (session_id, owner_id, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id, owner_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ),
    deletePrivateThrough: db.prepare('DELETE FROM private_doc_updates WHERE session_id = ? AND owner_id = ? AND seq <= ?'),
    insertAuthor: db.prepare('INSERT INTO note_authors (session_id, note_id, participant_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    authorsOf: db.prepare('SELECT note_id, participant_id FROM note_authors WHERE session_id = ?'),
    insertSnapshot: db.prepare(
      'INSERT INTO snapshots (id, session_id, taken_at, reason, phase_id, final, board, state, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    snapshotsOf: db.prepare('SELECT id, session_id, taken_at, reason, phase_id, final FROM snapshots WHERE session_id = ? ORDER BY taken_at, rowid'),
    snapshotById: db.prepare('SELECT * FROM snapshots WHERE id = ?'),
    rewriteSnapshot: db.prepare('UPDATE snapshots SET board = ?, state = ?, record = ? WHERE id = ?'),
    insertTeamLink: db.prepare('INSERT INTO team_links (id, session_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)'),
    teamLinksOf: db.prepare(
      'SELECT id, session_id, label, created_at FROM team_links WHERE session_id = ? AND revoked_at IS NULL ORDER BY created_at, rowid',
    ),
    countTeamLinks: db.prepare('SELECT COUNT(*) AS n FROM team_links WHERE session_id = ? AND revoked_at IS NULL').pluck(),
    teamLinkByToken: db.prepare('SELECT id, session_id, label, created_at FROM team_links WHERE token_hash = ? AND revoked_at IS NULL'),
    revokeTeamLink: db.prepare('UPDATE team_links SET revoked_at = ? WHERE id = ? AND session_id = ? AND revoked_at IS NULL'),
    // By id within a millisecond, as PostgreSQL does, where sessions carry no storing order.
    followUpsOf: db.prepare('SELECT id, title, created_at AS createdAt FROM sessions WHERE previous_session_id = ? ORDER BY created_at, id'),
    // The first end stands: ending an ended session again changes nothing.
    closeSession: db.prepare('UPDATE sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL'),
    touchSession: db.prepare('UPDATE sessions SET last_activity_at = ? WHERE id = ? AND COALESCE(last_activity_at, created_at) < ?'),
    setRetention: db.prepare('UPDATE sessions SET retention_days = ? WHERE id = ?'),
    retentionOf: db.prepare('SELECT retention_days AS days, COALESCE(last_activity_at, created_at) AS lastActivityAt FROM sessions WHERE id = ?'),
    expired: db
      .prepare(
        `SELECT id FROM (SELECT id, COALESCE(last_activity_at, created_at) + retention_days * ${DAY_MS} AS expires FROM sessions)
         WHERE expires <= ? ORDER BY expires, id LIMIT ?`,
      )
      .pluck(),
    // Participants, boards, bindings, authors, snapshots and team links go with it: every table refers to
    // sessions ON DELETE CASCADE.
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
  };

  const createSessionTx = db.transaction(
    (session: SessionRecord, f: ParticipantRecord, tokenHash: string, state: Uint8Array, sessionState: string) => {
      q.insertSession.run(
        session.id,
        session.title,
        session.templateId,
        JSON.stringify(session.template),
        session.joinCode,
        session.createdAt,
        session.createdAt,
        // Named here rather than left to the column's default, which stays as the migration set it.
        LIMITS.retentionDaysDefault,
        session.previousSessionId ?? null,
      );
      q.insertParticipant.run(f.id, f.sessionId, f.name, f.role, f.color, tokenHash, f.createdAt);
      q.upsertState.run(session.id, state, session.createdAt);
      q.insertSessionState.run(session.id, sessionState, session.createdAt);
    },
  );
  const compactTx = db.transaction((sessionId: string, state: Uint8Array, throughSeq: number) => {
    q.upsertState.run(sessionId, state, Date.now());
    q.deleteUpdatesThrough.run(sessionId, throughSeq);
  });
  const compactPrivateTx = db.transaction((sessionId: string, ownerId: string, state: Uint8Array, throughSeq: number) => {
    const stored = q.privateStateOf.get(sessionId, ownerId) as { state: Buffer } | undefined;
    const log = (q.privateUpdatesThrough.all(sessionId, ownerId, throughSeq) as { data: Buffer }[]).map((r) => r.data);
    q.upsertPrivateState.run(sessionId, ownerId, foldTogether([...(stored ? [stored.state] : []), ...log, state]), Date.now());
    q.deletePrivateThrough.run(sessionId, ownerId, throughSeq);
  });
  const authorsTx = db.transaction((sessionId: string, authors: readonly { noteId: string; participantId: string }[]) => {
    for (const a of authors) q.insertAuthor.run(sessionId, a.noteId, a.participantId);
  });
  const bindTx = db.transaction((sessionId: string, participantId: string, clientIds: readonly number[]) => {
    for (const id of clientIds) q.bindClientId.run(sessionId, id, participantId);
  });

  /**
   * Deleted rows are zeroed in the database file, but the WAL still holds the pages as they were
   * written, text and all, until a checkpoint copies them home and the WAL is emptied.
   */
  const forgetDeleted = () => {
    // While another connection reads this can stop short; the next checkpoint or the last close ends it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  };

  /**
   * secure_delete has already zeroed what was deleted; VACUUM rebuilds the file from the live
   * rows only, leaving no trace of freed pages at all and giving their space back. It rewrites
   * the whole database, so it runs only once a quarter of the pages are free: each run then
   * frees at least a quarter of what it writes, and its cost stays in step with what was erased.
   */
  const vacuumIfWorthIt = () => {
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free === 0 || free * 4 < (db.pragma('page_count', { simple: true }) as number)) return;
    db.exec('VACUUM');
    // VACUUM writes the rebuilt pages through the WAL.
    forgetDeleted();
  };

  return {
    async createSession({ session, facilitator, tokenHash, initialState, sessionState }) {
      createSessionTx(session, facilitator, tokenHash, initialState, sessionState);
    },
    async joinCodeInUse(code) {
      return q.codeInUse.get(code) !== undefined;
    },
    async findSessionByJoinCode(code) {
      const row = q.sessionByCode.get(code) as SessionRow | undefined;
      return row ? toSession(row) : null;
    },
    async getSession(sessionId) {
      const row = q.sessionById.get(sessionId) as SessionRow | undefined;
      return row ? toSession(row) : null;
    },
    async addParticipant(p, tokenHash) {
      q.insertParticipant.run(p.id, p.sessionId, p.name, p.role, p.color, tokenHash, p.createdAt);
    },
    async countParticipants(sessionId) {
      return (q.countParticipants.get(sessionId) as { n: number }).n;
    },
    async findParticipantByTokenHash(tokenHash) {
      const row = q.participantByToken.get(tokenHash) as ParticipantRow | undefined;
      return row ? toParticipant(row) : null;
    },
    async listParticipants(sessionId) {
      return (q.participantsOf.all(sessionId) as ParticipantRow[]).map(toParticipant);
    },
    async loadSessionState(sessionId) {
      return (q.sessionState.get(sessionId) as { version: number; state: string } | undefined) ?? null;
    },
    async replaceSessionState(sessionId, expectedVersion, state) {
      return q.replaceSessionState.run(state, Date.now(), sessionId, expectedVersion).changes === 1;
    },
    async loadDoc(sessionId): Promise<StoredDoc> {
      const stateRow = q.stateOf.get(sessionId) as { state: Buffer } | undefined;
      const rows = q.updatesOf.all(sessionId) as { seq: number; data: Buffer }[];
      const bindings = q.bindingsOf.all(sessionId) as { client_id: number; participant_id: string }[];
      return {
        state: stateRow ? new Uint8Array(stateRow.state) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : 0,
        clientOwners: new Map(bindings.map((b) => [b.client_id, b.participant_id])),
      };
    },
    async appendUpdate(sessionId, update) {
      return Number(q.appendUpdate.run(sessionId, update).lastInsertRowid);
    },
    async compact(sessionId, state, throughSeq) {
      compactTx(sessionId, state, throughSeq);
      forgetDeleted();
    },
    async bindClientIds(sessionId, participantId, clientIds) {
      for (const id of clientIds) {
        // Yjs client ids are unsigned 32-bit; anything else is a caller's bug, not an id to keep.
        if (!Number.isInteger(id) || id < 0 || id > 0xffff_ffff) throw new RangeError(`not a Yjs client id: ${id}`);
      }
      bindTx(sessionId, participantId, clientIds);
    },
    async loadPrivateDoc(sessionId, ownerId): Promise<StoredDoc> {
      const stateRow = q.privateStateOf.get(sessionId, ownerId) as { state: Buffer } | undefined;
      const rows = q.privateUpdatesOf.all(sessionId, ownerId) as { seq: number; data: Buffer }[];
      return {
        state: stateRow ? new Uint8Array(stateRow.state) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : 0,
        clientOwners: new Map(),
      };
    },
    async appendPrivateUpdate(sessionId, ownerId, update) {
      return Number(q.appendPrivate.run(sessionId, ownerId, update).lastInsertRowid);
    },
    async compactPrivate(sessionId, ownerId, state, throughSeq) {
      compactPrivateTx(sessionId, ownerId, state, throughSeq);
      forgetDeleted();
    },
    async recordNoteAuthors(sessionId, authors) {
      authorsTx(sessionId, authors);
    },
    async loadNoteAuthors(sessionId) {
      const rows = q.authorsOf.all(sessionId) as { note_id: string; participant_id: string }[];
      return new Map(rows.map((r) => [r.note_id, r.participant_id]));
    },
    async saveSnapshot(s: SnapshotRecord) {
      q.insertSnapshot.run(s.id, s.sessionId, s.takenAt, s.reason, s.phaseId, s.final ? 1 : 0, s.board, s.state, s.record);
    },
    async listSnapshots(sessionId) {
      return (q.snapshotsOf.all(sessionId) as SnapshotSummaryRow[]).map(toSnapshotSummary);
    },
    async getSnapshot(snapshotId) {
      const row = q.snapshotById.get(snapshotId) as SnapshotRow | undefined;
      return row ? toSnapshot(row) : null;
    },
    async rewriteSnapshot(snapshotId, { board, state, record }) {
      q.rewriteSnapshot.run(board, state, record, snapshotId);
      forgetDeleted();
    },
    async closeSession(sessionId, at) {
      q.closeSession.run(at, sessionId);
    },
    async touchSession(sessionId, at) {
      q.touchSession.run(at, sessionId, at);
    },
    async setRetention(sessionId, days) {
      if (!Number.isInteger(days) || days < 1) throw new RangeError(`not a number of days to keep a session: ${days}`);
      q.setRetention.run(days, sessionId);
    },
    async getRetention(sessionId) {
      return (q.retentionOf.get(sessionId) as RetentionRecord | undefined) ?? null;
    },
    async listExpiredSessions(now, limit) {
      return q.expired.all(now, limit) as string[];
    },
    async eraseSession(sessionId) {
      // One statement, so one transaction: the cascade takes every row of the session or none.
      const erased = q.deleteSession.run(sessionId).changes > 0;
      // Checkpointed before VACUUM is tried, so the WAL is rid of the session even if VACUUM fails.
      forgetDeleted();
      if (erased) vacuumIfWorthIt();
      return erased;
    },
    async createTeamLink(link) {
      q.insertTeamLink.run(link.id, link.sessionId, link.tokenHash, link.label, link.createdAt);
    },
    async listTeamLinks(sessionId) {
      return (q.teamLinksOf.all(sessionId) as TeamLinkRow[]).map(toTeamLink);
    },
    async countTeamLinks(sessionId) {
      return q.countTeamLinks.get(sessionId) as number;
    },
    async findTeamLinkByTokenHash(tokenHash) {
      const row = q.teamLinkByToken.get(tokenHash) as TeamLinkRow | undefined;
      return row ? toTeamLink(row) : null;
    },
    async revokeTeamLink(sessionId, linkId, at) {
      return q.revokeTeamLink.run(at, linkId, sessionId).changes === 1;
    },
    async listFollowUps(sessionId) {
      return q.followUpsOf.all(sessionId) as FollowUpRecord[];
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}
