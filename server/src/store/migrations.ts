/**
 * A numbered step of the schema. Every store keeps its own SQL for each step, under the same
 * numbers and names, so that a database's version means the same thing whatever holds it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The database was written by a newer Balcony: running older code on it could lose data. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
    where: string,
  ) {
    super(
      `${where} is at schema version ${found}, but this Balcony knows versions up to ${known}. ` +
        'Run the Balcony that wrote it (or newer), or restore a backup made by this version.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The migrations still to apply to a database at `current`, oldest first. */
export function pendingMigrations(migrations: readonly Migration[], current: number, where: string): Migration[] {
  migrations.forEach((m, i) => {
    // A gap or a reordering would let two databases at "the same" version differ.
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length, where);
  return migrations.slice(current);
}

export const latestVersion = (migrations: readonly Migration[]): number => migrations.length;
