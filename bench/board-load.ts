/**
 * What a person feels on a big board: how long it takes from pressing Join until every note is
 * on screen, and how smoothly a note follows the pointer when they drag it.
 *
 * A cultural web session is seeded with --notes notes (default 1000), spread over its seven
 * zones, with texts of 20 to 120 characters. They are written by the facilitator in one update
 * through a stock y-websocket client, and the script waits until the server has stored them.
 *
 * 1. Join to board on screen. A fresh Chromium context at 1280×800 opens the session's join link
 *    and types a name; the time runs from the click on Join to the frame painted after every
 *    note's text is in the board (all N `board.note.text` elements inside `board.canvas`, each
 *    with its words; then two requestAnimationFrame callbacks, the second of which runs once the
 *    first frame holding them has been painted). Both ends are taken inside the page with
 *    performance.now(), so the time Playwright's messages take does not count. Repeated --runs
 *    times, each in a fresh context (no cache, no offline copy of the board); each run and the
 *    median are printed, with where the time went on the page's clock: the join request
 *    answered, the board's socket delivering the notes, the canvas shown, the notes in the DOM,
 *    and the main thread's long tasks after the click.
 * 2. Drag frame rate. On the last run's page, one note of --zone is pressed on its words (not on
 *    its menu button) and dragged across the zone in 60 small mouse moves sent at an even pace
 *    over a second, not each waiting for the page, while the page records every animation frame.
 *    Reported per drag and as the median of --drags drags: frames per second (frames from press
 *    to release / that time) and the longest gap between frames; per drag also the moves the
 *    page received (it coalesces them when it falls behind) and how often the note was redrawn
 *    somewhere new. The same is measured on a board of --small-notes notes (default 10; 0 skips).
 *
 *   npx tsx bench/board-load.ts [--runs 3] [--notes 1000] [--drags 5] [--small-notes 10]
 *                               [--zone stories] [--cpu-profile DIR] [--trace FILE] [--trace-load FILE] [--dist DIR] [--no-build]
 *
 * --trace FILE and --trace-load FILE write Chromium performance traces of the big board's drags
 * and of the last run's load, for DevTools' Performance panel: where the time goes beyond
 * JavaScript (style, layout, paint, compositing).
 * --cpu-profile writes the page's CPU profiles of the last run's load (click to paint) and of
 * the big board's drags as DIR/load.cpuprofile and DIR/drag.cpuprofile, which Chrome's DevTools
 * open; the profiler slows what it records. --dist serves a client built elsewhere instead of
 * building client/dist (one built with `--minify false`, say, for a profile with readable
 * names); --no-build serves client/dist as it was last built.
 */
// Some functions below run in the page, not in Node.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
  NOTE_COLORS,
  addNote,
  boardSubprotocols,
  getNotes,
  getTemplate,
  readNote,
  shapeBounds,
  shapeContains,
  type CreateSessionResponse,
  type Point,
  type Zone,
} from '@balcony/shared';
import { launchChromium } from '../tests/support/chromium.js';
import { removeDataDir, spawnServer, type SpawnedServer } from '../tests/support/spawnServer.js';
import { seededRandom } from '../tests/support/seededRandom.js';
import { median, postJson, sleep } from './common.js';

