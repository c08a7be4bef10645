/**
 * One large update against a full board: how long the server is stalled for everyone else.
 * A writer fills a cultural-web board to its note limit, then sends updates of about 1 MiB that
 * each add a few thousand notes, one after another on fresh sockets. Meanwhile the harness
 * times GET /api/health every 10 ms; the longest answer during an attack is the stall every other
 * session felt. The server runs as a child process from --root (this checkout by default), so the
 * same script can measure an older checkout.
 *
 *   npx tsx bench/big-update.ts [--root DIR] [--attacks 3] [--notes 4800] [--token-in-url]
 *
 * See docs/BENCHMARKS.md for the figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { OPEN_WEB_PHASE, gotoPhase, postJson } from './common.js';

const { values: argv } = parseArgs({
  options: {
    root: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '..') },
    attacks: { type: 'string', default: '3' },
    notes: { type: 'string', default: '4800' },
    'token-in-url': { type: 'boolean', default: false },
  },
});
const root = resolve(argv.root!);
const attacks = Number(argv.attacks);
const notesPerAttack = Number(argv.notes);
const LIMIT = 2_000;

function noteMap(authorId: string, createdAt: number): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('text', new Y.Text(''));
  for (const [k, v] of Object.entries({ zone: 'stories', x: 0.5, y: 0.5, color: '#FFE98F', authorId, createdAt })) m.set(k, v);
  return m;
}

function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

async function startServer(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', COMPACT_EVERY: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no start:\n${out}`)), 30_000);
    const poll = setInterval(async () => {
      // LOG_LEVEL=error hides the "listening" line: find the port from the process's sockets.
      try {
        const { execSync } = await import('node:child_process');
        const line = execSync(`ss -ltnpH | grep "pid=${child.pid},"`).toString();
        const m = line.match(/127\.0\.0\.1:(\d+)/);
        if (m) {
          clearInterval(poll);
          clearTimeout(timer);
          res(Number(m[1]));
        }
      } catch {
        /* not listening yet */
      }
    }, 100);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => rej(new Error(`exited ${code}:\n${out}`)));
  });
  return { port, stop: () => process.kill(-child.pid!, 'SIGKILL') };
}

/** A raw board socket holding a replica; resolves once synced. */
async function openBoard(port: number, sessionId: string, token: string) {
  const inUrl = argv['token-in-url'];
  const url = `ws://127.0.0.1:${port}/yjs/${sessionId}${inUrl ? `?token=${token}` : ''}`;
  const ws = new WebSocket(url, inUrl ? [] : ['balcony.board.v1', `balcony.token.${token}`]);
  const doc = new Y.Doc();
  const closed = new Promise<{ code: number; at: number }>((res) => ws.on('close', (code) => res({ code, at: performance.now() })));
  ws.on('error', () => {});
  let synced!: () => void;
  const whenSynced = new Promise<void>((r) => (synced = r));
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    const kind = decoding.readVarUint(d);
    if (kind === 1 || kind === 2) {
      Y.applyUpdate(doc, decoding.readVarUint8Array(d), 'server');
      if (kind === 1) synced();
    }
  });
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('unexpected-response', (_q, r) => rej(new Error(`upgrade refused ${r.statusCode}`)));
  });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeSyncStep1(e, doc);
  ws.send(encoding.toUint8Array(e));
  await whenSynced;
  return { ws, doc, closed };
}

const dataDir = mkdtempSync(join(tmpdir(), 'balcony-big-update-'));
const server = await startServer(dataDir);
const base = `http://127.0.0.1:${server.port}`;
try {
  const s = await postJson<{ sessionId: string; joinCode: string; facilitatorToken: string }>(base, '/api/sessions', { title: 'Big update', template: 'cultural-web' });
  await gotoPhase(base, s.facilitatorToken, OPEN_WEB_PHASE);
  const w = await postJson<{ participantId: string; participantToken: string }>(base, '/api/join', { joinCode: s.joinCode, name: 'Writer' });

  const filler = await openBoard(server.port, s.sessionId, w.participantToken);
  let update: Uint8Array | null = null;
  filler.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && (update = u));
  filler.doc.transact(() => {
    for (let i = 0; i < LIMIT; i++) filler.doc.getMap('notes').set(`full-${i}`, noteMap(w.participantId, i));
  });
  filler.ws.send(updateMessage(update!));
  await new Promise((r) => setTimeout(r, 2_000));
  filler.ws.close();

  const results: { bytes: number; closeCode: number; refusedAfterMs: number; worstHealthMs: number }[] = [];
  for (let a = 0; a < attacks; a++) {
    const attacker = await openBoard(server.port, s.sessionId, w.participantToken);
    let big: Uint8Array | null = null;
    attacker.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && (big = u));
    attacker.doc.transact(() => {
      for (let i = 0; i < notesPerAttack; i++) attacker.doc.getMap('notes').set(`extra-${a}-${i}`, noteMap(w.participantId, i));
    });
    const message = updateMessage(big!);
    let worst = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t = performance.now();
        await fetch(`${base}/api/health`);
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const sentAt = performance.now();
    attacker.ws.send(message);
    const closed = await Promise.race([attacker.closed, new Promise<{ code: number; at: number }>((r) => setTimeout(() => r({ code: 0, at: performance.now() }), 30_000))]);
    await new Promise((r) => setTimeout(r, 200));
    probing = false;
    await probe;
    results.push({ bytes: message.byteLength, closeCode: closed.code, refusedAfterMs: Math.round(closed.at - sentAt), worstHealthMs: Math.round(worst) });
    attacker.ws.terminate();
  }
  console.log(JSON.stringify({ root, attacks: results }, null, 2));
} finally {
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
