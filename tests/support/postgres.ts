import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests may use, from TEST_DATABASE_URL (.ci/run sets it when one is
 * reachable); undefined when there is none, and the suites that need one are skipped.
 */
export const POSTGRES_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** A schema name nothing else uses, so that each store under test has tables of its own. */
export const freshSchema = (): string => `test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const createSchema = (url: string, schema: string) => run(url, `CREATE SCHEMA ${schema}`);
export const createSchemaIfMissing = (url: string, schema: string) => run(url, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
export const dropSchema = (url: string, schema: string) => run(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);

/** Drops every schema whose name starts with `prefix` (a plain lower-case word). */
export async function dropSchemasStartingWith(url: string, prefix: string): Promise<void> {
  if (!/^[a-z_]+$/.test(prefix)) throw new Error(`not a plain prefix: ${prefix}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix]);
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}
