import { POSTGRES_URL, dropSchemasStartingWith } from '../support/postgres.js';

/** On PostgreSQL, each test server's schema (helpers.ts databaseFor) goes once the suite is done. */
export async function teardown(): Promise<void> {
  if (process.env.TEST_STORE === 'postgres' && POSTGRES_URL) await dropSchemasStartingWith(POSTGRES_URL, 'it_');
}
