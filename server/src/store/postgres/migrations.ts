import type { Migration } from '../migrations.js';

/**
 * The PostgreSQL schema, step by step, under the same numbers and names as SQLite's
 * (sqlite/migrations.ts), so that a version means the same tables whatever holds them. Append
 * only: a step that has shipped is never edited.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  join_code TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
-- A code is unique among live sessions only, so that codes can come round again.
CREATE UNIQUE INDEX sessions_live_join_code ON sessions (join_code) WHERE closed_at IS NULL;

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  -- Join order where two joins share a millisecond (SQLite's rowid does this there).
  joined BIGSERIAL NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  color TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX participants_session ON participants (session_id);

CREATE TABLE doc_states (
  session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  state BYTEA NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_session ON doc_updates (session_id, seq);
`,
  },
  {
    version: 2,
    name: 'join-lock-and-client-bindings',
    sql: `
ALTER TABLE sessions ADD COLUMN join_locked BOOLEAN NOT NULL DEFAULT false;

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
  version BIGINT NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO session_states (session_id, version, state, updated_at)
  SELECT id, 1, CASE WHEN join_locked THEN '{"joinLocked":true}' ELSE '{"joinLocked":false}' END, created_at FROM sessions;
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
  state BYTEA NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, owner_id)
);
CREATE TABLE private_doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL,
  data BYTEA NOT NULL
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
  -- Storing order where two snapshots share a millisecond (SQLite's rowid does this there).
  stored BIGSERIAL NOT NULL,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  taken_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  phase_id TEXT NOT NULL,
  final BOOLEAN NOT NULL,
  board BYTEA NOT NULL,
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
  -- Making order where two links share a millisecond (SQLite's rowid does this there).
  made BIGSERIAL NOT NULL,
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