const { values: argv } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    notes: { type: 'string', default: '1000' },
    drags: { type: 'string', default: '5' },
    'small-notes': { type: 'string', default: '10' },
    zone: { type: 'string', default: 'stories' },
    'cpu-profile': { type: 'string' },
    trace: { type: 'string' },
    'trace-load': { type: 'string' },
    dist: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const count = (name: string, min: number) => {
  const n = Number(argv[name as keyof typeof argv]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const opts = {
  runs: count('runs', 1),
  notes: count('notes', 1),
  drags: count('drags', 1),
  smallNotes: count('small-notes', 0),
  zone: argv.zone!,
  cpuProfileDir: argv['cpu-profile'] ? resolve(argv['cpu-profile']) : null,
  traceFile: argv.trace ? resolve(argv.trace) : null,
  loadTraceFile: argv['trace-load'] ? resolve(argv['trace-load']) : null,
};

const TEMPLATE = getTemplate('cultural-web');
/** The frame the benchmark's notes are on: the web as it is now. */
const FRAME = TEMPLATE.frames[0]!;
const DRAG_ZONE = FRAME.zones.find((z) => z.id === opts.zone);
if (!DRAG_ZONE) throw new Error(`--zone: the cultural web has no zone "${opts.zone}"`);
const VIEWPORT = { width: 1280, height: 800 };
/** Mouse moves per drag and the time they are spread over. */
const DRAG_STEPS = 60;
const DRAG_MS = 1000;
const LOAD_TIMEOUT_MS = 120_000;

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'client');


const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)} ms`);

// ---------------------------------------------------------------------------------------------
// The board: N notes written as the facilitator, in one update


const WHO = ['We', 'The team', 'New starters', 'Our manager', 'Nobody', 'Everyone', 'The seniors', 'The duty desk', 'Students', 'Half of us'];
const DO = ['still talk about', 'celebrate', 'quietly ignore', 'joke about', 'are proud of', 'complain about', 'never question', 'keep coming back to', 'learn fast about', 'rarely mention'];
const WHAT = [
  'the big audit of 2019',
  'the Friday huddle',
  'who gets the desks by the window',
  'the allocation meeting',
  'case notes written late at night',
  'the hero who stayed until midnight',
  'acronyms nobody explains',
  'the sign-off chain',
  'supervision being cancelled again',
  'the leaving card',
  'targets on the whiteboard',
  'the open-door policy',
];
const THEN = [
  '',
  '.',
  ' and it shapes how we work.',
  ', which says a lot about us.',
  ' even when it hurts.',
  ' every single week.',
  ', and newcomers notice it first.',
  ' — is that who we want to be?',
  '. Maybe we should stop and ask why, and who it is really for.',
];

/** A note a person might write: one or two short sentences, 20 to 120 characters. */
function noteText(random: () => number): string {
  const pick = (xs: readonly string[]) => xs[Math.floor(random() * xs.length)]!;
  let text = `${pick(WHO)} ${pick(DO)} ${pick(WHAT)}${pick(THEN)}`;
  if (text.length < 60 && random() < 0.4) text += ` ${pick(WHO)} ${pick(DO)} ${pick(WHAT)}.`;
  if (text.length < 20) text += ' Every time.';
  return text.length > 120 ? `${text.slice(0, 119).trimEnd()}…` : text;
}

/** A random point of the zone, as the stored fractions of its bounds, well inside its shape. */
function spotIn(zone: Zone, random: () => number): { x: number; y: number } {
  const b = shapeBounds(zone.shape);
  for (;;) {
    const p = { x: b.x + random() * b.w, y: b.y + random() * b.h };
    // The note's middle and a margin around it, so that the note is drawn over its own zone.
    const inside = [
      [0, 0],
      [-40, -25],
      [40, -25],
      [-40, 25],
      [40, 25],
    ].every(([dx, dy]) => shapeContains(zone.shape, { x: p.x + dx!, y: p.y + dy! }));
    if (inside) return { x: (p.x - b.x) / b.w, y: (p.y - b.y) / b.h };
  }
}

/** A stock y-websocket client as the facilitator, as the integration tests connect one. */
function stockClient(server: SpawnedServer, sessionId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.wsUrl}/yjs`, sessionId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols: boardSubprotocols(token),
    disableBc: true,
  });
  // No presence: a seeding script is not a person on the board.
  provider.awareness.setLocalState(null);
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((r) => provider.once('sync', (s: boolean) => s && r()));
  return {
    doc,
    closes,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function until(what: string, check: () => boolean, timeoutMs: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    const problem = failed();
    if (problem) throw new Error(`${what}: ${problem}`);
    if (Date.now() > deadline) throw new Error(`${what}: not done in ${timeoutMs} ms`);
    await sleep(20);
  }
}

