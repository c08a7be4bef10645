import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { normalizeJoinCode } from '@balcony/shared';
import { launchChromium } from '../support/chromium.js';
import { removeDataDir, spawnServer, type SpawnedServer } from '../support/spawnServer.js';
import { BoardPage } from './pages/BoardPage.js';
import { SharePanel } from './pages/SharePanel.js';
import { StartPage } from './pages/StartPage.js';
import { artifactPath } from './support/artifacts.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { CONTENT_SECURITY_POLICY } from '../../server/src/security/headers.js';

interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  start: StartPage;
  board: BoardPage;
  share: SharePanel;
  /** Console errors (Content-Security-Policy violations among them) and uncaught exceptions. */
  problems: string[];
}

let server: SpawnedServer | undefined;
let browser: Browser | undefined;
const everyone: Person[] = [];
let fran: Person;
let amara: Person;
let joinCode = '';
let stepsDone = 0;
function needSteps(n: number): void {
  if (stepsDone < n) throw new Error('An earlier test in this file failed; this one continues its session.');
}

async function newPerson(name: string): Promise<Person> {
  if (!browser || !server) throw new Error('the browser or the server did not start');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  // Chromium reports a blocked script or style on the console too, but this names the directive.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  const page = await context.newPage();
  const person: Person = {
    name,
    context,
    page,
    start: new StartPage(page, server.url),
    board: new BoardPage(page),
    share: new SharePanel(page),
    problems: [],
  };
  page.on('console', (m) => {
    if (m.type() === 'error') person.problems.push(m.text());
  });
  page.on('pageerror', (e) => person.problems.push(e.stack || e.message));
  everyone.push(person);
  return person;
}

beforeAll(async () => {
  server = await spawnServer();
  browser = await launchChromium();
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  for (const p of everyone) {
    await p.page.screenshot({ path: artifactPath(`failed-join-lock-${p.name}.png`), fullPage: true }).catch(() => {});
    if (p.problems.length) console.error(`[${p.name}] ${p.page.url()}\n${p.problems.slice(-20).join('\n')}`);
  }
  if (server) console.error(`[server output, last lines]\n${server.output().split('\n').slice(-30).join('\n')}`);
});

afterAll(async () => {
  for (const p of everyone) await p.context.close().catch(() => {});
  await browser?.close().catch(() => {});
  if (server) {
    await server.stop();
    removeDataDir(server.dataDir);
  }
});

describe('closing joining from the share panel', () => {
  it('runs the built client under the Content-Security-Policy, and the share panel passes axe', async () => {
    fran = await newPerson('Fran');
    const response = await fran.page.goto(`${server!.url}/`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await fran.start.joinCode.waitFor();
    await fran.start.host({ title: 'Practice circle', template: 'what-works-circle', name: 'Fran' });
    await fran.share.root.waitFor();
    await fran.board.waitUntilConnected();
    joinCode = normalizeJoinCode(await fran.share.codeText());
    await fran.page.locator('[data-testid="share.joinState"][data-locked="false"]').waitFor();
    expect(await fran.share.joinState.innerText()).toMatch(/Joining is open/);

    await expectNoSeriousA11yViolations(fran.page, '[data-testid="share.panel"]');
    // The page loaded, connected both sockets and drew the board with nothing blocked.
    expect(fran.problems).toEqual([]);
    stepsDone = 1;
  });

  it('the facilitator closes joining from the keyboard, and the panel says so in a live region', async () => {
    needSteps(1);
    expect(await fran.share.toggleJoiningWith('Space')).toBe(true);
    expect(await fran.share.joinState.getAttribute('role')).toBe('status');
    expect(await fran.share.joinState.innerText()).toMatch(/Joining is closed: nobody new can join/);
    expect((await fran.share.joinLockButton.innerText()).trim()).toBe('Reopen joining');
    // Focus stays where the keyboard left it, so the change can be undone at once.
    expect(await fran.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('share.joinLock');
    await fran.page.screenshot({ path: artifactPath('share-panel-joining-closed.png') });
    await expectNoSeriousA11yViolations(fran.page, '[data-testid="share.panel"]');
    stepsDone = 2;
  });

  it('someone with the code is told in plain words that the session is not taking new people', async () => {
    needSteps(2);
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${server!.url}/join/${joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.start.error.waitFor();
    expect((await amara.start.error.innerText()).trim()).toMatch("This session isn't taking new people. Ask your facilitator.");
    await amara.page.screenshot({ path: artifactPath('join-closed.png'), fullPage: true });
    expect(new URL(amara.page.url()).pathname).toBe(`/join/${joinCode}`);
    // The refused join is the only thing the browser complained about.
    expect(amara.problems).toEqual([expect.stringContaining('403')]);
    amara.problems.length = 0;
    stepsDone = 3;
  });

  it('once the facilitator reopens joining, the same person gets in', async () => {
    needSteps(3);
    expect(await fran.share.toggleJoiningWith('Enter')).toBe(false);
    expect(await fran.share.joinState.innerText()).toMatch(/Joining is open/);
    expect((await fran.share.joinLockButton.innerText()).trim()).toBe('Close joining');

    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();
    expect(new URL(amara.page.url()).pathname).toMatch(/^\/s\//);
    for (const p of [fran, amara]) expect(p.problems, p.name).toEqual([]);
  });
});
