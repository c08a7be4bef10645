import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LIMITS, isJoinCode, normalizeJoinCode } from '@balcony/shared';
import { WCAG_22_AA_TAGS, expectNoA11yViolations } from './support/axe.js';
import { useWorkshop, type Person } from './support/workshop.js';

// What a person on a phone downloads before they can type: a budget they depend on, not a
// timing. See docs/BENCHMARKS.md and bench/start-page-weight.ts.
const START_PAGE_JS_BUDGET = 80_000;

const LAPTOP = { width: 1280, height: 800 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };

const { newPerson, reached, needSteps } = useWorkshop('start');

let joinCode = '';

async function personAt(name: string, viewport: { width: number; height: number }): Promise<Person> {
  const person = await newPerson(name);
  await person.page.setViewportSize(viewport);
  return person;
}

/** The scripts a page fetches from now on, each gzipped as `gzip -c` would. */
function recordScripts(page: Page): { scripts: { path: string; gzipped: number; requestedAt: number }[]; settled: () => Promise<void> } {
  const scripts: { path: string; gzipped: number; requestedAt: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    const requestedAt = res.request().timing().startTime;
    pending.push(
      res
        .body()
        .then((body) => void scripts.push({ path: new URL(res.url()).pathname, gzipped: gzipSync(body, { level: 6 }).length, requestedAt }))
        .catch(() => {}),
    );
  });
  return { scripts, settled: async () => void (await Promise.all(pending)) };
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page is no wider than the screen').toBeLessThanOrEqual(innerWidth);
}