interface Board {
  joinCode: string;
  texts: string[];
}

/**
 * Creates a session and writes `n` notes in one transaction. The server relays a write to the
 * other sockets only once it is in the store (see Room.onDocUpdate), so a second client that was
 * synced before the write and then holds all `n` notes proves them stored.
 */
async function seedBoard(server: SpawnedServer, n: number, seed: number): Promise<Board> {
  const s = await postJson<CreateSessionResponse>(server.url, '/api/sessions', {
    title: `Board load, ${n} notes`,
    template: TEMPLATE.id,
    facilitatorName: 'Fay',
  });
  const watcher = stockClient(server, s.sessionId, s.facilitatorToken);
  const writer = stockClient(server, s.sessionId, s.facilitatorToken);
  try {
    await Promise.all([watcher.synced, writer.synced]);
    const random = seededRandom(seed);
    const texts: string[] = [];
    const start = Date.now() - n * 1000;
    writer.doc.transact(() => {
      for (let i = 0; i < n; i++) {
        const zone = FRAME.zones[i % FRAME.zones.length]!;
        const text = noteText(random);
        texts.push(text);
        addNote(writer.doc, {
          id: `load-${i}`,
          text,
          zone: zone.id,
          ...spotIn(zone, random),
          color: NOTE_COLORS[i % NOTE_COLORS.length]!.hex,
          authorId: s.participantId,
          createdAt: start + i * 1000,
        });
      }
    });
    const notes = getNotes(watcher.doc);
    await until(
      `storing ${n} notes`,
      () => notes.size === n,
      60_000,
      () => (writer.closes.length ? `the server closed the writer's socket (${writer.closes.join(', ')})\n${server.output().slice(-2000)}` : null),
    );
    const readable = [...notes.entries()].filter(([id, note]) => readNote(id, note) !== null).length;
    if (readable !== n) throw new Error(`only ${readable} of ${n} stored notes are readable`);
    return { joinCode: s.joinCode, texts };
  } finally {
    writer.destroy();
    watcher.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// In the page

/** What the page recorded about one load, in performance.now() ms. */
interface LoadMarks {
  clickAt: number | null;
  joinAnsweredAt: number | null;
  boardMessageAt: number | null;
  boardMessageBytes: number;
  canvasAt: number | null;
  notesAt: number | null;
  paintedAt: number | null;
  longTasks: { start: number; duration: number }[];
}

/**
 * Installed before any page script: keeps the arrival time of the biggest message on the
 * board's socket (the sync answer that carries the notes), and long tasks of the main thread.
 */
function recordSocketAndLongTasks(): void {
  const w = window as unknown as { __board: { messageAt: number | null; bytes: number; longTasks: { start: number; duration: number }[] } };
  w.__board = { messageAt: null, bytes: 0, longTasks: [] };
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/yjs')) return;
      this.addEventListener('message', (e: MessageEvent) => {
        const bytes = e.data instanceof ArrayBuffer ? e.data.byteLength : e.data instanceof Blob ? e.data.size : 0;
        if (bytes > w.__board.bytes) w.__board = { ...w.__board, messageAt: performance.now(), bytes };
      });
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__board.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task timing in this browser: the breakdown goes without it */
  }
}

/** Starts the clock on the Join button's click and stops it when all `n` notes are painted. */
function armLoadClock(n: number): void {
  const marks: Pick<LoadMarks, 'clickAt' | 'canvasAt' | 'notesAt' | 'paintedAt'> = { clickAt: null, canvasAt: null, notesAt: null, paintedAt: null };
  (window as unknown as { __load: typeof marks }).__load = marks;
  const NOTE_TEXT = '[data-testid="board.canvas"] [data-testid="board.note.text"]';
  const check = () => {
    if (marks.canvasAt === null && document.querySelector('[data-testid="board.canvas"]')) marks.canvasAt = performance.now();
    const texts = document.querySelectorAll(NOTE_TEXT);
    if (texts.length < n) return;
    for (const t of texts) if (!t.textContent) return;
    marks.notesAt = performance.now();
    observer.disconnect();
    // The first callback runs before the frame that shows the notes, the second after it is painted.
    requestAnimationFrame(() => requestAnimationFrame(() => (marks.paintedAt = performance.now())));
  };
  const observer = new MutationObserver(check);
  const button = document.querySelector('[data-testid="start.join.submit"]')!;
  button.addEventListener(
    'click',
    () => {
      marks.clickAt = performance.now();
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { capture: true, once: true },
  );
}

/**
 * Counts the page's HTTP requests in flight (sockets aside) from now on; `quiet` resolves once
 * none has been for `quietMs`.
 */
function trackRequests(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  const up = () => (inFlight++, (lastChange = Date.now()));
  const down = () => (inFlight--, (lastChange = Date.now()));
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  return {
    async quiet(quietMs = 500, maxMs = 15_000): Promise<void> {
      const deadline = Date.now() + maxMs;
      while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastChange < quietMs)) await sleep(50);
    },
    stop(): void {
      page.off('request', up);
      page.off('requestfinished', down);
      page.off('requestfailed', down);
    },
  };
}

