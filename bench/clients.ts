/**
 * A client process for bench/fanout.ts, driven over IPC. It holds either the one writer or a
 * share of the receivers, each a stock y-websocket provider with its own Y.Doc, so the clients
 * run outside the server's process and the writer's pace is not disturbed by receive work.
 *
 * Times are CLOCK_MONOTONIC (process.hrtime), which every process on the machine shares, so a
 * send time from the writer process and a receipt time from a receiver process can be compared.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { addNote, boardSubprotocols, getNotes } from '@balcony/shared';

export interface ConnectCommand {
  type: 'connect';
  serverUrl: string;
  room: string;
  /** One token for each client of this process, in the order of `joinAt`. */
  tokens: string[];
  role: 'writer' | 'receivers';
  /** When each of this process's clients opens its socket, in ms after the command arrives. */
  joinAt: number[];
  noteIds: string[];
  /** Whether each client publishes a presence (a cursor), as the Balcony client does. */
  awareness: boolean;
}
export interface GoCommand {
  type: 'go';
  /** The notes of this phase: noteIds[from] up to, not including, noteIds[to]. */
  from: number;
  to: number;
  /** Writer only. */
  write?: { ratePerSecond: number; authorId: string; zone: string; color: string };
}
export type Command = ConnectCommand | GoCommand | { type: 'collect' } | { type: 'close' };

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}
/** CPU time and wall time of the last phase, ms, how late this process's event loop ran, and
 * how long garbage collection paused it. */
export interface PhaseLoad {
  cpuMs: number;
  wallMs: number;
  loopDelay: LoopDelay;
  gc: { count: number; totalMs: number; maxMs: number };
}
export type Report =
  | { type: 'ready' }
  | { type: 'synced'; connectMs: number }
  | { type: 'failed'; error: string }
  | ({ type: 'written'; sendTimes: Float64Array } & PhaseLoad)
  | { type: 'complete' }
  | ({
      type: 'receipts';
      /** One array per client, indexed like noteIds; NaN where the note never arrived. */
      times: Float64Array[];
      /** Sockets that closed after they had synced. */
      disconnects: number;
    } & PhaseLoad);

// Every stock provider adds its own process 'exit' listener in Node; hundreds are expected here.
process.setMaxListeners(0);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (r: Report) => process.send!(r);

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  times: Float64Array;
  got: number;
}

let clients: Client[] = [];
let noteIds: string[] = [];
let noteIndex = new Map<string, number>();
let disconnects = 0;

// ---------------------------------------------------------------------------------------------
// Load of the current phase

const loop = monitorEventLoopDelay({ resolution: 1 });
let phase = { cpu: process.cpuUsage(), wall: now() };
let phaseLoad: PhaseLoad | null = null;
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  if (phaseLoad) return;
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

function startPhase(): void {
  phase = { cpu: process.cpuUsage(), wall: now() };
  phaseLoad = null;
  gc = { count: 0, totalMs: 0, maxMs: 0 };
  loop.reset();
  loop.enable();
}

function endPhase(): PhaseLoad {
  if (phaseLoad) return phaseLoad;
  const cpu = process.cpuUsage(phase.cpu);
  loop.disable();
  const ms = (ns: number) => ns / 1e6;
  phaseLoad = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: now() - phase.wall,
    loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    gc,
  };
  return phaseLoad;
}

// ---------------------------------------------------------------------------------------------
// Receivers

/** Every client has every note before noteIds[target]. */
let target = 0;
let completeClients = 0;

function connect(cmd: ConnectCommand): void {
  noteIds = cmd.noteIds;
  noteIndex = new Map(noteIds.map((id, i) => [id, i]));
  const started = now();
  let synced = 0;
  const onSynced = () => {
    if (++synced === cmd.joinAt.length) send({ type: 'synced', connectMs: now() - started });
  };
  cmd.joinAt.forEach((delay, i) => setTimeout(() => join(cmd, cmd.tokens[i]!, onSynced), delay));
}

function join(cmd: ConnectCommand, token: string, onSynced: () => void): void {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  // A fresh Awareness holds {} at clock 0, which no server applies: either a real presence, at
  // clock 1, or none at all.
  if (cmd.awareness) awareness.setLocalState({ cursor: { x: Math.random() * 1000, y: Math.random() * 700 } });
  else awareness.setLocalState(null);
  const provider = new WebsocketProvider(cmd.serverUrl, cmd.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    // As the Balcony client sends it; the reference server takes the first protocol and ignores the rest.
    protocols: boardSubprotocols(token),
    awareness,
  });
  const client: Client = { doc, provider, times: new Float64Array(noteIds.length).fill(NaN), got: 0 };
  clients.push(client);
  let wasSynced = false;
  provider.on('sync', (isSynced: boolean) => {
    if (!isSynced || wasSynced) return;
    wasSynced = true;
    onSynced();
  });
  provider.on('connection-close', () => {
    if (wasSynced) disconnects++;
  });
  if (cmd.role !== 'receivers') return;
  getNotes(doc).observe((event) => {
    // Taken first: the receipt is when the update reached this replica.
    const t = now();
    for (const key of event.keysChanged) {
      const idx = noteIndex.get(key);
      if (idx === undefined || !Number.isNaN(client.times[idx]!)) continue;
      client.times[idx] = t;
      if (++client.got === target && ++completeClients === clients.length) {
        endPhase();
        send({ type: 'complete' });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Writer

let sendTimes: Float64Array | null = null;

function write(from: number, to: number, w: NonNullable<GoCommand['write']>): void {
  const { doc } = clients[0]!;
  const times = (sendTimes ??= new Float64Array(noteIds.length).fill(NaN));
  const period = 1000 / w.ratePerSecond;
  const start = now();
  let i = from;
  const tick = () => {
    // Sends every note that is due, then sleeps until the next one; a late timer never stretches
    // the schedule, it only sends the overdue notes at once.
    while (i < to && now() >= start + (i - from) * period) {
      const t = now();
      addNote(doc, {
        id: noteIds[i]!,
        zone: w.zone,
        x: (i % 97) / 96,
        y: (i % 89) / 88,
        color: w.color,
        authorId: w.authorId,
        createdAt: Date.now(),
      });
      times[i++] = t;
    }
    if (i < to) {
      setTimeout(tick, Math.max(0, start + (i - from) * period - now()));
      return;
    }
    send({ type: 'written', sendTimes: times, ...endPhase() });
  };
  tick();
}

// ---------------------------------------------------------------------------------------------

process.on('message', (cmd: Command) => {
  try {
    switch (cmd.type) {
      case 'connect':
        connect(cmd);
        break;
      case 'go':
        target = cmd.to;
        completeClients = clients.filter((c) => c.got >= target).length;
        startPhase();
        if (cmd.write) write(cmd.from, cmd.to, cmd.write);
        break;
      case 'collect':
        send({ type: 'receipts', times: clients.map((c) => c.times), disconnects, ...endPhase() });
        break;
      case 'close':
        for (const c of clients) {
          c.provider.destroy();
          c.doc.destroy();
        }
        clients = [];
        process.disconnect();
        // Sockets close asynchronously; give them a moment, then leave regardless.
        setTimeout(() => process.exit(0), 200).unref();
        break;
    }
  } catch (err) {
    send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
send({ type: 'ready' });
