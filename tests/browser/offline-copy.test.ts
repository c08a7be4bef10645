import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BOARD_SCHEMA_VERSION, addNote, getMeta, getNotes } from '@balcony/shared';
import { launchChromium } from '../support/chromium.js';
import { removeDataDir, spawnServer, type SpawnedServer } from '../support/spawnServer.js';
import { eventually } from '../support/eventually.js';
import { BoardPage } from './pages/BoardPage.js';
import { SharePanel } from './pages/SharePanel.js';
import { StartPage } from './pages/StartPage.js';
import { artifactPath } from './support/artifacts.js';

/**
 * The copy of a board a browser keeps in IndexedDB passes the shared restore gate before it joins
 * the live board. A copy of a newer schema than the app knows (left by a newer version of the app
 * in another tab, say) is thrown away, and the board comes from the server instead.
 */

let server: SpawnedServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const logged: string[] = [];
const problems: string[] = [];

const dbName = (sessionId: string) => `balcony-${sessionId}`;

/** Replaces the browser's copy with these updates, laid out as y-indexeddb keeps them. */
function writeCopy(p: Page, sessionId: string, updates: Uint8Array[]): Promise<void> {
  return p.evaluate(
    ({ name, updates }) =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase(name);
        del.onerror = () => reject(del.error);
        del.onsuccess = () => {
          const open = indexedDB.open(name);
          open.onupgradeneeded = () => {
            open.result.createObjectStore('updates', { autoIncrement: true });
            open.result.createObjectStore('custom');
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('updates', 'readwrite');
            for (const u of updates) tx.objectStore('updates').add(new Uint8Array(u));
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        };
      }),
    { name: dbName(sessionId), updates: updates.map((u) => [...u]) },
  );
}

/** The browser's copy, as one document. */
async function readCopy(p: Page, sessionId: string): Promise<Y.Doc> {
  const updates = await p.evaluate(
    (name) =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('updates', 'readonly').objectStore('updates').getAll();
          all.onsuccess = () => {
            resolve((all.result as Uint8Array[]).map((u) => [...u]));
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    dbName(sessionId),
  );
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u));
  return doc;
}

beforeAll(async () => {
  server = await spawnServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await page?.screenshot({ path: artifactPath('failed-offline-copy.png'), fullPage: true }).catch(() => {});
  console.error([...problems, ...logged].slice(-20).join('\n'));
  if (server) console.error(`[server output, last lines]\n${server.output().split('\n').slice(-30).join('\n')}`);
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  if (server) {
    await server.stop();
    removeDataDir(server.dataDir);
  }
});

describe('the offline copy of a board', () => {
  it('is thrown away when it is of a newer schema, and the board loads from the server', async () => {
    if (!context || !server) throw new Error('the browser or the server did not start');
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'info') logged.push(m.text());
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.stack || e.message));
    const start = new StartPage(page, server.url);
    const share = new SharePanel(page);
    let board = new BoardPage(page);
    await start.open();
    await start.host({ title: 'Team day', template: 'what-works-circle', name: 'Fran' });
    await share.root.waitFor();
    await share.close();
    await board.waitUntilConnected();
    const kept = await board.addNote('questions', 'What helped this week?');
    const boardUrl = page.url();
    const sessionId = new URL(boardUrl).pathname.split('/').pop()!;
    const participantId = await board.people.first().getAttribute('data-participant-id');

    // Leave the board, and put in its place a copy as a future version of the app would keep it.
    await start.open();
    const future = new Y.Doc();
    getMeta(future).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    addNote(future, {
      id: 'from-the-future',
      zone: 'questions',
      x: 0.5,
      y: 0.5,
      color: '#FFE98F',
      authorId: participantId ?? 'someone',
      createdAt: Date.now(),
      text: 'Written by a newer app',
    });
    await writeCopy(page, sessionId, [Y.encodeStateAsUpdate(future)]);

    await page.goto(boardUrl);
    board = new BoardPage(page);
    await board.waitUntilConnected();
    await eventually(async () => expect((await board.notesOnScreen()).map((n) => n.id)).toEqual([kept]));
    await eventually(() => expect(logged.join('\n')).toContain('The offline copy of the board is discarded'));

    // The browser keeps the server's board now, and nothing of the newer copy.
    await eventually(async () => {
      const copy = await readCopy(page, sessionId);
      expect(getMeta(copy).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
      expect([...getNotes(copy).keys()]).toEqual([kept]);
    });
    expect(await board.connectionState(), 'nothing the server refuses was sent').toBe('connected');
    expect(problems).toEqual([]);
  });
});
