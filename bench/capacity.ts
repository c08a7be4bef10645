/**
 * How many people one node (or two) can hold: sessions of 12 participants are added, a step at a
 * time, until the 99th percentile of note latency passes 100 ms. In each session one person types
 * a note every 2 s and everyone's cursor moves at 10 Hz (bench/capacityWorker.ts); a note's
 * latency runs from the typist's write to its arrival in an observer's replica, in the same
 * process, through the server.
 *
 *   npx tsx bench/capacity.ts [--mode sqlite|postgres|redis] [--step 25] [--max-sessions 400]
 *                             [--step-seconds 12] [--workers 2] [--database-url postgres://…]
 *                             [--redis-url redis://…] [--spread people|sessions] [--cpu-prof DIR]
 *
 * --mode sqlite: one node on SQLite; postgres: one node on PostgreSQL; redis: two nodes on
 * PostgreSQL and Redis, each session's people spread over both (--spread people, the most work
 * between the nodes) or each session on one node, in turn (--spread sessions, as a load balancer
 * that routes by session gives). Each step's first 4 s are not
 * measured (the new sockets' first sync). Per step it prints the sessions and people connected,
 * note latency p50/p99, the server processes' CPU and memory, and the load processes' CPU: on
 * this machine the load and the server share the cores, and that is usually what gives out.
 * --cpu-prof writes each node's CPU profile into DIR when it stops.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { CreateSessionResponse, JoinResponse } from '@balcony/shared';
import { createSchema, dropSchema } from '../tests/support/postgres.js';
import { spawnServer, type SpawnedServer } from '../tests/support/spawnServer.js';
import type { SessionSpec, WorkerReport } from './capacityWorker.js';
import { OPEN_WEB_PHASE, gotoPhase, postJson, sleep } from './common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: argv } = parseArgs({
  options: {
    mode: { type: 'string', default: 'sqlite' },
    step: { type: 'string', default: '25' },
    'max-sessions': { type: 'string', default: '400' },
    'step-seconds': { type: 'string', default: '12' },
    workers: { type: 'string', default: '2' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    'cpu-prof': { type: 'string' },
    spread: { type: 'string', default: 'people' },
  },
});
const mode = argv.mode as 'sqlite' | 'postgres' | 'redis';
if (!['people', 'sessions'].includes(argv.spread!)) throw new Error(`--spread must be people or sessions, not ${argv.spread}`);
if (!['sqlite', 'postgres', 'redis'].includes(mode)) throw new Error(`--mode must be sqlite, postgres or redis, not ${mode}`);
const STEP = Number(argv.step);
const MAX_SESSIONS = Number(argv['max-sessions']);
const STEP_MS = Number(argv['step-seconds']) * 1000;
const WARM_MS = 4_000;
const PEOPLE = 12;
const AIM_MS = 100;

/** A node as the real server runs, in a process of its own, everyone coming from one address. */
function startNode(env: Record<string, string>): Promise<SpawnedServer> {
  return spawnServer({
    dataDir,
    nodeArgs: argv['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${argv['cpu-prof']}`] : [],
    env: {
      HOST: '127.0.0.1',
      API_REQUESTS_PER_WINDOW: '1000000',
      MAX_SOCKETS_PER_ADDRESS: '1000000',
      MAX_SOCKETS_PER_SESSION: '1000',
      UNREAD_BYTES_PER_PROCESS: String(2 * 1024 * 1024 * 1024),
      ...env,
    },
  });
}

/** CPU seconds a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function newSession(nodes: SpawnedServer[], index: number): Promise<{ spec: SessionSpec; participants: Record<string, string> }> {
  const created = await postJson<CreateSessionResponse>(nodes[0]!.url, '/api/sessions', {
    title: `Capacity ${index}`,
    template: 'cultural-web',
    facilitatorName: 'Typist',
  });
  await gotoPhase(nodes[0]!.url, created.facilitatorToken, OPEN_WEB_PHASE);
  const tokens = [created.facilitatorToken];
  const participants: Record<string, string> = { [created.facilitatorToken]: created.participantId };
  for (let i = 1; i < PEOPLE; i++) {
    const node = nodes[i % nodes.length]!;
    const joined = await postJson<JoinResponse>(node.url, '/api/join', { joinCode: created.joinCode, name: `Person ${i}` });
    tokens.push(joined.participantToken);
    participants[joined.participantToken] = joined.participantId;
  }
  const nodeOf = (person: number) => nodes[(argv.spread === 'sessions' ? index : person) % nodes.length]!;
  return { spec: { sessionId: created.sessionId, tokens, wsUrls: tokens.map((_, i) => nodeOf(i).wsUrl) }, participants };
}

function ask(worker: ChildProcess, message: unknown, reply: string): Promise<any> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      worker.off('message', on);
      resolve(m);
    };
    worker.on('message', on);
    worker.send(message as object);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'balcony-capacity-'));
const schema = `capacity_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const nodes: SpawnedServer[] = [];
const workers: ChildProcess[] = [];
try {
  const env: Record<string, string> = {};
  if (mode !== 'sqlite') {
    await createSchema(argv['database-url']!, schema);
    const url = new URL(argv['database-url']!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  if (mode === 'redis') Object.assign(env, { REDIS_URL: argv['redis-url']!, REDIS_PREFIX: schema });
  for (let i = 0; i < (mode === 'redis' ? 2 : 1); i++) nodes.push(await startNode(env));
  for (let i = 0; i < Number(argv.workers); i++) {
    workers.push(fork(join(root, 'bench', 'capacityWorker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }));
  }

  console.log(`mode ${mode}${mode === 'redis' ? ` (spread by ${argv.spread})` : ''}: ${nodes.length} node(s), ${workers.length} load processes, ${cpus().length} cores; +${STEP} sessions of ${PEOPLE} a step`);
  console.log('sessions  people  notes  p50 ms  p99 ms  unseen  server CPU%  server MiB  load CPU%  closes');
  let sessions = 0;
  let best: { sessions: number; p99: number } | null = null;
  const workerCpu = workers.map(() => 0);
  while (sessions < MAX_SESSIONS) {
    const batch: Awaited<ReturnType<typeof newSession>>[] = [];
    for (let i = 0; i < STEP; i++) batch.push(await newSession(nodes, sessions + i));
    sessions += STEP;
    await Promise.all(
      workers.map((w, wi) => {
        const mine = batch.filter((_, i) => i % workers.length === wi);
        return ask(w, { type: 'add', sessions: mine.map((b) => b.spec), participants: Object.assign({}, ...mine.map((b) => b.participants)) }, 'added');
      }),
    );
    await sleep(WARM_MS);
    await Promise.all(workers.map((w) => ask(w, { type: 'collect' }, 'collected')));
    const cpu0 = nodes.map((n) => cpuSeconds(n.child.pid!));
    const t0 = Date.now();
    await sleep(STEP_MS - WARM_MS);
    const reports: WorkerReport[] = await Promise.all(workers.map((w) => ask(w, { type: 'collect' }, 'collected')));
    const wall = (Date.now() - t0) / 1000;
    const serverCpu = nodes.map((n, i) => ((cpuSeconds(n.child.pid!) - cpu0[i]!) / wall) * 100);
    const loadCpu = reports.map((r, i) => {
      const pct = ((r.cpuMs - workerCpu[i]!) / 1000 / wall) * 100;
      workerCpu[i] = r.cpuMs;
      return pct;
    });
    const latencies = reports.flatMap((r) => r.latencies);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const unseen = reports.reduce((n, r) => n + r.unseen, 0);
    const closes = reports.reduce((n, r) => n + r.closes, 0);
    console.log(
      [
        String(sessions).padStart(8),
        String(sessions * PEOPLE).padStart(7),
        String(latencies.length).padStart(6),
        p50.toFixed(1).padStart(7),
        p99.toFixed(1).padStart(7),
        String(unseen).padStart(7),
        serverCpu.map((c) => c.toFixed(0)).join('+').padStart(12),
        nodes.map((n) => rssMiB(n.child.pid!).toFixed(0)).join('+').padStart(11),
        loadCpu.map((c) => c.toFixed(0)).join('+').padStart(10),
        String(closes).padStart(7),
      ].join(' '),
    );
    if (!(p99 <= AIM_MS) || closes > 0) break;
    best = { sessions, p99 };
  }
  console.log(
    best
      ? `held: ${best.sessions} sessions, ${best.sessions * PEOPLE} people at p99 ${best.p99.toFixed(1)} ms (the next step passed ${AIM_MS} ms or lost sockets)`
      : `the first step already passed ${AIM_MS} ms`,
  );
} finally {
  for (const w of workers) w.connected && w.send({ type: 'close' });
  await sleep(500);
  // SIGTERM, and each node writes its profile (with --cpu-prof) before it exits.
  await Promise.all(nodes.map((n) => n.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  if (mode !== 'sqlite') await dropSchema(argv['database-url']!, schema).catch(() => {});
}
