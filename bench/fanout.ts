/**
 * Fan-out benchmark: one board session, N stock y-websocket clients on loopback, one of which
 * writes notes at a fixed rate. For every (note, receiving client) pair it measures the time from
 * the write until that client's replica has the note, and the server's resident memory per
 * connected client. Balcony and the stock @y/websocket-server run alternately through the same
 * clients; after every Balcony run the SQLite file is checked for every note written.
 *
 *   npx tsx bench/fanout.ts [--runs 5] [--clients 10,50,200] [--notes 300] [--warmup 30]
 *                           [--rate 100] [--workers auto|1|2] [--join-interval 0] [--settle 1000]
 *                           [--awareness] [--idle-wait 120] [--max-other 25] [--stop kill|term]
 *                           [--servers balcony,reference] [--cpu-prof DIR] [--server-log DIR]
 *                           [--database-url postgres://…] [--out FILE]
 *
 * --database-url runs Balcony on that PostgreSQL database (each run in a schema of its own, dropped
 * afterwards) instead of SQLite in a temporary folder.
 *
 * See docs/BENCHMARKS.md for the method and the latest figures.
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { getNotes, readNote } from '@balcony/shared';
import { configFromEnv } from '../server/src/config.js';
import { openStore } from '../server/src/store/openStore.js';
import { createSchema, dropSchema } from '../tests/support/postgres.js';
import type { Command, Report } from './clients.js';
import { OPEN_WEB_PHASE, gotoPhase, median, sleep } from './common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientScript = join(root, 'bench', 'clients.ts');

// ---------------------------------------------------------------------------------------------
// Options

const { values: argv } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    clients: { type: 'string', default: '10,50,200' },
    notes: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    rate: { type: 'string', default: '100' },
    workers: { type: 'string', default: 'auto' },
    'join-interval': { type: 'string', default: '0' },
    awareness: { type: 'boolean', default: false },
    'idle-wait': { type: 'string', default: '120' },
    'max-other': { type: 'string', default: '25' },
    settle: { type: 'string', default: '1000' },
    stop: { type: 'string', default: 'kill' },
    servers: { type: 'string', default: 'balcony,reference' },
    'database-url': { type: 'string' },
    'cpu-prof': { type: 'string' },
    'server-log': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (argv.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}
const positiveInt = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${v}"`);
  return n;
};
const opts = {
  runs: positiveInt('runs', argv.runs!),
  clients: argv.clients!.split(',').map((c) => positiveInt('clients', c.trim())),
  notes: positiveInt('notes', argv.notes!),
  warmup: Number(argv.warmup),
  rate: positiveInt('rate', argv.rate!),
  workers: argv.workers!,
  joinIntervalMs: Number(argv['join-interval']),
  awareness: argv.awareness!,
  idleWaitS: Number(argv['idle-wait']),
  maxOtherPct: Number(argv['max-other']),
  settleMs: Number(argv.settle),
  stop: argv.stop as 'kill' | 'term',
  servers: argv.servers!.split(',').map((s) => s.trim()) as ServerKind[],
  cpuProfDir: argv['cpu-prof'] ? resolve(argv['cpu-prof']) : null,
  serverLogDir: argv['server-log'] ? resolve(argv['server-log']) : null,
  out: argv.out ?? null,
};
const nonNegative = [['warmup', opts.warmup], ['join-interval', opts.joinIntervalMs], ['settle', opts.settleMs], ['idle-wait', opts.idleWaitS], ['max-other', opts.maxOtherPct]] as const;
for (const [name, v] of nonNegative) {
  if (!(Number.isInteger(v) && v >= 0)) throw new Error(`--${name} must be an integer >= 0`);
}
if (opts.stop !== 'kill' && opts.stop !== 'term') throw new Error('--stop is kill or term');
if (opts.clients.some((n) => n < 2)) throw new Error('--clients: each N needs a writer and at least one receiver');
for (const s of opts.servers) if (s !== 'balcony' && s !== 'reference') throw new Error(`unknown server "${s}"`);
// A CPU profile is written on a clean exit only.
if (opts.cpuProfDir) opts.stop = 'term';

type ServerKind = 'balcony' | 'reference';

/** Receiver processes for N clients: one while a single process keeps up, else two. */
function workersFor(n: number): number {
  if (opts.workers !== 'auto') return positiveInt('workers', opts.workers);
  return n - 1 > 100 ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// Processes: every child is tracked so that nothing outlives the benchmark.

const children = new Set<ChildProcess>();
function killAll(): void {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null || c.pid === undefined) continue;
    try {
      // Servers lead their own process group; clients are plain children.
      if (c.spawnargs.includes('--server')) process.kill(-c.pid, 'SIGKILL');
      else c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

const CLK_TCK = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

function readRssKiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

/** CPU time (user + system) the process has used, in ms. */
function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields proper start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** CPU time the whole machine has spent busy (all cores, anything but idle and iowait), in ms. */
function readMachineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return ((total - ticks[3]! - ticks[4]!) * 1000) / CLK_TCK;
}

/**
 * The machine is shared: before a run, waits (up to --idle-wait seconds) until everything else on
 * it uses under 15 % of one core, so that no run starts in the middle of someone else's build.
 */
async function waitForIdleMachine(): Promise<{ waitedMs: number; busyPct: number }> {
  const started = now();
  for (;;) {
    const b0 = readMachineBusyMs();
    await sleep(1000);
    const busyPct = (readMachineBusyMs() - b0) / 10;
    if (busyPct < 15 || now() - started > opts.idleWaitS * 1000) return { waitedMs: now() - started - 1000, busyPct };
  }
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Server {
  kind: ServerKind;
  pid: number;
  port: number;
  dataDir: string | null;
  /** The PostgreSQL database Balcony keeps its data in, when not SQLite under dataDir. */
  databaseUrl: string | null;
  dropSchema(): Promise<void>;
  output: () => string;
  stop(how: 'kill' | 'term'): Promise<void>;
}

async function spawnServer(kind: ServerKind, label: string): Promise<Server> {
  const dataDir = kind === 'balcony' ? mkdtempSync(join(tmpdir(), 'balcony-bench-')) : null;
  const script = kind === 'balcony' ? join(root, 'server', 'src', 'main.ts') : join(root, 'bench', 'reference-server.ts');
  // One directory per run: the main thread and the module loader's thread each write a profile.
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${join(opts.cpuProfDir, `${label}-${Date.now()}`)}`] : [];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.YPERSISTENCE;
  delete env.DATABASE_URL;
  let schema: string | null = null;
  if (dataDir && argv['database-url']) {
    schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await createSchema(argv['database-url'], schema);
    const url = new URL(argv['database-url']);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  // The 200-client case seats 201 people, one more than a session takes by default.
  if (dataDir) Object.assign(env, { DATA_DIR: dataDir, LOG_LEVEL: 'info', MAX_PARTICIPANTS: '1000' });
  // The trailing --server only marks the process as a server for killAll.
  const child = spawn(process.execPath, ['--import', 'tsx', ...prof, script, '--server'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  if (opts.serverLogDir) {
    mkdirSync(opts.serverLogDir, { recursive: true });
    const log = createWriteStream(join(opts.serverLogDir, `${label}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out = (out + c.toString()).slice(-20_000);
      for (const line of out.split('\n')) {
        if (kind === 'balcony' && !line.includes('"listening"')) continue;
        try {
          const parsed = JSON.parse(line) as { port?: number };
          if (typeof parsed.port === 'number') {
            clearTimeout(timer);
            return resolvePort(parsed.port);
          }
        } catch {
          /* a partial line */
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code}) before listening:\n${out}`)));
  });
  return {
    kind,
    pid: child.pid!,
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? null,
    dropSchema: () => (schema ? dropSchema(argv['database-url']!, schema) : Promise.resolve()),
    output: () => out,
    async stop(how) {
      if (child.exitCode === null && child.signalCode === null) {
        if (how === 'kill') process.kill(-child.pid!, 'SIGKILL');
        else child.kill('SIGTERM');
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/** One client process, with its reports queued in order of arrival. */
class ClientProcess {
  private readonly child: ChildProcess;
  private readonly queue: Report[] = [];
  private waiter: (() => void) | null = null;
  private exitError: Error | null = null;
  readonly exited: Promise<void>;

  constructor(readonly label: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', clientScript], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    children.add(this.child);
    this.child.on('message', (r: Report) => {
      this.queue.push(r);
      this.waiter?.();
    });
    this.exited = new Promise((r) =>
      this.child.once('exit', (code, signal) => {
        children.delete(this.child);
        this.exitError = new Error(`client process ${label} exited (${code ?? signal})`);
        this.waiter?.();
        r();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(cmd: Command): void {
    this.child.send(cmd);
  }

  /** The next report of the given type; earlier reports of other types are dropped. */
  async next<T extends Report['type']>(type: T, timeoutMs: number): Promise<Extract<Report, { type: T }> | null> {
    const deadline = now() + timeoutMs;
    for (;;) {
      const i = this.queue.findIndex((r) => r.type === type || r.type === 'failed');
      if (i >= 0) {
        const [r] = this.queue.splice(i, 1);
        if (r!.type === 'failed') throw new Error(`client process ${this.label}: ${r!.error}`);
        return r as Extract<Report, { type: T }>;
      }
      if (this.exitError) throw this.exitError;
      const left = deadline - now();
      if (left <= 0) return null;
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.waiter = () => {
          clearTimeout(timer);
          r();
        };
      });
      this.waiter = null;
    }
  }

  async close(): Promise<void> {
    if (this.child.connected) this.send({ type: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// One run

async function api<T>(base: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Session {
  room: string;
  writerToken: string;
  writerId: string;
  receiverTokens: string[];
  sessionId: string | null;
}

async function createSession(server: Server, receivers: number): Promise<Session> {
  if (server.kind === 'reference') {
    const room = randomUUID();
    return { room, writerToken: 'none', writerId: 'bench-writer', receiverTokens: Array(receivers).fill('none'), sessionId: null };
  }
  const base = `http://127.0.0.1:${server.port}`;
  const created = await api<{ sessionId: string; joinCode: string; facilitatorToken: string }>(base, '/api/sessions', {
    title: 'Fan-out benchmark',
    template: 'cultural-web',
  });
  await gotoPhase(base, created.facilitatorToken, OPEN_WEB_PHASE);
  const joined = await api<{ participantId: string; participantToken: string }>(base, '/api/join', {
    joinCode: created.joinCode,
    name: 'Writer',
  });
  // Every receiver is a person of their own, as in a real session (sockets are capped per person).
  const receiverTokens: string[] = [];
  for (let i = 0; i < receivers; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, receivers - i) }, (_, k) =>
        api<{ participantToken: string }>(base, '/api/join', { joinCode: created.joinCode, name: `Receiver ${i + k + 1}` }),
      ),
    );
    receiverTokens.push(...batch.map((b) => b.participantToken));
  }
  return {
    room: created.sessionId,
    writerToken: joined.participantToken,
    writerId: joined.participantId,
    receiverTokens,
    sessionId: created.sessionId,
  };
}

