import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { normalizeJoinCode, type TemplateId } from '@balcony/shared';
import { launchChromium } from '../../support/chromium.js';
import { removeDataDir, spawnServer, type SpawnedServer } from '../../support/spawnServer.js';
import { BoardPage } from '../pages/BoardPage.js';
import { FacilitatorConsole } from '../pages/FacilitatorConsole.js';
import { PhaseBar } from '../pages/PhaseBar.js';
import { SharePanel } from '../pages/SharePanel.js';
import { StartPage } from '../pages/StartPage.js';
import { artifactPath } from './artifacts.js';
import { NetworkSwitch } from './networkSwitch.js';
import { commandOnce } from '../../support/control.js';

/**
 * The phase a test's session is taken to unless it says otherwise: one where everyone writes. A
 * session starts in its welcome phase, where only the facilitator does.
 */
const OPEN_PHASES: Partial<Record<TemplateId, string>> = { 'what-works-circle': 'learning', 'cultural-web': 'current-reveal' };

/** One person in a browser test: their own browser context, page and page objects. */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  start: StartPage;
  board: BoardPage;
  share: SharePanel;
  phase: PhaseBar;
  /** The facilitator console (on a facilitator's board only). */
  console: FacilitatorConsole;
  network?: NetworkSwitch;
  /** Set by a test once it knows it, to tell this person's notes apart. */
  participantId?: string;
  /** Console errors (Content-Security-Policy violations among them) and uncaught exceptions. */
  problems: string[];
  /** The uncaught exceptions alone. */
  uncaught: string[];
  /** Console warnings, printed with the problems when a test fails. */
  warnings: string[];
}

/** A failed dynamic import reaches `pageerror` with an empty stack; keep its message then. */
function describeError(e: Error): string {
  return e.stack || `${e.name}: ${e.message}`;
}

/**
 * A workshop for one browser test file: the real server, one Chromium, and a browser context
 * for each person. It registers the file's hooks: start both before the first test; when a test
 * fails, a screenshot of everyone and what their pages and the server said; close it all after.
 * The tests of a file tell one session in order, so each marks the step it reached.
 */
export function useWorkshop(label: string) {
  let server: SpawnedServer | undefined;
  let browser: Browser | undefined;
  const everyone: Person[] = [];
  let stepsDone = 0;

  beforeAll(async () => {
    server = await spawnServer();
    browser = await launchChromium();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const slug = `${label}-${task.name}`.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    for (const p of everyone) {
      await p.page.screenshot({ path: artifactPath(`failed-${slug}-${p.name}.png`), fullPage: true }).catch(() => {});
      const said = [...p.problems, ...p.warnings];
      if (said.length) console.error(`[${p.name}] ${p.page.url()}\n${said.slice(-30).join('\n')}`);
    }
    if (server) console.error(`[server output, last lines]\n${server.output().split('\n').slice(-40).join('\n')}`);
  });

  afterAll(async () => {
    for (const p of everyone) await p.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    if (server) {
      await server.stop();
      removeDataDir(server.dataDir);
    }
  });

  /** Records what a page of this person reports. */
  function watch(person: Person, page: Page): void {
    page.on('console', (m) => {
      if (m.type() === 'error') person.problems.push(m.text());
      else if (m.type() === 'warning') person.warnings.push(m.text());
    });
    page.on('pageerror', (e) => {
      const text = describeError(e);
      person.problems.push(text);
      person.uncaught.push(text);
    });
  }

  return {
    get server(): SpawnedServer {
      if (!server) throw new Error('the server did not start');
      return server;
    },
    everyone,
    watch,
    /** A person with a fresh context at a council laptop's size; `network` lets a test cut them off. */
    async newPerson(name: string, opts: { network?: boolean } = {}): Promise<Person> {
      if (!browser || !server) throw new Error('the browser or the server did not start');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
      // Chromium reports a blocked script or style on the console too, but this names the directive.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
        });
      });
      // Routing has to exist before the page opens its first socket.
      const network = opts.network ? await NetworkSwitch.install(context) : undefined;
      const page = await context.newPage();
      const person: Person = {
        name,
        context,
        page,
        start: new StartPage(page, server.url),
        board: new BoardPage(page),
        share: new SharePanel(page),
        phase: new PhaseBar(page),
        console: new FacilitatorConsole(page),
        ...(network ? { network } : {}),
        problems: [],
        uncaught: [],
        warnings: [],
      };
      watch(person, page);
      everyone.push(person);
      return person;
    },
    /**
     * Hosts a session as this person and brings them to its board with the invite panel closed;
     * resolves to the join code the panel showed.
     */
    async host(person: Person, session: { title: string; template: TemplateId; phase?: string | null; anonymous?: boolean }): Promise<string> {
      await person.start.open();
      await person.start.host({
        title: session.title,
        template: session.template,
        name: person.name,
        ...(session.anonymous !== undefined ? { anonymous: session.anonymous } : {}),
      });
      await person.share.root.waitFor();
      const joinCode = normalizeJoinCode(await person.share.codeText());
      await person.share.close();
      await person.board.waitUntilConnected();
      const phase = session.phase === undefined ? (OPEN_PHASES[session.template] ?? null) : session.phase;
      if (phase !== null) await this.gotoPhase(person, phase);
      return joinCode;
    },
    /**
     * Takes the session this person's page shows to a phase, with their token, as a second tab of
     * theirs would: for tests of the board, which are not tests of the console.
     */
    async gotoPhase(person: Person, phaseId: string): Promise<void> {
      const sessionId = decodeURIComponent(new URL(person.page.url()).pathname.split('/').pop() ?? '');
      const token = await person.page.evaluate((id) => (JSON.parse(localStorage.getItem(`balcony.session.${id}`) ?? '{}') as { token?: string }).token, sessionId);
      if (!token || !server) throw new Error('no session token in this page');
      const ack = await commandOnce(server.url, token, { type: 'phase.goto', phaseId });
      if (!ack.ok) throw new Error(`phase.goto ${phaseId}: ${ack.error.message}`);
    },
    /** Points a person's page objects at a new page of theirs (a tab opened again). */
    switchPage(person: Person, page: Page): void {
      watch(person, page);
      person.page = page;
      person.board = new BoardPage(page);
      person.share = new SharePanel(page);
      person.phase = new PhaseBar(page);
      person.console = new FacilitatorConsole(page);
    },
    /**
     * The facilitator moves the session to a phase from their console, and every board named
     * shows it; phases decide who may write, so a test that has people write starts here.
     */
    async goToPhase(facilitator: Person, phaseId: string, people: readonly Person[] = []): Promise<void> {
      await facilitator.console.goToPhase(phaseId);
      await Promise.all([facilitator, ...people].map((p) => p.phase.waitForPhase(phaseId)));
    },
    /** Marks the step of the file's session that a test reached. */
    reached(step: number): void {
      stepsDone = step;
    },
    /** Refuses to run a test on a session an earlier, failed test left unfinished. */
    needSteps(n: number): void {
      if (stepsDone < n) throw new Error('An earlier test in this file failed; this one continues its session.');
    },
  };
}
