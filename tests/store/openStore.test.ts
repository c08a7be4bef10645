import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/src/config.js';
import { openStore } from '../../server/src/store/openStore.js';
import { POSTGRES_URL, createSchema, dropSchema, freshSchema } from '../support/postgres.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const configWith = (env: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'balcony-open-'));
  dirs.push(dir);
  return configFromEnv({ DATA_DIR: dir, ...env }, process.cwd());
};

describe('openStore', () => {
  it('keeps data in SQLite under DATA_DIR by default, and when DATABASE_URL is empty', async () => {
    for (const env of [{}, { DATABASE_URL: '' }] as Record<string, string>[]) {
      const config = configWith(env);
      expect(config.databaseUrl).toBeUndefined();
      const store = await openStore(config);
      expect(await store.getSession('none')).toBeNull();
      await store.close();
      expect(existsSync(join(config.dataDir, 'balcony.sqlite'))).toBe(true);
    }
  });

  it('says a PostgreSQL database it cannot reach is the trouble, without repeating its password', async () => {
    const config = configWith({ DATABASE_URL: 'postgres://balcony:hunter2@127.0.0.1:1/balcony' });
    expect(config.databaseUrl).toBe('postgres://balcony:hunter2@127.0.0.1:1/balcony');
    const opening = openStore(config);
    await expect(opening).rejects.toThrow(/Could not open the PostgreSQL database in DATABASE_URL/);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it.skipIf(!POSTGRES_URL)('keeps data in PostgreSQL when DATABASE_URL names a database, and nothing under DATA_DIR', async () => {
    const schema = freshSchema();
    const url = new URL(POSTGRES_URL!);
    // The schema rides in the URL as libpq options, as a deployment could put it.
    url.searchParams.set('options', `-c search_path=${schema}`);
    const config = configWith({ DATABASE_URL: url.toString() });
    await createSchema(POSTGRES_URL!, schema);
    try {
      const store = await openStore(config);
      expect(await store.getSession('none')).toBeNull();
      await store.close();
      expect(existsSync(join(config.dataDir, 'balcony.sqlite'))).toBe(false);
    } finally {
      await dropSchema(POSTGRES_URL!, schema);
    }
  });

  it('refuses any other URL it cannot serve', async () => {
    await expect(openStore(configWith({ DATABASE_URL: 'mysql://u:p@h/db' }))).rejects.toThrow(/"mysql:".*not supported yet/);
    await expect(openStore(configWith({ DATABASE_URL: 'not a url' }))).rejects.toThrow(/not a URL/);
  });
});