/** Waits until every given process has been nearly idle (under 10 % of a core) for 250 ms. */
async function waitForQuiet(pids: number[], maxMs: number): Promise<void> {
  const deadline = now() + maxMs;
  let prev = pids.map(readCpuMs);
  while (now() < deadline) {
    await sleep(250);
    const cur = pids.map(readCpuMs);
    if (cur.every((c, i) => c - prev[i]! < 25)) return;
    prev = cur;
  }
}

/** Counts the written notes a fresh replica of the stored board holds, read through the store. */
async function countStored(server: Server, sessionId: string, noteIds: string[]): Promise<number> {
  const store = await openStore(configFromEnv({ DATA_DIR: server.dataDir!, ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}) }, root));
  try {
    const stored = await store.loadDoc(sessionId);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.state) Y.applyUpdate(doc, stored.state);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
    });
    const notes = getNotes(doc);
    return noteIds.filter((id) => {
      const n = notes.get(id);
      return n instanceof Y.Map && readNote(id, n) !== null;
    }).length;
  } finally {
    await store.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface RunResult {
  server: ServerKind;
  clients: number;
  run: number;
  workers: number;
  connectMs: number;
  /** Latency over every (measured note, receiving client) pair, ms; a missing pair counts as infinite. */
  p50: number;
  p99: number;
  max: number;
  /** Per note, the time until the last receiving client has it, ms. */
  lastP50: number;
  lastP99: number;
  pairs: number;
  missingPairs: number;
  writeRate: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  memPerClientKiB: number;
  /** CPU use during the write phase, as % of one core. */
  serverCpuPct: number;
  /** CPU used by anything but the server and the clients during the write phase, % of one core. */
  otherCpuPct: number;
  /** How long the run waited for the machine to fall idle, and how busy it was when it started. */
  idleBefore: { waitedMs: number; busyPct: number };
  /** The measured phase on CLOCK_MONOTONIC, ms: the span to read in a --cpu-prof profile. */
  window: [number, number];
  clientCpuPct: number[];
  writerCpuPct: number;
  clientLoopDelayP99Ms: number[];
  clientLoopDelayMaxMs: number[];
  /** Garbage collection in each receiver process during the measured phase. */
  clientGc: { count: number; totalMs: number; maxMs: number }[];
  disconnects: number;
  /** Balcony only: written notes found in the SQLite file after the server was stopped. */
  stored: number | null;
  written: number;
  /** Per measured note in send order, the time until the last client had it, ms (0.1 ms). */
  lastByNote: number[];
  /** Set when the run had to be repeated because of other load on the machine. */
  attempts?: number;
}

async function runOnce(kind: ServerKind, n: number, run: number): Promise<RunResult> {
  const idleBefore = await waitForIdleMachine();
  const server = await spawnServer(kind, `${kind}-n${n}-run${run}`);
  const procs: ClientProcess[] = [];
  try {
    const session = await createSession(server, n - 1);
    const serverUrl = `ws://127.0.0.1:${server.port}/yjs`;
    const total = opts.warmup + opts.notes;
    const noteIds = Array.from({ length: total }, (_, i) => `bench-${run}-${i}`);
    const w = workersFor(n);

    // Client processes start (and load their code) before the baseline is taken.
    const writer = new ClientProcess('writer');
    const receivers = Array.from({ length: w }, (_, i) => new ClientProcess(`receivers-${i}`));
    procs.push(writer, ...receivers);
    for (const p of procs) if (!(await p.next('ready', 30_000))) throw new Error(`${p.label} did not start`);
    await waitForQuiet([server.pid, ...procs.map((p) => p.pid)], 10_000);
    const rssBeforeKiB = readRssKiB(server.pid);

    // The writer joins first, then the receivers, --join-interval ms apart (0: all at once).
    const joinAt = receivers.map(() => [] as number[]);
    for (let k = 1; k < n; k++) joinAt[(k - 1) % w]!.push(k * opts.joinIntervalMs);
    const connect = { serverUrl, room: session.room, noteIds, awareness: opts.awareness } as const;
    const t0 = now();
    writer.send({ type: 'connect', ...connect, tokens: [session.writerToken], role: 'writer', joinAt: [0] });
    const tokensOf = receivers.map(() => [] as string[]);
    for (let k = 1; k < n; k++) tokensOf[(k - 1) % w]!.push(session.receiverTokens[k - 1]!);
    receivers.forEach((p, i) => p.send({ type: 'connect', ...connect, tokens: tokensOf[i]!, role: 'receivers', joinAt: joinAt[i]! }));
    for (const p of procs) {
      const deadline = n * opts.joinIntervalMs + 60_000;
      if (!(await p.next('synced', deadline))) throw new Error(`${kind}: ${p.label} did not sync in time\n${server.output()}`);
    }
    const connectMs = now() - t0;
    await sleep(opts.settleMs);
    const rssAfterKiB = readRssKiB(server.pid);

    const write = { ratePerSecond: opts.rate, authorId: session.writerId, zone: 'stories', color: '#FFE98F' };
    /** Writes noteIds[from..to) and waits until every receiver has them (or gives up). */
    const ours = [server.pid, ...procs.map((p) => p.pid)];
    const phase = async (from: number, to: number) => {
      const cpu0 = readCpuMs(server.pid);
      const ours0 = ours.map(readCpuMs);
      const machine0 = readMachineBusyMs();
      const wall0 = now();
      for (const p of receivers) p.send({ type: 'go', from, to });
      writer.send({ type: 'go', from, to, write });
      const written = await writer.next('written', ((to - from) / opts.rate) * 1000 + 30_000);
      if (!written) throw new Error(`${kind}: the writer did not finish`);
      // A note that never arrives shows up as this timeout and as missing pairs below.
      const deadline = now() + 10_000;
      for (const p of receivers) await p.next('complete', Math.max(0, deadline - now()));
      const wall = now() - wall0;
      const oursMs = ours.map(readCpuMs).reduce((a, c, i) => a + c - ours0[i]!, 0);
      return {
        written,
        window: [wall0, now()] as [number, number],
        serverCpuPct: ((readCpuMs(server.pid) - cpu0) / wall) * 100,
        // Everything else the machine did meanwhile, the kernel's loopback work included.
        otherCpuPct: ((readMachineBusyMs() - machine0 - oursMs) / wall) * 100,
      };
    };
    // A separate warm-up phase, drained before the measured one, so that first-call costs (JIT,
    // first allocations) on either side do not leave a backlog for the measured notes to queue on.
    if (opts.warmup > 0) {
      await phase(0, opts.warmup);
      await sleep(500);
    }
    const { written, window, serverCpuPct, otherCpuPct } = await phase(opts.warmup, total);
    for (const p of receivers) p.send({ type: 'collect' });
    const receipts = [];
    for (const p of receivers) {
      const r = await p.next('receipts', 30_000);
      if (!r) throw new Error(`${kind}: ${p.label} sent no receipts`);
      receipts.push(r);
    }

    // Latencies over the measured notes only; the warm-up notes are left out.
    const pairs: number[] = [];
    const last: number[] = [];
    let missingPairs = 0;
    for (let i = opts.warmup; i < total; i++) {
      const sent = written.sendTimes[i]!;
      let worst = 0;
      for (const r of receipts) {
        for (const times of r.times) {
          const t = times[i]!;
          const lat = Number.isNaN(t) ? Infinity : t - sent;
          if (lat === Infinity) missingPairs++;
          pairs.push(lat);
          worst = Math.max(worst, lat);
        }
      }
      last.push(worst);
    }
    const lastByNote = last.map((x) => Math.round(x * 10) / 10);
    pairs.sort((a, b) => a - b);
    last.sort((a, b) => a - b);

    await Promise.all(procs.map((p) => p.close()));
    procs.length = 0;
    await server.stop(opts.stop);
    const stored = server.dataDir && session.sessionId ? await countStored(server, session.sessionId, noteIds) : null;

    const ws = written.sendTimes;
    return {
      server: kind,
      clients: n,
      run,
      workers: w,
      connectMs,
      p50: percentile(pairs, 50),
      p99: percentile(pairs, 99),
      max: pairs[pairs.length - 1]!,
      lastP50: percentile(last, 50),
      lastP99: percentile(last, 99),
      pairs: pairs.length,
      missingPairs,
      writeRate: opts.notes > 1 ? ((opts.notes - 1) / (ws[total - 1]! - ws[opts.warmup]!)) * 1000 : NaN,
      rssBeforeKiB,
      rssAfterKiB,
      memPerClientKiB: (rssAfterKiB - rssBeforeKiB) / n,
      serverCpuPct,
      otherCpuPct,
      idleBefore,
      window,
      clientCpuPct: receipts.map((r) => (r.cpuMs / r.wallMs) * 100),
      writerCpuPct: (written.cpuMs / written.wallMs) * 100,
      clientLoopDelayP99Ms: receipts.map((r) => r.loopDelay.p99),
      clientLoopDelayMaxMs: receipts.map((r) => r.loopDelay.max),
      clientGc: receipts.map((r) => r.gc),
      disconnects: receipts.reduce((s, r) => s + r.disconnects, 0),
      stored,
      written: total,
      lastByNote,
    };
  } finally {
    await Promise.all(procs.map((p) => p.close()));
    await server.stop('kill');
    if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
    await server.dropSchema();
  }
}

// ---------------------------------------------------------------------------------------------
// Summary

interface Summary {
  clients: number;
  servers: Partial<Record<ServerKind, Record<string, number>>>;
  /** Median over runs of Balcony ÷ reference, pairing run i of each. */
  ratio: { p50: number; p99: number; lastP99: number } | null;
  durable: { runs: number; complete: number } | null;
}

const FIGURES = ['p50', 'p99', 'max', 'lastP50', 'lastP99', 'memPerClientKiB', 'serverCpuPct', 'otherCpuPct', 'connectMs', 'writeRate'] as const;

function summarise(results: RunResult[]): Summary[] {
  return opts.clients.map((n) => {
    const of = (kind: ServerKind) => results.filter((r) => r.clients === n && r.server === kind);
    const servers: Summary['servers'] = {};
    for (const kind of opts.servers) {
      const rs = of(kind);
      if (rs.length === 0) continue;
      const s: Record<string, number> = {};
      for (const f of FIGURES) s[f] = median(rs.map((r) => r[f]));
      s.clientCpuPct = median(rs.map((r) => Math.max(...r.clientCpuPct)));
      s.clientLoopDelayP99Ms = median(rs.map((r) => Math.max(...r.clientLoopDelayP99Ms)));
      s.missingPairs = rs.reduce((a, r) => a + r.missingPairs, 0);
      s.disconnects = rs.reduce((a, r) => a + r.disconnects, 0);
      s.contendedRuns = rs.filter((r) => r.otherCpuPct > opts.maxOtherPct).length;
      servers[kind] = s;
    }
    const b = of('balcony');
    const r = of('reference');
    const paired = Math.min(b.length, r.length);
    const ratioOf = (f: 'p50' | 'p99' | 'lastP99') => median(Array.from({ length: paired }, (_, i) => b[i]![f] / r[i]![f]));
    return {
      clients: n,
      servers,
      ratio: paired > 0 ? { p50: ratioOf('p50'), p99: ratioOf('p99'), lastP99: ratioOf('lastP99') } : null,
      durable: b.length > 0 ? { runs: b.length, complete: b.filter((x) => x.stored === x.written).length } : null,
    };
  });
}

const fmt = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? '-' : x === Infinity ? 'inf' : x.toFixed(digits));

