import type { Migration } from '../migrations.js';

/**
 * The SQLite schema, step by step. Append only: a step that has shipped is never edited, since
 * databases out there already hold it. Plain SQL where the dialects agree, so that a server
 * database can carry the same steps with only its types changed.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    // IF NOT EXISTS throughout: a database made before versioning has these tables and is adopted.
    sql: `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  join_code TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  closed_at INTEGER
);
-- A code is unique among live sessions only, so that codes can come round again.
CREATE UNIQUE INDEX IF NOT EXISTS sessions_live_join_code ON sessions (join_code) WHERE closed_at IS NULL;

CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  color TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_session ON participants (session_id);

CREATE TABLE IF NOT EXISTS doc_states (
  session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_session ON doc_updates (session_id, seq);
`,
  },
  {
    version: 2,
    name: 'join-lock-and-client-bindings',
    // client_id is BIGINT: Yjs client ids are unsigned 32-bit, too wide for a signed INTEGER elsewhere.
    sql: `
ALTER TABLE sessions ADD COLUMN join_locked INTEGER NOT NULL DEFAULT 0;

CREATE TABLE client_bindings (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  client_id BIGINT NOT NULL,
  -- A participant's id, or '@server' for the ids the server writes repairs under: no reference.
  participant_id TEXT NOT NULL,
  PRIMARY KEY (session_id, client_id)
);
`,
  },
  {
    version: 3,
    name: 'session-states',
    // The join lock moves into the versioned state; sessions.join_locked is no longer read.
    sql: `
CREATE TABLE session_states (
  session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO session_states (session_id, version, state, updated_at)
  SELECT id, 1, CASE join_locked WHEN 0 THEN '{"joinLocked":false}' ELSE '{"joinLocked":true}' END, created_at FROM sessions;
`,
  },
  {
    version: 4,
    name: 'session-template-copies',
    // A session keeps its own copy of its template; rows made before this read the built-in.
    sql: `
ALTER TABLE sessions ADD COLUMN template_json TEXT;
`,
  },
  {
    version: 5,
    name: 'private-boards-and-anonymous-authors',
    // Each person's private board, kept like the shared one; and, for anonymous sessions, who
    // wrote each revealed note, which the board itself must not say.
    sql: `
CREATE TABLE private_doc_states (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL,
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, owner_id)
);
CREATE TABLE private_doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX private_doc_updates_board ON private_doc_updates (session_id, owner_id, seq);
CREATE TABLE note_authors (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  note_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  PRIMARY KEY (session_id, note_id)
);
`,
  },
  {
    version: 6,
    name: 'snapshots-and-retention',
    // Snapshots of a session's outcome, which go with it; and how long a session is kept: days
    // after its last activity. 90 is the default retention at the time of this step; sessions
    // already here count from their creation, having had no activity recorded.
    sql: `
CREATE TABLE snapshots (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  taken_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  phase_id TEXT NOT NULL,
  final INTEGER NOT NULL,
  board BLOB NOT NULL,
  state TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX snapshots_session ON snapshots (session_id, taken_at);
ALTER TABLE sessions ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE sessions ADD COLUMN last_activity_at BIGINT;
UPDATE sessions SET last_activity_at = created_at;
`,
  },
  {
    version: 7,
    name: 'team-links-and-follow-ups',
    // Read-only links for a team to come back to a session's outcome, kept by their token's hash
    // like participants; and the session a follow-up follows. No reference for that one: a
    // follow-up outlives the erasure of the session before it.
    sql: `
CREATE TABLE team_links (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX team_links_session ON team_links (session_id);
ALTER TABLE sessions ADD COLUMN previous_session_id TEXT;
CREATE INDEX sessions_previous ON sessions (previous_session_id) WHERE previous_session_id IS NOT NULL;
`,
  },
];
