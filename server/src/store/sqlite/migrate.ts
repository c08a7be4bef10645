import type Database from 'better-sqlite3';
import { pendingMigrations, type Migration } from '../migrations.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

const VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
);
`;

/**
 * Brings the database up to the newest schema this code knows, one transaction per step, and
 * refuses a database that is newer still.
 */
export function migrate(db: Database.Database, where: string, migrations: readonly Migration[] = SQLITE_MIGRATIONS): void {
  db.exec(VERSION_TABLE);
  const version = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const apply = db.transaction((m: Migration) => {
    // Asked again under the write lock: another process opening the same file may have been first.
    if ((version.get() as number) >= m.version) return;
    db.exec(m.sql);
    record.run(m.version, m.name, Date.now());
  });
  for (const m of pendingMigrations(migrations, version.get() as number, where)) apply.immediate(m);
}
