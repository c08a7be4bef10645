/**
 * A load process for bench/capacity.ts, driven over IPC. For each session it is given it opens
 * the session's twelve people: one typist (a stock y-websocket provider that adds a note every
 * 2 s), one observer (a stock provider that times each note's arrival), and ten people who only
 * move their cursor, on raw sockets that speak the y-websocket protocol and read nothing, so
 * that the load process stays light. Everyone's cursor moves at 10 Hz.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { DEFAULT_NOTE_COLOR, addNote, boardSubprotocols, getNotes, getTemplate } from '@balcony/shared';

export interface SessionSpec {
  sessionId: string;
  /** Twelve tokens: the typist's, the observer's, then ten cursor people's. */
  tokens: string[];
  /** The node each of the twelve connects to (several nodes behind a load balancer). */
  wsUrls: string[];
}
export type WorkerCommand =
  | { type: 'add'; sessions: SessionSpec[] }
  /** The latencies seen since the last collect, which are then forgotten. */
  | { type: 'collect' }
  | { type: 'close' };
export interface WorkerReport {
  type: 'collected';
  /** Note latencies in ms, typist's write to observer's replica. */
  latencies: number[];
  /** Notes written whose arrival was not seen (yet). */
  unseen: number;
  sockets: number;
  closes: number;
  cpuMs: number;
}

const ZONE = getTemplate('cultural-web').zones[0]!.id;
const CURSOR_MS = 100;
const NOTE_MS = 2_000;

const providers: WebsocketProvider[] = [];
const raws: WebSocket[] = [];
const timers: NodeJS.Timeout[] = [];
/** Write time of every note, by id, and the latencies seen, with when they were seen. */
const sentAt = new Map<string, number>();
const seen: { ms: number }[] = [];
let closes = 0;

function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

function stockProvider(wsUrl: string, sessionId: string, token: string): WebsocketProvider {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, sessionId, doc, {
    protocols: boardSubprotocols(token),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.on('connection-close', () => closes++);
  providers.push(provider);
  return provider;
}

/** A cursor that wanders over the board at 10 Hz, as a moving mouse does. */
function wander(set: (x: number, y: number) => void): void {
  let x = Math.random() * 1000;
  let y = Math.random() * 700;
  const start = Math.random() * CURSOR_MS;
  timers.push(
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          x = (x + 7) % 1000;
          y = (y + 3) % 700;
          set(x, y);
        }, CURSOR_MS),
      );
    }, start),
  );
}

function addSession(spec: SessionSpec): void {
  const [typistToken, observerToken, ...others] = spec.tokens;
  const typist = stockProvider(spec.wsUrls[0]!, spec.sessionId, typistToken!);
  const observer = stockProvider(spec.wsUrls[1]!, spec.sessionId, observerToken!);
  getNotes(observer.doc).observe((event) => {
    const now = performance.now();
    for (const [id, change] of event.changes.keys) {
      const at = change.action === 'add' ? sentAt.get(id) : undefined;
      if (at === undefined) continue;
      seen.push({ ms: now - at });
      sentAt.delete(id);
    }
  });
  for (const p of [typist, observer]) wander((x, y) => p.awareness.setLocalStateField('cursor', { x, y }));
  let n = 0;
  timers.push(
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          if (!typist.synced) return;
          const id = `${spec.sessionId.slice(0, 8)}-${process.pid}-${n++}`;
          sentAt.set(id, performance.now());
          const authorId = tokenParticipant.get(typistToken!)!;
          addNote(typist.doc, { id, text: `note ${n}`, zone: ZONE, x: 0.5, y: 0.5, color: DEFAULT_NOTE_COLOR, authorId, createdAt: Date.now() });
        }, NOTE_MS),
      );
    }, Math.random() * NOTE_MS),
  );
  others.forEach((token, i) => {
    const ws = new WebSocket(`${spec.wsUrls[(i + 2) % spec.wsUrls.length]}/yjs/${spec.sessionId}`, boardSubprotocols(token));
    raws.push(ws);
    const clientId = Math.floor(Math.random() * 0xffff_ffff);
    let clock = 0;
    ws.on('error', () => {});
    ws.on('close', () => closes++);
    ws.on('open', () => wander((x, y) => ws.readyState === ws.OPEN && ws.send(awarenessMessage(clientId, ++clock, { cursor: { x, y } }))));
  });
}

/** The typist writes its notes as its own participant: the driver says who that is. */
const tokenParticipant = new Map<string, string>();

process.on('message', (raw: WorkerCommand & { participants?: Record<string, string> }) => {
  if (raw.type === 'add') {
    for (const [token, id] of Object.entries(raw.participants ?? {})) tokenParticipant.set(token, id);
    for (const s of raw.sessions) addSession(s);
    process.send!({ type: 'added' });
  } else if (raw.type === 'collect') {
    const usage = process.cpuUsage();
    const report: WorkerReport = {
      type: 'collected',
      latencies: seen.splice(0).map((s) => s.ms),
      unseen: sentAt.size,
      sockets: providers.filter((p) => p.wsconnected).length + raws.filter((w) => w.readyState === w.OPEN).length,
      closes,
      cpuMs: (usage.user + usage.system) / 1000,
    };
    process.send!(report);
  } else if (raw.type === 'close') {
    for (const t of timers) clearTimeout(t);
    for (const p of providers) {
      p.destroy();
      p.doc.destroy();
    }
    for (const w of raws) w.terminate();
    process.exit(0);
  }
});
