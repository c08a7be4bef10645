// Builds the server into one plain JavaScript file, server/dist/main.js, so that production runs
// `node` on it with no TypeScript loader. @balcony/shared is bundled in (it is TypeScript source);
// every package from node_modules stays an import, resolved at run time like any Node program's.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_MAIN = join(root, 'server', 'dist', 'main.js');
const sources = [
  join(root, 'server', 'src'),
  join(root, 'server', 'package.json'),
  join(root, 'shared', 'src'),
  join(root, 'shared', 'package.json'),
  fileURLToPath(import.meta.url),
];

/** Bare imports are node_modules packages or Node built-ins: leave them out, except our own. */
const keepPackagesExternal = {
  name: 'keep-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@balcony/') ? undefined : { path: args.path, external: true }));
  },
};

export async function buildServer() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('Building the server needs the development dependencies: run `npm install` (or `npm ci`) first.');
  }
  await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'main.ts')],
    outfile: SERVER_MAIN,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [keepPackagesExternal],
  });
}

export function serverBuildIsStale() {
  return isStale(SERVER_MAIN, sources);
}

export async function ensureServerBuild({ log = console.log } = {}) {
  if (!serverBuildIsStale()) return;
  log('Building the server…');
  await buildServer();
}

// `npm run build -w server` always builds.
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
