import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots go to the repository's git-ignored `test-artifacts/`, where CI can pick them up. */
export const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-artifacts');

export function artifactPath(fileName: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, fileName);
}

/** Screenshots of an earlier run's failures would otherwise be mistaken for this run's. */
export function clearFailureShots(): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const name of readdirSync(ARTIFACTS_DIR)) if (name.startsWith('failed-')) rmSync(join(ARTIFACTS_DIR, name));
}
