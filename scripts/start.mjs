// `npm start`: build the client and the server if either is missing or stale, then run the built
// server in this process, so that signals reach it directly.
import { pathToFileURL } from 'node:url';
import { ensureClientBuild } from './client-build.mjs';
import { SERVER_MAIN, ensureServerBuild } from './server-build.mjs';

try {
  ensureClientBuild();
  await ensureServerBuild();
} catch (err) {
  // A build that cannot run says why in one line; its own output, if any, is already above.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
await import(pathToFileURL(SERVER_MAIN).href);
