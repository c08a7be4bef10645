import type { Config } from '../config.js';
import { openPostgresStore } from './postgresStore.js';
import { openSqliteStore } from './sqliteStore.js';
import type { Store } from './types.js';

const USE_SQLITE = 'Unset DATABASE_URL to keep data in SQLite under DATA_DIR.';

/**
 * The store the configuration asks for: the SQLite file under DATA_DIR unless DATABASE_URL
 * names a PostgreSQL database. Asynchronous because a server database has to be connected to.
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  if (config.databaseUrl === undefined) return openSqliteStore(config.dataDir);
  // Only the scheme goes into the message: the rest of the URL may hold a password.
  const scheme = schemeOf(config.databaseUrl);
  if (scheme === 'postgres' || scheme === 'postgresql') return openPostgresStore(config.databaseUrl);
  const what = scheme ? `has the scheme "${scheme}:"` : 'is not a URL';
  throw new Error(`DATABASE_URL ${what}, which is not supported yet. ${USE_SQLITE}`);
}

function schemeOf(url: string): string | null {
  try {
    return new URL(url).protocol.replace(/:$/, '').toLowerCase();
  } catch {
    return null;
  }
}
