// `npm start`: build the client and the server if either is missing or stale, then run the built
// server in this process, so that signals reach it directly.
import { pathToFileURL } from 'node:url';
import { ensureClientBuild } from './client-build.mjs';
import { SERVER_MAIN, ensureServerBuild } from './server-build.mjs';

ensureClientBuild();
await ensureServerBuild();
await import(pathToFileURL(SERVER_MAIN).href);
