/**
 * Tries docs/deploy/nginx.conf for real: Debian's nginx in front of two Balcony nodes that share
 * a PostgreSQL database and a Redis. Through the proxy it creates a session, opens two people's
 * boards and control sockets, writes from both, then stops the node serving the session (SIGTERM)
 * and checks that everyone comes back through the proxy to the other node with every note.
 *
 *   npx tsx scripts/try-behind-nginx.ts [--database-url postgres://…] [--redis-url redis://…]
 *
 * Needs nginx on the PATH (apt-get install nginx); it runs its own nginx on :8080, not the
 * system's, and stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PROTOCOL_VERSION, addNote, boardSubprotocols, getNotes, type CreateSessionResponse, type JoinResponse } from '@balcony/shared';
import { createSchema, dropSchema } from '../tests/support/postgres.js';
import { spawnServer, type SpawnedServer } from '../tests/support/spawnServer.js';
import { OPEN_WEB_PHASE, gotoPhase } from '../bench/common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: argv } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
const PROXY = 'http://127.0.0.1:8080';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(PROXY + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function startNode(port: number, env: Record<string, string>): Promise<SpawnedServer> {
  return spawnServer({ port, dataDir: join(work, 'data'), env: { HOST: '127.0.0.1', TRUST_PROXY: 'loopback', ...env } });
}

const work = mkdtempSync(join(tmpdir(), 'balcony-nginx-'));
const schema = `nginx_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const nodes = new Map<number, SpawnedServer>();
let nginx: ChildProcess | null = null;
const providers: WebsocketProvider[] = [];
try {
  await createSchema(argv['database-url']!, schema);
  const url = new URL(argv['database-url']!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = { DATABASE_URL: url.toString(), REDIS_URL: argv['redis-url']!, REDIS_PREFIX: schema };
  for (const port of [3001, 3002]) nodes.set(port, await startNode(port, env));

  mkdirSync(join(work, 'logs'));
  writeFileSync(
    join(work, 'nginx.conf'),
    `pid ${work}/nginx.pid;\nerror_log ${work}/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${work};\n  proxy_temp_path ${work};\n  include ${join(root, 'docs', 'deploy', 'nginx.conf')};\n}\n`,
  );
  nginx = spawn('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`${PROXY}/api/ready`).then((r) => r.ok, () => false)) break;
    await sleep(100);
  }
  console.log('through nginx: /api/ready', (await fetch(`${PROXY}/api/ready`)).status);

  const session = await post<CreateSessionResponse>('/api/sessions', { title: 'Behind nginx', template: 'cultural-web', facilitatorName: 'Fay' });
  await gotoPhase(PROXY, session.facilitatorToken, OPEN_WEB_PHASE);
  const pat = await post<JoinResponse>('/api/join', { joinCode: session.joinCode, name: 'Pat' });
  const people = [
    { token: session.facilitatorToken, id: session.participantId },
    { token: pat.participantToken, id: pat.participantId },
  ].map(({ token, id }) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:8080/yjs`, session.sessionId, doc, {
      protocols: boardSubprotocols(token),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const closes: number[] = [];
    provider.on('connection-close', (e) => e && closes.push(e.code));
    providers.push(provider);
    const control = io(PROXY, { auth: { token, protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'] });
    let online = 0;
    control.on('presence', (p: { participants: { online: boolean }[] }) => (online = p.participants.filter((x) => x.online).length));
    return { id, doc, provider, closes, control, online: () => online };
  });
  await until('both boards synced', () => people.every((p) => p.provider.synced));
  await until('both people online', () => people.every((p) => p.online() === 2));
  console.log('through nginx: both boards synced, presence shows 2 online');

  const write = (who: (typeof people)[number], text: string) => {
    const id = randomUUID();
    addNote(who.doc, { id, text, zone: 'stories', x: 0.5, y: 0.5, color: '#ffe98f', authorId: who.id, createdAt: Date.now() });
    return id;
  };
  const written = [write(people[0]!, 'from Fay'), write(people[1]!, 'from Pat')];
  await until('notes everywhere', () => people.every((p) => written.every((id) => getNotes(p.doc).has(id))));
  console.log('through nginx: notes from both reach both');

  // The proxy hashes the board by session, so both boards sit on one node: stop each node in turn
  // (starting it again) until the boards see a 4503.
  let stopped: number | null = null;
  for (const [port, node] of nodes) {
    await node.stop();
    nodes.delete(port);
    await sleep(300);
    if (people.some((p) => p.closes.includes(4503))) {
      stopped = port;
      break;
    }
    nodes.set(port, await startNode(port, env));
  }
  console.log(`stopped the node on ${stopped}: boards closed with`, [...new Set(people.flatMap((p) => p.closes))]);
  written.push(write(people[0]!, 'written while moving over'));
  await until('back on the other node', () => people.every((p) => p.provider.wsconnected && p.provider.synced), 20_000);
  written.push(write(people[1]!, 'after moving over'));
  await until('every note everywhere after the move', () => people.every((p) => written.every((id) => getNotes(p.doc).has(id))), 20_000);
  await until('presence after the move', () => people.every((p) => p.online() === 2), 20_000);
  console.log(`after the move: ${written.length} notes on both boards, presence shows 2 online; the proxy works`);
  for (const p of people) p.control.disconnect();
} finally {
  for (const p of providers) p.destroy();
  nginx?.kill('SIGQUIT');
  await Promise.all([...nodes.values()].map((n) => n.stop()));
  await dropSchema(argv['database-url']!, schema).catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
