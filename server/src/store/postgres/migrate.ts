import type pg from 'pg';
import { pendingMigrations, type Migration } from '../migrations.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** Held while migrating, so that nodes starting together take turns rather than race. */
const MIGRATION_LOCK = 0x62616c63; // "balc"

const VERSION_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
);
`;

/**
 * Brings the database up to the newest schema this code knows, one transaction per step, and
 * refuses a database that is newer still. `schema` (a checked plain name) is made first if missing.
 */
export async function migrate(
  pool: pg.Pool,
  where: string,
  { schema, migrations = POSTGRES_MIGRATIONS }: { schema?: string; migrations?: readonly Migration[] } = {},
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(VERSION_TABLE);
      const { rows } = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations');
      for (const m of pendingMigrations(migrations, rows[0]!.v, where)) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