interface LoadResult {
  page: Page;
  close: () => Promise<void>;
  totalMs: number;
  marks: LoadMarks;
}

/** One person joining: fresh context, join link, a typed name, and the clock from Join. */
/** Starts the page's CPU profiler; the function returned stops it and writes the profile. */
async function startProfile(page: Page): Promise<(file: string) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async (file) => {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
    console.log(`CPU profile: ${file}`);
  };
}

async function joinAndLoad(
  browser: Browser,
  server: SpawnedServer,
  board: Board,
  profileTo: string | null,
  traceTo: string | null = null,
): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // tsx compiles with esbuild's keepNames, which wraps the functions handed to the page in
    // calls to its __name helper; the page needs one too.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(recordSocketAndLongTasks);
    const page = await context.newPage();
    const requests = trackRequests(page);
    await page.goto(`${server.url}/join/${board.joinCode}`);
    const name = page.getByTestId('start.join.name');
    await name.waitFor();
    // Typed as a person types: the form fetches the board's code meanwhile, as it would for them,
    // and the clock starts once that has arrived.
    await name.pressSequentially('Robin', { delay: 60 });
    await requests.quiet();
    requests.stop();
    await page.evaluate(armLoadClock, board.texts.length);

    const stopProfile = profileTo ? await startProfile(page) : null;
    if (traceTo) await browser.startTracing(page, { path: traceTo, categories: TRACE_CATEGORIES });
    await page.getByTestId('start.join.submit').click();
    await page.waitForFunction(() => (window as unknown as { __load: LoadMarks }).__load.paintedAt !== null, undefined, {
      timeout: LOAD_TIMEOUT_MS,
      polling: 250,
    });
    await stopProfile?.(profileTo!);
    if (traceTo) await browser.stopTracing();

    const marks = await page.evaluate((): LoadMarks => {
      const w = window as unknown as {
        __load: Pick<LoadMarks, 'clickAt' | 'canvasAt' | 'notesAt' | 'paintedAt'>;
        __board: { messageAt: number | null; bytes: number; longTasks: { start: number; duration: number }[] };
      };
      const join = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/join') as PerformanceResourceTiming | undefined;
      return {
        ...w.__load,
        joinAnsweredAt: join ? join.responseEnd : null,
        boardMessageAt: w.__board.messageAt,
        boardMessageBytes: w.__board.bytes,
        longTasks: w.__board.longTasks.filter((t) => t.start + t.duration > (w.__load.clickAt ?? 0)),
      };
    });
    // Outside the timing: the notes on screen are the notes written, word for word.
    const shown = await page.locator('[data-testid="board.canvas"] [data-testid="board.note.text"]').allTextContents();
    const want = [...board.texts].sort();
    if (shown.length !== want.length || [...shown].sort().some((t, i) => t !== want[i])) {
      throw new Error(`the board shows ${shown.length} notes, not the ${want.length} written (or their words differ)`);
    }
    return { page, close: () => context.close(), totalMs: marks.paintedAt! - marks.clickAt!, marks };
  } catch (err) {
    await context.close();
    throw err;
  }
}

