// `npm start`: build the client if needed, then run the server in this process group.
import { spawn } from 'node:child_process';
import { ensureClientBuild } from './client-build.mjs';

ensureClientBuild();
const server = spawn('npx', ['tsx', 'server/src/main.ts'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
