// Builds the client only when its build is missing or older than its sources, so that
// `npm start` and the browser tests start quickly on a second run.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = join(root, 'client', 'dist', 'index.html');
const sources = [
  join(root, 'client', 'src'),
  join(root, 'client', 'index.html'),
  join(root, 'client', 'vite.config.ts'),
  join(root, 'client', 'public'),
  join(root, 'client', 'package.json'),
  join(root, 'shared', 'src'),
];

export function clientBuildIsStale() {
  return isStale(distIndex, sources);
}

export function ensureClientBuild({ log = console.log } = {}) {
  if (!clientBuildIsStale()) return;
  log('Building the client…');
  // Always the production build: run from the test runner, NODE_ENV is "test", which would give
  // the development build of React, three times the size, to every page.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error('The client build failed.');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureClientBuild();