function describeLoad(r: LoadResult): string {
  const m = r.marks;
  const since = (t: number | null) => (t === null || m.clickAt === null ? null : t - m.clickAt);
  const busy = m.longTasks.reduce((a, t) => a + t.duration, 0);
  const longest = m.longTasks.reduce((a, t) => Math.max(a, t.duration), 0);
  return [
    `${ms(r.totalMs)}`,
    `(join answered ${ms(since(m.joinAnsweredAt))}`,
    `notes arrived ${ms(since(m.boardMessageAt))} [${(m.boardMessageBytes / 1024).toFixed(0)} KiB]`,
    `canvas ${ms(since(m.canvasAt))}`,
    `notes in DOM ${ms(since(m.notesAt))};`,
    `${m.longTasks.length} long tasks, ${ms(busy)} in all, longest ${ms(longest)})`,
  ].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Dragging

interface DragResult {
  noteId: string;
  /** Animation frames per second while the button was down, and the longest wait for one. */
  fps: number;
  longestGapMs: number;
  frames: number;
  /** Press to release, on the page's clock. */
  elapsedMs: number;
  /** Pointer moves the page received, and frames in which the dragged note had moved. */
  moves: number;
  redraws: number;
  longTaskMs: number;
}

/** A note of the zone whose words are under the pointer where it would press, topmost first. */
function pickNote([zoneId, preferId]: [string, string | null]): { id: string; x: number; y: number; cx: number; cy: number } | null {
  const canvas = document.querySelector('[data-testid="board.canvas"]')!;
  const all = [...canvas.querySelectorAll<HTMLElement>(`[data-testid="board.note"][data-zone-id="${zoneId}"]`)].reverse();
  const preferred = all.filter((el) => el.dataset.noteId === preferId);
  for (const el of [...preferred, ...all]) {
    const text = el.querySelector('[data-testid="board.note.text"]')?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (!text) continue;
    for (const [fx, fy] of [[0.5, 0.3], [0.25, 0.25], [0.75, 0.25], [0.5, 0.6], [0.2, 0.6]] as const) {
      const x = text.left + text.width * fx;
      const y = text.top + text.height * fy;
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      // Notes overlap on a crowded board: the press must land on this note's words, not a neighbour's.
      const hit = document.elementFromPoint(x, y);
      if (hit?.closest('[data-testid="board.note"]') === el && !hit.closest('button')) {
        return { id: el.dataset.noteId!, x, y, cx: box.left + box.width / 2, cy: box.top + box.height / 2 };
      }
    }
  }
  return null;
}

/** The point of the zone, on screen, farthest from `from` where a note's centre fits well inside. */
async function farSpot(page: Page, zone: Zone, from: Point): Promise<Point> {
  const rect = await page.getByTestId('board.canvas').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const scale = rect.width / FRAME.board.width;
  const b = shapeBounds(zone.shape);
  let best: Point | null = null;
  let bestD = -1;
  for (let x = b.x; x <= b.x + b.w; x += 10) {
    for (let y = b.y; y <= b.y + b.h; y += 10) {
      const fits = [[0, 0], [-70, -45], [70, -45], [-70, 45], [70, 45]].every(([dx, dy]) => shapeContains(zone.shape, { x: x + dx!, y: y + dy! }));
      if (!fits) continue;
      const p = { x: rect.left + x * scale, y: rect.top + y * scale };
      if (p.x < 20 || p.y < 20 || p.x > VIEWPORT.width - 20 || p.y > VIEWPORT.height - 20) continue;
      const d = Math.hypot(p.x - from.x, p.y - from.y);
      if (d > bestD) [best, bestD] = [p, d];
    }
  }
  if (!best) throw new Error(`no spot in zone ${zone.id} is on screen`);
  return best;
}

interface FrameRecord {
  frames: number[];
  redraws: number;
  moves: number;
  down: number | null;
  up: number | null;
  longTasks: { start: number; duration: number }[];
  active: boolean;
}

/** Records every animation frame, the pointer's press, moves and release, until stopped. */
function startFrameRecorder(): void {
  const rec: FrameRecord = { frames: [], redraws: 0, moves: 0, down: null, up: null, longTasks: [], active: true };
  (window as unknown as { __frames: FrameRecord }).__frames = rec;
  let drawnAt = '';
  const tick = (t: number) => {
    if (!rec.active) return;
    rec.frames.push(t);
    // The note follows the pointer through its slot's inline transform (NoteCard), or, in builds
    // before that, through its own inline left and top; either counts as drawn somewhere new.
    const dragged = document.querySelector<HTMLElement>('.note.is-dragging');
    const slot = dragged?.parentElement;
    const at = dragged ? `${slot?.style.transform} ${dragged.style.left} ${dragged.style.top}` : '';
    if (dragged && at !== drawnAt) rec.redraws++;
    drawnAt = at;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  document.addEventListener('pointerdown', () => (rec.down = performance.now()), { capture: true, once: true });
  document.addEventListener('pointermove', () => rec.down !== null && rec.up === null && rec.moves++, { capture: true });
  document.addEventListener('pointerup', () => (rec.up = performance.now()), { capture: true, once: true });
  try {
    const observer = new PerformanceObserver((list) => {
      if (!rec.active) return observer.disconnect();
      for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask' });
  } catch {
    /* as in recordSocketAndLongTasks */
  }
}

async function dragOnce(page: Page, preferId: string | null): Promise<DragResult> {
  const note = await page.evaluate(pickNote, [DRAG_ZONE!.id, preferId] as [string, string | null]);
  if (!note) throw new Error(`no note in zone ${DRAG_ZONE!.id} can be pressed on its words`);
  const to = await farSpot(page, DRAG_ZONE!, { x: note.cx, y: note.cy });
  // The pointer travels as far as the note's centre has to.
  const dx = to.x - note.cx;
  const dy = to.y - note.cy;

  await page.mouse.move(note.x, note.y);
  await page.evaluate(startFrameRecorder);
  await sleep(100);
  await page.mouse.down();
  const start = Date.now();
  const sent: Promise<void>[] = [];
  for (let i = 1; i <= DRAG_STEPS; i++) {
    const due = start + (i * DRAG_MS) / DRAG_STEPS;
    if (due > Date.now()) await sleep(due - Date.now());
    // Not awaited: a mouse does not wait for the page, so the page gets the moves at their pace
    // and coalesces them as it would a real mouse's. Playwright still sends them in order.
    sent.push(page.mouse.move(note.x + (dx * i) / DRAG_STEPS, note.y + (dy * i) / DRAG_STEPS));
  }
  await Promise.all(sent);
  await page.mouse.up();
  await sleep(100);
  const rec = await page.evaluate(() => {
    const r = (window as unknown as { __frames: FrameRecord }).__frames;
    r.active = false;
    return r;
  });
  if (rec.down === null || rec.up === null) throw new Error('the page saw no press and release');
  if (rec.redraws === 0) throw new Error(`note ${note.id} was never drawn as being dragged`);
  const inDrag = rec.frames.filter((t) => t >= rec.down! && t <= rec.up!);
  // Gaps from the press to the first frame and from the last frame to the release count too.
  const edges = [rec.down, ...inDrag, rec.up];
  let longestGapMs = 0;
  for (let i = 1; i < edges.length; i++) longestGapMs = Math.max(longestGapMs, edges[i]! - edges[i - 1]!);
  const elapsedMs = rec.up - rec.down;
  return {
    noteId: note.id,
    fps: (inDrag.length * 1000) / elapsedMs,
    longestGapMs,
    frames: inDrag.length,
    elapsedMs,
    moves: rec.moves,
    redraws: rec.redraws,
    longTaskMs: rec.longTasks.filter((t) => t.start + t.duration >= rec.down! && t.start <= rec.up!).reduce((a, t) => a + t.duration, 0),
  };
}

/** What a trace records: the renderer's timeline (style, layout, paint, layers), and why it restyles. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking'];

async function measureDrags(page: Page, label: string, profileTo: string | null, traceTo: string | null = null): Promise<void> {
  const results: DragResult[] = [];
  const stopProfile = profileTo ? await startProfile(page) : null;
  const tracing = traceTo ? page.context().browser() : null;
  if (tracing) await tracing.startTracing(page, { path: traceTo!, categories: TRACE_CATEGORIES });
  let noteId: string | null = null;
  for (let i = 0; i < opts.drags; i++) {
    const r = await dragOnce(page, noteId);
    noteId = r.noteId;
    results.push(r);
    console.log(
      `  drag ${i + 1}: ${r.fps.toFixed(1)} fps (${r.frames} frames in ${ms(r.elapsedMs)}), longest frame ${ms(r.longestGapMs)}; ` +
        `${r.moves} moves received, note redrawn ${r.redraws} times; long tasks ${ms(r.longTaskMs)}; note ${r.noteId}`,
    );
    // The drop is a write; let it and its re-render settle before the next drag.
    await sleep(500);
  }
  await stopProfile?.(profileTo!);
  if (tracing) await tracing.stopTracing();
  const state = await page.getByTestId('topbar.connection').getAttribute('data-state');
  if (state !== 'connected') throw new Error(`after dragging, the board's connection is "${state}"`);
  console.log(
    `${label} drag, median of ${results.length}: ${median(results.map((r) => r.fps)).toFixed(1)} fps, ` +
      `longest frame ${ms(median(results.map((r) => r.longestGapMs)))}`,
  );
}

// ---------------------------------------------------------------------------------------------

if (!argv['no-build'] && !argv.dist) execFileSync('npx', ['vite', 'build', '--mode', 'production'], { cwd: clientDir, stdio: 'ignore' });

const server = await spawnServer({ env: { CLIENT_DIST: argv.dist ? resolve(argv.dist) : join(clientDir, 'dist') } });
const profileFile = (name: string) => (opts.cpuProfileDir ? join(opts.cpuProfileDir, name) : null);
let browser: Browser | null = null;
try {
  browser = await launchChromium();
  const big = await seedBoard(server, opts.notes, 1);
  console.log(`board: ${opts.notes} notes over ${FRAME.zones.length} zones, viewport ${VIEWPORT.width}×${VIEWPORT.height}`);

  const times: number[] = [];
  let last: LoadResult | null = null;
  for (let run = 1; run <= opts.runs; run++) {
    await last?.close();
    const lastRun = run === opts.runs;
    last = await joinAndLoad(browser, server, big, lastRun ? profileFile('load.cpuprofile') : null, lastRun ? opts.loadTraceFile : null);
    times.push(last.totalMs);
    console.log(`run ${run}: join to ${opts.notes} notes painted ${describeLoad(last)}`);
  }
  console.log(`join to board on screen, median of ${times.length}: ${ms(median(times))}`);

  await measureDrags(last!.page, `${opts.notes}-note board`, profileFile('drag.cpuprofile'), opts.traceFile);
  await last!.close();

  if (opts.smallNotes > 0) {
    const small = await seedBoard(server, opts.smallNotes, 2);
    const loaded = await joinAndLoad(browser, server, small, null);
    try {
      console.log(`${opts.smallNotes}-note board: join to notes painted ${describeLoad(loaded)}`);
      await measureDrags(loaded.page, `${opts.smallNotes}-note board`, null);
    } finally {
      await loaded.close();
    }
  }
} finally {
  await browser?.close();
  await server.stop();
  removeDataDir(server.dataDir);
}
