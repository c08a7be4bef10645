import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { expect } from 'vitest';
import {
  DEFAULT_NOTE_COLOR,
  ERROR_STATUS,
  type ErrorCode,
  addNote,
  boardSubprotocols,
  getTemplate,
  templateZones,
  type CreateSessionResponse,
  type JoinResponse,
  type NewNote,
  type TemplateId,
} from '@balcony/shared';
import { configFromEnv } from '../../server/src/config.js';
import { openStore } from '../../server/src/store/openStore.js';
import type { Store } from '../../server/src/store/types.js';
import { createLogger } from '../../server/src/logger.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/src/server.js';
import { eventually } from '../support/eventually.js';
import { commandOnce } from '../support/control.js';
import { POSTGRES_URL, createSchemaIfMissing } from '../support/postgres.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATE: TemplateId = 'what-works-circle';
export const ZONES: ReadonlySet<string> = new Set(templateZones(getTemplate(TEMPLATE)).map((z) => z.id));
export const ZONE = templateZones(getTemplate(TEMPLATE))[0]!.id;
export const OTHER_ZONE = templateZones(getTemplate(TEMPLATE))[1]!.id;

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Reply<T = any> {
  status: number;
  body: T;
}

export async function request<T = any>(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  opts: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text for the assertion message */
  }
  return { status: res.status, body: parsed as T };
}

/** A GET that keeps the body as bytes, with the headers: for exported files. */
export async function download(base: string, path: string, token?: string): Promise<{ status: number; type: string; disposition: string; bytes: Buffer }> {
  const res = await fetch(base + path, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** token → participant id of everyone the helpers created, so a note is written as its writer. */
const participantOfToken = new Map<string, string>();
/** doc → the token its stock client connected with. */
const tokenOfDoc = new WeakMap<Y.Doc, string>();

/** An API error as a client reads it: the status that goes with its code, and words to show. */
export function expectApiError(res: Reply, code: ErrorCode, message?: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(ERROR_STATUS[code]);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message.length).toBeGreaterThan(0);
  if (message) expect(res.body.error.message).toMatch(message);
}

/**
 * The phase the tests' sessions are taken to: one where everyone writes, so that tests of the
 * board are not tests of the phases. A session starts in its welcome phase, where only the
 * facilitator writes; pass `phase: null` to leave it there.
 */
export const OPEN_PHASE = 'learning';

export async function createSession(
  base: string,
  title = 'Team reflection',
  facilitatorName = 'Fay',
  opts: { phase?: string | null; template?: TemplateId; anonymous?: boolean } = {},
) {
  const res = await request<CreateSessionResponse>(base, 'POST', '/api/sessions', {
    body: { title, template: opts.template ?? TEMPLATE, facilitatorName, ...(opts.anonymous ? { anonymous: true } : {}) },
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${JSON.stringify(res.body)}`);
  participantOfToken.set(res.body.facilitatorToken, res.body.participantId);
  const phase = opts.phase === undefined ? OPEN_PHASE : opts.phase;
  if (phase !== null) {
    const ack = await commandOnce(base, res.body.facilitatorToken, { type: 'phase.goto', phaseId: phase });
    if (!ack.ok) throw new Error(`phase.goto ${phase}: ${JSON.stringify(ack)}`);
  }
  return res.body;
}

export async function joinSession(base: string, joinCode: string, name: string) {
  const res = await request<JoinResponse>(base, 'POST', '/api/join', { body: { joinCode, name } });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
  participantOfToken.set(res.body.participantToken, res.body.participantId);
  return res.body;
}

/** The participant a stock client's doc writes as: the owner of the token it connected with. */
export function writerOf(doc: Y.Doc): string | undefined {
  const token = tokenOfDoc.get(doc);
  return token === undefined ? undefined : participantOfToken.get(token);
}

// ---------------------------------------------------------------------------------------------
// In-process server

export interface InProcess {
  server: RunningServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The real server in this process, for tests that look at its rooms. */
/**
 * With TEST_STORE=postgres, each data folder's server keeps its data in a PostgreSQL schema of its
 * own instead (the same schema when a test starts a server again on the same folder), so that the
 * whole suite runs on either store.
 */
async function databaseFor(dir: string): Promise<Record<string, string>> {
  if (process.env.TEST_STORE !== 'postgres') return {};
  if (!POSTGRES_URL) throw new Error('TEST_STORE=postgres needs TEST_DATABASE_URL');
  const schema = `it_${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
  await createSchemaIfMissing(POSTGRES_URL, schema);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { DATABASE_URL: url.toString() };
}

/** A second store on the data a server started on `dataDir` keeps, whichever store that is. */
export async function openStoreFor(dataDir: string): Promise<Store> {
  return openStore(configFromEnv({ DATA_DIR: dataDir, ...(await databaseFor(dataDir)) }, ROOT));
}

export async function startInProcess(
  env: Record<string, string> = {},
  dataDir?: string,
  options: ServerOptions & { log?: Parameters<typeof startServer>[1] } = {},
): Promise<InProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'balcony-it-'));
  const database = await databaseFor(dir);
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ...database, ...env }, ROOT);
  const server = await startServer(config, options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), options);
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    dataDir: dir,
    close: () => server.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Stock clients

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes of every socket this provider lost. */
  closes: number[];
  /** Resolves once the provider has synced with the server. */
  synced(): Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client, as the browser runs it: the token rides in the subprotocol header. */