function printTable(summaries: Summary[]): void {
  const head = ['N', 'server', 'p50 ms', 'p99 ms', 'last p99', 'max ms', 'KiB/client', 'srv CPU%', 'cli CPU%', 'cli lag p99', 'missing'];
  const rows: string[][] = [head];
  for (const s of summaries) {
    for (const kind of opts.servers) {
      const v = s.servers[kind];
      if (!v) continue;
      rows.push([
        String(s.clients),
        kind,
        fmt(v.p50, 2),
        fmt(v.p99, 2),
        fmt(v.lastP99, 2),
        fmt(v.max, 1),
        fmt(v.memPerClientKiB, 0),
        fmt(v.serverCpuPct, 0),
        fmt(v.clientCpuPct, 0),
        fmt(v.clientLoopDelayP99Ms, 1),
        String(v.missingPairs),
      ]);
    }
    if (s.ratio) rows.push(['', 'B/R ratio', fmt(s.ratio.p50, 2), fmt(s.ratio.p99, 2), fmt(s.ratio.lastP99, 2), '', '', '', '', '', '']);
  }
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  for (const s of summaries) {
    for (const kind of opts.servers) {
      const c = s.servers[kind]?.contendedRuns ?? 0;
      if (c > 0) console.log(`N=${s.clients} ${kind}: ${c} run(s) kept although other load stayed above ${opts.maxOtherPct}% of a core`);
    }
    if (s.durable) console.log(`N=${s.clients}: every written note stored after ${s.durable.complete}/${s.durable.runs} Balcony runs`);
  }
  const at50 = summaries.find((s) => s.clients === 50);
  if (at50?.ratio && at50.durable) {
    const met = at50.ratio.p99 <= 1.25 && at50.durable.complete === at50.durable.runs && at50.servers.balcony?.missingPairs === 0;
    console.log(`Aim at N=50 (p99 <= 1.25x reference, every update durable): ${met ? 'met' : 'NOT met'} (ratio ${fmt(at50.ratio.p99, 2)})`);
  }
}