/** Every button, input and select on the page is at least 44 by 44 CSS pixels. */
async function touchTargetsAreLarge(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, a[href]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ what: el.dataset.testid ?? el.outerHTML.slice(0, 60), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ what, box }) => `${what}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, 'touch targets smaller than 44×44 px').toEqual([]);
}

describe('the start page', () => {
  it('a facilitator hosts a session with the keyboard alone', async () => {
    const fran = await personAt('Fran', LAPTOP);
    await fran.start.open();
    const { start, page } = fran;

    await page.keyboard.press('Tab');
    expect(await start.focusedTestId()).toBe('start.host.title');

    // Starting without a title stops at the title, and says why there.
    await page.keyboard.press('Enter');
    await start.fieldError(start.hostTitle).waitFor();
    expect(await start.focusedTestId()).toBe('start.host.title');
    expect(await start.hostTitle.getAttribute('aria-invalid')).toBe('true');
    expect(await start.description(start.hostTitle)).toContain('Please give the session a title');
    expect(await start.error.count(), 'no second copy of the error by the button').toBe(0);

    await page.keyboard.type('Team learning circle');
    expect(await start.fieldError(start.hostTitle).count(), 'the error goes once there is a title').toBe(0);
    expect(await start.hostTitle.getAttribute('aria-invalid')).toBeNull();

    await page.keyboard.press('Tab');
    expect(await start.focusedTestId()).toBe('start.host.template');
    await page.keyboard.press('Tab');
    expect(await start.focusedTestId()).toBe('start.host.name');
    await page.keyboard.type('Fran');
    await page.keyboard.press('Enter');

    await fran.share.root.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/s\/[^/]+$/);
    joinCode = normalizeJoinCode(await fran.share.codeText());
    expect(isJoinCode(joinCode)).toBe(true);
    await fran.share.close();
    await fran.board.waitUntilConnected();
    expect(fran.problems, 'console errors, CSP violations among them').toEqual([]);
    reached(1);
  });

  it('a participant joins with the keyboard alone, and the board comes down while they type', async () => {
    needSteps(1);
    const amara = await personAt('Amara', LAPTOP);
    const { start, page } = amara;
    const fetched = recordScripts(page);
    const joinAnswered: number[] = [];
    page.on('requestfinished', (req) => {
      if (new URL(req.url()).pathname === '/api/join') joinAnswered.push(req.timing().startTime + req.timing().responseEnd);
    });
    await start.open();

    // Host first on a wide screen, then Join, in the order they are shown.
    const order: (string | null)[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await start.focusedTestId());
    }
    expect(order).toEqual([
      'start.host.title',
      'start.host.template',
      'start.host.name',
      'start.host.anonymous',
      'start.host.submit',
      'start.join.code',
      'start.join.name',
      'start.join.submit',
    ]);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await start.focusedTestId()).toBe('start.join.code');
    await page.keyboard.type(`${joinCode.slice(0, 3)} ${joinCode.slice(3)}`.toLowerCase());
    await page.keyboard.press('Tab');
    expect(await start.focusedTestId()).toBe('start.join.name');
    await page.keyboard.type('Amara');
    await page.keyboard.press('Enter');
    await amara.board.waitUntilConnected();

    await fetched.settled();
    const first = fetched.scripts[0]!;
    const later = fetched.scripts.filter((s) => s !== first);
    expect(later.length, 'the board is a part of its own').toBeGreaterThan(0);
    expect(joinAnswered).toHaveLength(1);
    for (const s of later) expect(s.requestedAt, `${s.path} was asked for before the join was answered`).toBeLessThan(joinAnswered[0]!);
    expect(amara.problems).toEqual([]);
    reached(2);
  });

  it('fetches less than 80 KB of gzipped script before anyone types', async () => {
    for (const path of ['/', '/join/ABCDEF']) {
      const person = await personAt(`Weigher ${path}`, PHONE);
      const fetched = recordScripts(person.page);
      await person.page.goto(person.start.url(path), { waitUntil: 'networkidle' });
      await person.start.joinCode.waitFor();
      await fetched.settled();
      const total = fetched.scripts.reduce((n, s) => n + s.gzipped, 0);
      expect(total, `${path}: ${fetched.scripts.map((s) => `${s.path} ${s.gzipped}`).join(', ')}`).toBeLessThan(START_PAGE_JS_BUDGET);
      await person.context.close();
    }
  });

  it('has no accessibility violations at a laptop, a projector and a phone', async () => {
    needSteps(1);
    for (const viewport of [LAPTOP, PROJECTOR, PHONE]) {
      const person = await personAt(`Axe ${viewport.width}`, viewport);
      await person.start.open();
      await expectNoA11yViolations(person.page);
      // With the title's error showing, and the counter of a name near its limit.
      await person.start.hostSubmit.click();
      await person.start.fieldError(person.start.hostTitle).waitFor();
      await person.start.hostName.fill('x'.repeat(LIMITS.nameMax - 3));
      await expectNoA11yViolations(person.page);

      await person.start.openJoinLink(person.start.url(`/join/${joinCode}`));
      expect(await person.start.focusedTestId(), 'a join link puts the cursor in the name').toBe('start.join.name');
      await expectNoA11yViolations(person.page);
      await person.context.close();
    }
  });

  it('stops a title and a name at their limits and says so', async () => {
    const ben = await personAt('Ben', LAPTOP);
    await ben.start.open();
    const { start } = ben;

    await start.hostTitle.fill('a'.repeat(LIMITS.titleMax - 30));
    expect(await start.description(start.hostTitle)).not.toContain('characters');
    await start.hostTitle.fill('a'.repeat(LIMITS.titleMax - 10));
    expect(await start.description(start.hostTitle)).toContain(`${LIMITS.titleMax - 10} of ${LIMITS.titleMax} characters`);
    await start.hostTitle.press('End');
    await ben.page.keyboard.type('b'.repeat(20));
    expect(await start.hostTitle.inputValue()).toHaveLength(LIMITS.titleMax);
    expect(await start.limitAnnouncement(start.hostTitle)).toBe(`No more room: a title holds up to ${LIMITS.titleMax} characters.`);

    // A paste that does not fit says how much of it did.
    await ben.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ben.page.evaluate((n) => navigator.clipboard.writeText('n'.repeat(n)), 60);
    await start.hostName.focus();
    await ben.page.keyboard.press('ControlOrMeta+V');
    expect(await start.hostName.inputValue()).toHaveLength(LIMITS.nameMax);
    expect(await start.limitAnnouncement(start.hostName)).toBe(
      `Only the first ${LIMITS.nameMax} characters of what you pasted fit: a name holds up to ${LIMITS.nameMax}.`,
    );

    expect(await start.hostTitle.getAttribute('maxlength')).toBe(String(LIMITS.titleMax));
    for (const field of [start.hostTitle, start.hostName, start.joinName]) expect(await field.getAttribute('dir')).toBe('auto');
    await ben.context.close();
  });

  it('says it is opening the board while the board\'s code is on its way', async () => {
    const slow = await personAt('Slow', PHONE);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await slow.context.route(/\/assets\/App-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await slow.page.goto(slow.start.url('/s/not-yet-here'));
    const opening = slow.page.getByRole('main', { name: 'Opening the board…' });
    await opening.waitFor();
    expect(await slow.page.getByRole('status').innerText()).toBe('Opening the board…');
    await expectNoA11yViolations(slow.page);
    release();
    await opening.waitFor({ state: 'detached' });
    await slow.context.close();
  });

  it('a participant on a phone sees Join first and joins by link, with no sideways scroll', async () => {
    needSteps(1);
    for (const viewport of [SMALL_PHONE, PHONE]) {
      const person = await personAt(`Phone ${viewport.width}`, viewport);
      await person.start.open();
      await noSidewaysScroll(person.page);
      await touchTargetsAreLarge(person.page);
      const join = await person.page.getByRole('heading', { name: 'Join a session' }).boundingBox();
      const host = await person.page.getByRole('heading', { name: 'Host a session' }).boundingBox();
      expect(join!.y, 'Join comes before Host').toBeLessThan(host!.y);
      const submit = await person.start.joinSubmit.boundingBox();
      expect(submit!.y + submit!.height, 'the Join button is on the first screen').toBeLessThanOrEqual(viewport.height);
      await person.context.close();
    }

    const kofi = await personAt('Kofi', PHONE);
    await kofi.start.openJoinLink(kofi.start.url(`/join/${joinCode}`));
    await noSidewaysScroll(kofi.page);
    await touchTargetsAreLarge(kofi.page);
    await kofi.start.join({ name: 'Kofi' });
    await kofi.board.waitUntilConnected();
    expect(kofi.problems).toEqual([]);
  });
});
