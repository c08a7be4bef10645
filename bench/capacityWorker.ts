/**
 * A load process for bench/capacity.ts, driven over IPC. For each session it is given it opens
 * the session's twelve people, each a board socket speaking the y-websocket protocol by hand (as
 * the stock provider does, without its awareness handling, which would make the load, not the
 * server, the limit): a typist who adds a note every 2 s, an observer whose replica times each
 * note's arrival, and ten more. Everyone's cursor moves at 10 Hz.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
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

const ZONE = getTemplate('cultural-web').frames[0]!.zones[0]!.id;
const CURSOR_MS = 100;
const NOTE_MS = 2_000;

const sockets: WebSocket[] = [];
const timers: NodeJS.Timeout[] = [];
/** Write time of every note, by id, and the latencies seen since the last collect. */
const sentAt = new Map<string, number>();
const seen: { ms: number }[] = [];
let closes = 0;

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  write(e);
  return encoding.toUint8Array(e);
}

/**
 * One person's board socket, speaking the y-websocket protocol by hand so that the load stays
 * light: it moves a cursor at 10 Hz and reads nothing unless `onSync` is given, and then only
 * the document's messages (every cursor it is sent is dropped unread).
 */
function person(wsUrl: string, sessionId: string, token: string, onSync?: (d: decoding.Decoder, ws: WebSocket) => void): WebSocket {
  const ws = new WebSocket(`${wsUrl}/yjs/${sessionId}`, boardSubprotocols(token));
  sockets.push(ws);
  const clientId = Math.floor(Math.random() * 0xffff_ffff);
  let clock = 0;
  ws.on('error', () => {});
  ws.on('close', () => closes++);
  ws.on('open', () => wander((x, y) => ws.readyState === ws.OPEN && ws.send(awarenessMessage(clientId, ++clock, { cursor: { x, y } }))));
  if (onSync) {
    ws.on('message', (data: Buffer) => {
      if (data[0] !== MESSAGE_SYNC) return;
      const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      decoding.readVarUint(d);
      onSync(d, ws);
    });
  }
  return ws;
}

/** A cursor that wanders over the board at 10 Hz, as a moving mouse does. */
function wander(set: (x: number, y: number) => void): void {
  let x = Math.random() * 1000;
  let y = Math.random() * 700;
  timers.push(
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          x = (x + 7) % 1000;
          y = (y + 3) % 700;
          set(x, y);
        }, CURSOR_MS),
      );
    }, Math.random() * CURSOR_MS),
  );
}

function addSession(spec: SessionSpec): void {
  const [typistToken, observerToken, ...others] = spec.tokens;
  const [typistUrl, observerUrl, ...otherUrls] = spec.wsUrls;

  // The observer keeps a replica of the board and times each note as it lands there.
  const replica = new Y.Doc();
  getNotes(replica).observe((event) => {
    const now = performance.now();
    for (const [id, change] of event.changes.keys) {
      const at = change.action === 'add' ? sentAt.get(id) : undefined;
      if (at === undefined) continue;
      seen.push({ ms: now - at });
      sentAt.delete(id);
    }
  });
  const observer = person(observerUrl!, spec.sessionId, observerToken!, (d, ws) => {
    const kind = decoding.readVarUint(d);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      // Answered with nothing: the observer writes nothing.
      decoding.readVarUint8Array(d);
      ws.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, replica, new Uint8Array([0]))));
    } else {
      Y.applyUpdate(replica, decoding.readVarUint8Array(d), 'server');
    }
  });
  observer.on('open', () => observer.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, replica))));

  // The typist writes a note every 2 s into a document of its own and sends the update it makes.
  const draft = new Y.Doc();
  draft.on('update', (update: Uint8Array) => typist.readyState === typist.OPEN && typist.send(syncMessage((e) => syncProtocol.writeUpdate(e, update))));
  const typist = person(typistUrl!, spec.sessionId, typistToken!);
  let n = 0;
  timers.push(
    setTimeout(() => {
      timers.push(
        setInterval(() => {
          if (typist.readyState !== typist.OPEN) return;
          const id = `${spec.sessionId.slice(0, 8)}-${process.pid}-${n++}`;
          sentAt.set(id, performance.now());
          const authorId = tokenParticipant.get(typistToken!)!;
          addNote(draft, { id, text: `note ${n}`, zone: ZONE, x: 0.5, y: 0.5, color: DEFAULT_NOTE_COLOR, authorId, createdAt: Date.now() });
        }, NOTE_MS),
      );
    }, 1_000 + Math.random() * NOTE_MS),
  );

  others.forEach((token, i) => person(otherUrls[i]!, spec.sessionId, token));
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
      sockets: sockets.filter((w) => w.readyState === w.OPEN).length,
      closes,
      cpuMs: (usage.user + usage.system) / 1000,
    };
    process.send!(report);
  } else if (raw.type === 'close') {
    for (const t of timers) clearTimeout(t);
    for (const w of sockets) w.terminate();
    process.exit(0);
  }
});