// ---------------------------------------------------------------------------------------------

/** The commit measured, and whether the server's or shared code differed from it. */
function gitState(): { commit: string; serverOrSharedModified: boolean } | null {
  try {
    const git = (args: string) => execSync(`git ${args}`, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return { commit: git('rev-parse HEAD'), serverOrSharedModified: git('status --porcelain -- server shared') !== '' };
  } catch {
    return null;
  }
}

const results: RunResult[] = [];
const started = new Date();
const source = gitState();
for (const n of opts.clients) {
  for (let run = 1; run <= opts.runs; run++) {
    // Alternating servers within each round spreads slow drifts of the machine over both.
    for (const kind of opts.servers) {
      // A run during which something else took more than --max-other % of a core is done again
      // (twice at most); one that stays contended is kept and marked.
      // A run that fails outright (a client that never syncs, say) is also tried again.
      const tag = `N=${String(n).padStart(3)} run ${run} ${kind.padEnd(9)}`;
      let r: RunResult | null = null;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          r = { ...(await runOnce(kind, n, run)), ...(attempt > 1 ? { attempts: attempt } : {}) };
        } catch (err) {
          if (attempt === 3) throw err;
          console.log(`${tag} failed, trying again: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
          continue;
        }
        if (r.otherCpuPct <= opts.maxOtherPct || attempt === 3) break;
        console.log(`${tag} repeated: other load ${fmt(r.otherCpuPct, 0)}% of a core`);
      }
      if (!r) throw new Error(`${tag}: no result`);
      results.push(r);
      console.log(
        `${tag} p50 ${fmt(r.p50, 2)}  p99 ${fmt(r.p99, 2)}  last p99 ${fmt(r.lastP99, 2)}  ` +
          `max ${fmt(r.max, 1)} ms  ${fmt(r.memPerClientKiB, 0)} KiB/client  srv ${fmt(r.serverCpuPct, 0)}%  ` +
          `cli ${r.clientCpuPct.map((c) => fmt(c, 0)).join('/')}%  lag p99 ${r.clientLoopDelayP99Ms.map((c) => fmt(c, 1)).join('/')} ms  ` +
          `rate ${fmt(r.writeRate, 0)}/s  other ${fmt(r.otherCpuPct, 0)}%` +
          (r.idleBefore.waitedMs >= 1000 ? `  (waited ${fmt(r.idleBefore.waitedMs / 1000, 0)} s for an idle machine)` : '') +
          (r.missingPairs ? `  MISSING ${r.missingPairs}` : '') +
          (r.disconnects ? `  disconnects ${r.disconnects}` : '') +
          (r.stored !== null ? `  stored ${r.stored}/${r.written}` : ''),
      );
    }
  }
}

const summaries = summarise(results);
console.log('');
console.log(`Medians over ${opts.runs} runs; ${opts.notes} measured notes per run at ${opts.rate}/s after ${opts.warmup} warm-up notes.`);
printTable(summaries);

const outFile = opts.out ? resolve(opts.out) : join(root, 'bench', 'results', `fanout-${started.toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  JSON.stringify(
    {
      benchmark: 'fanout',
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      command: `npx tsx bench/fanout.ts ${process.argv.slice(2).join(' ')}`.trim(),
      source,
      options: opts,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      },
      summaries,
      runs: results,
    },
    (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    2,
  ) + '\n',
);
console.log(`\nResults: ${relative(process.cwd(), outFile)}`);