export function connectStock(wsUrl: string, sessionId: string, token: string, doc = new Y.Doc()): StockClient {
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, sessionId, doc, {
    protocols: boardSubprotocols(token),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  tokenOfDoc.set(doc, token);
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    synced: () => eventually(() => {
      if (!provider.synced) throw new Error('provider not synced');
    }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Records the permission-denied reasons (y-websocket's auth message) a stock client is sent,
 * such as `read-only` for a write the server did not take.
 */
export function recordDenials(client: StockClient): string[] {
  const denied: string[] = [];
  const handlers = (client.provider as unknown as { messageHandlers: ((...args: unknown[]) => void)[] }).messageHandlers;
  handlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    const d = decoder as decoding.Decoder;
    if (decoding.readVarUint(d) === 0) denied.push(decoding.readVarString(d));
  };
  return denied;
}

let noteCounter = 0;
export function uniqueId(prefix = 'n'): string {
  return `${prefix}-${process.pid}-${++noteCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function validNote(id: string, extra: Partial<NewNote> = {}): NewNote {
  return { id, text: '', zone: ZONE, x: 0.5, y: 0.5, color: DEFAULT_NOTE_COLOR, authorId: 'author-1', createdAt: Date.now(), ...extra };
}

/** Adds a valid note, written as the doc's own participant unless `extra` names an author. */
export function addValidNote(doc: Y.Doc, extra: Partial<NewNote> = {}): string {
  const id = extra.id ?? uniqueId();
  const authorId = extra.authorId ?? writerOf(doc);
  addNote(doc, validNote(id, { ...extra, ...(authorId ? { authorId } : {}) }));
  return id;
}

// ---------------------------------------------------------------------------------------------
// Raw board sockets

export interface Closed {
  code: number;
  reason: string;
  at: number;
}

export type RawOpen = { ok: true; ws: WebSocket } | { ok: false; status: number };

/**
 * Opens a board socket by hand and reports either the open socket or the refused upgrade's status.
 * The token goes in the subprotocol header, or, with `inUrl`, in the query string as old clients did.
 */
export function openRaw(
  wsUrl: string,
  sessionId: string,
  token: string | null,
  opts: { inUrl?: boolean; headers?: Record<string, string>; private?: boolean } = {},
): Promise<RawOpen> {
  const query = token !== null && opts.inUrl ? `?token=${encodeURIComponent(token)}` : '';
  const protocols = token !== null && !opts.inUrl ? boardSubprotocols(token) : [];
  const board = opts.private ? '/private' : '';
  const ws = new WebSocket(`${wsUrl}/yjs/${encodeURIComponent(sessionId)}${board}${query}`, protocols, { headers: opts.headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/**
 * A hand-driven board client: it speaks just enough of the protocol to hold a copy of the board,
 * and sends whatever bytes a test gives it.
 */
export class RawBoard {
  readonly doc = new Y.Doc();
  readonly closed: Promise<Closed>;
  private gotStep2 = false;

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() }));
    });
    // A socket the server closes can report a write error on our side; the close event is what counts.
    ws.on('error', () => {});
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return;
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const kind = decoding.readVarUint(decoder);
      // Step 1 from the server is not answered: a raw client sends only what a test tells it to.
      if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
        if (kind === syncProtocol.messageYjsSyncStep2) this.gotStep2 = true;
      }
    });
  }

  static async open(wsUrl: string, sessionId: string, token: string, opts: { sync?: boolean; private?: boolean } = {}): Promise<RawBoard> {
    const opened = await openRaw(wsUrl, sessionId, token, { private: opts.private });
    if (!opened.ok) throw new Error(`board upgrade refused: ${opened.status}`);
    const board = new RawBoard(opened.ws);
    if (opts.sync ?? true) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, board.doc);
      board.send(encoding.toUint8Array(e));
      await eventually(() => {
        if (!board.gotStep2) throw new Error('no sync step 2 yet');
      });
    }
    return board;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(data: Uint8Array | Buffer | string): void {
    this.ws.send(data);
  }

  /** Runs `change` on the local copy and returns the update it made, without sending it. */
  capture(change: (doc: Y.Doc) => void): Uint8Array {
    let update: Uint8Array | null = null;
    const onUpdate = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', onUpdate);
    try {
      change(this.doc);
    } finally {
      this.doc.off('update', onUpdate);
    }
    if (!update) throw new Error('the change made no update');
    return update;
  }

  /** Makes a change locally and sends it as a y-websocket update message. */
  change(change: (doc: Y.Doc) => void): Uint8Array {
    const message = updateMessage(this.capture(change));
    this.send(message);
    return message;
  }

  destroy(): void {
    this.ws.terminate();
    this.doc.destroy();
  }
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness message carrying the given entries, encoded as y-protocols does. */
export function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}


export { seededRandom } from '../support/seededRandom.js';
