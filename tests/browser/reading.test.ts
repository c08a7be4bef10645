import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { eventually } from '../support/eventually.js';

/**
 * The board as people read it: note words at a readable size on a laptop and on a projector, a
 * long note that says so and opens, a crowded zone whose notes stay clear of each other, and an
 * offline banner that leaves the board alone. Axe runs on each state.
 */
const workshop = useWorkshop('reading');
const { needSteps, newPerson } = workshop;

let fran: Person;
let ben: Person;
const paradigmNotes: string[] = [];
let longNote = '';
const LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) => `Point ${i + 1}: the team says managers decide, but the rota is set by whoever phones first.`,
).join(' ');

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/**
 * The paradigm's notes are inside the circle and clear of every zone's name on this person's
 * screen, and none hides another's words: side by side, or in a cascade (each drawn over the one
 * before it), never over the first line of the one before.
 */
async function expectParadigmClear(p: Person): Promise<void> {
  const zone = p.board.zone('paradigm');
  const notes = await boxes(zone.getByTestId('board.note'));
  expect(notes).toHaveLength(paradigmNotes.length);
  const circle = await p.board.box(zone.locator('circle.zone-shape'));
  const r = circle.width / 2;
  const inCircle = (x: number, y: number) => Math.hypot(x - circle.x - r, y - circle.y - r) <= r + 1;
  const cascade = await zone.evaluate((el) => el.classList.contains('is-cascade'));
  for (const [i, a] of notes.entries()) {
    for (const [x, y] of [[a.x, a.y], [a.x + a.width, a.y], [a.x, a.y + a.height], [a.x + a.width, a.y + a.height]] as const)
      expect(inCircle(x, y), 'a paradigm note reaches out of the circle').toBe(true);
    // 28 of a compact note's 70 units: its padding and first line (layout.ts CASCADE_STRIP).
    const words = cascade ? { ...a, height: (a.height * 28) / 70 } : a;
    for (const b of notes.slice(i + 1)) expect(intersects(words, b), 'a paradigm note hides the words of another').toBe(false);
  }
  const labels = await boxes(p.board.zoneLabels);
  for (const n of notes) for (const l of labels) expect(intersects(n, l), 'a note covers a zone name').toBe(false);
}

/** Moves focus off any note, so that none is open, and waits for the board to settle. */
async function settle(p: Person): Promise<void> {
  await p.page.mouse.move(1, 1);
  // Focus on a zone selects no note.
  await p.board.zone('power').focus();
  await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('reading the board', () => {
  it('a facilitator opens a cultural web, the invite panel sits beside the board, and the empty board passes axe', async () => {
    fran = await newPerson('Fran');
    await fran.start.open();
    await fran.start.host({ title: 'Team culture', template: 'cultural-web', name: 'Fran' });
    await fran.share.root.waitFor();
    await fran.board.waitUntilConnected();
    // Beside the board, not over it: every zone stays in view and clear of the panel.
    const panel = await fran.board.box(fran.share.root);
    for (const zone of await boxes(fran.page.getByTestId('board.zone.label'))) {
      expect(intersects(zone, panel), 'a zone name under the invite panel').toBe(false);
      expect(zone.x + zone.width).toBeLessThanOrEqual(panel.x);
    }
    await fran.page.screenshot({ path: artifactPath('reading-share-open.png') });
    await expectNoA11yViolations(fran.page);
    await fran.share.close();
    await expectNoA11yViolations(fran.page);
    workshop.reached(1);
  });

  it('four notes in the paradigm circle stay inside it, clear of the zone names, each first line in view', async () => {
    needSteps(1);
    for (const text of ['We are a family here', 'Nobody says no to the manager', 'Paperwork first, people second', 'We cope'])
      paradigmNotes.push(await fran.board.addNote('paradigm', text, 'button'));
    await settle(fran);
    await expectParadigmClear(fran);
    await fran.page.screenshot({ path: artifactPath('reading-paradigm.png') });
    await expectNoA11yViolations(fran.page);
    workshop.reached(2);
  });

  it('a note drawn clear of where it was put starts a drag from where it is drawn', async () => {
    needSteps(2);
    const page = fran.page;
    // The arrangement moved at least one of the four from its stored spot.
    const moved = await page.evaluate((ids) => {
      for (const id of ids) {
        const slot = document.querySelector<HTMLElement>(`[data-note-id="${id}"]`)?.parentElement;
        const dx = parseFloat(slot?.style.getPropertyValue('--slot-x') ?? '0');
        const dy = parseFloat(slot?.style.getPropertyValue('--slot-y') ?? '0');
        if (Math.hypot(dx, dy) > 5) return id;
      }
      return null;
    }, paradigmNotes);
    expect(moved, 'no paradigm note is drawn away from where it was put').not.toBeNull();
    const before = await fran.board.box(fran.board.note(moved!));
    const grip = { x: before.x + before.width / 2, y: before.y + 12 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 10, grip.y + 6, { steps: 5 });
    const during = await fran.board.box(fran.board.note(moved!));
    // Press Escape to end the drag without moving the note, then let go.
    await page.keyboard.press('Escape');
    await page.mouse.up();
    expect(during.x - before.x).toBeCloseTo(10, 0);
    expect(during.y - before.y).toBeCloseTo(6, 0);
    await settle(fran);
    await expectParadigmClear(fran);
  });

  it('note words are drawn at 14 px or more on a laptop and 16 px or more on a projector', async () => {
    needSteps(2);
    const laptop = await fran.board.renderedNoteTextPx();
    expect(laptop).toBeGreaterThanOrEqual(14);
    await fran.page.setViewportSize({ width: 1920, height: 1080 });
    await eventually(async () => expect(await fran.board.renderedNoteTextPx()).toBeGreaterThanOrEqual(16));
    const projector = await fran.board.renderedNoteTextPx();
    await fran.page.setViewportSize({ width: 390, height: 844 });
    await fran.page.waitForTimeout(50);
    const phone = await fran.board.renderedNoteTextPx();
    await fran.page.setViewportSize({ width: 1280, height: 800 });
    await eventually(async () => expect(await fran.board.renderedNoteTextPx()).toBeCloseTo(laptop, 1));
    console.info(`note text on screen: ${laptop.toFixed(1)} px at 1280×800, ${projector.toFixed(1)} px at 1920×1080, ${phone.toFixed(1)} px at 390×844`);
    workshop.reached(3);
  });

  it('a long note says it holds more, and shows all of it on focus', async () => {
    needSteps(3);
    longNote = await fran.board.addNote('stories', 'Long', 'button');
    await fran.board.edit(longNote, LONG_TEXT);
    await settle(fran);
    await eventually(async () => expect(await fran.board.noteSaysMore(longNote)).toBe(true));
    expect(await fran.board.noteShowsAll(longNote)).toBe(false);
    await fran.board.select(longNote);
    expect(await fran.board.noteShowsAll(longNote)).toBe(true);
    await fran.page.screenshot({ path: artifactPath('reading-long-note-open.png') });
    await settle(fran);
    // A short note says nothing of the kind.
    expect(await fran.board.noteSaysMore(paradigmNotes[0]!)).toBe(false);
    workshop.reached(4);
  });

  it('deleting a note shows its toast without moving the tools or the board', async () => {
    needSteps(4);
    const toolbar = fran.page.locator('.board-toolbar');
    const before = { toolbar: await fran.board.box(toolbar), canvas: await fran.board.box(fran.board.canvas) };
    const doomed = await fran.board.addNote('symbols', 'Lanyards', 'button');
    await settle(fran);
    const withNote = await fran.board.box(fran.board.canvas);
    await fran.board.remove(doomed);
    await fran.page.locator('.toast').waitFor();
    expect(await fran.board.box(toolbar)).toEqual(before.toolbar);
    expect(await fran.board.box(fran.board.canvas)).toEqual(withNote);
    workshop.reached(5);
  });

  it('offline, the banner leaves the board uncovered and others show as not known', async () => {
    needSteps(5);
    const code = (await (async () => {
      await fran.share.reopen();
      const c = await fran.share.codeText();
      await fran.share.close();
      return c;
    })()).replace('-', '');
    ben = await newPerson('Ben', { network: true });
    await ben.start.open();
    await ben.start.join({ code, name: 'Ben' });
    await ben.board.waitUntilConnected();
    await eventually(async () => expect(await ben.board.people.count()).toBe(2));
    // The board has reached Ben before he goes offline.
    await eventually(async () => expect(await ben.board.zone('paradigm').getByTestId('board.note').count()).toBe(paradigmNotes.length));
    await ben.network!.goOffline();
    await ben.board.offlineBanner.waitFor();
    const banner = await ben.board.box(ben.board.offlineBanner);
    for (const zone of await boxes(ben.page.getByTestId('board.zone')))
      expect(intersects(banner, zone), 'the banner covers a zone').toBe(false);
    // The board is fitted to the room left, and a fuller circle stays readable at that size.
    await settle(ben);
    await expectParadigmClear(ben);
    expect(intersects(banner, await ben.board.box(ben.page.locator('.board-viewport')))).toBe(false);
    const people = ben.page.locator('[data-testid="presence.person"]');
    await eventually(async () => {
      const states = await people.evaluateAll((els) => els.map((el) => [el.getAttribute('data-presence'), (el as HTMLElement).innerText]));
      const others = states.filter(([, text]) => !String(text).includes('(you)'));
      expect(others.length).toBeGreaterThan(0);
      for (const [state] of others) expect(state).toBe('unknown');
    });
    await ben.page.screenshot({ path: artifactPath('reading-offline.png') });
    await expectNoA11yViolations(ben.page);
    await ben.network!.goOnline();
    await ben.board.waitUntilConnected();
    workshop.reached(6);
  });

  it('on a phone a participant joins by link, goes zone by zone, zooms, and adds a note without sideways scroll', async () => {
    needSteps(6);
    await fran.share.reopen();
    const link = await fran.share.linkText();
    await fran.share.close();
    const cleo = await newPerson('Cleo');
    await cleo.page.setViewportSize({ width: 360, height: 740 });
    await cleo.start.openJoinLink(link);
    await cleo.start.join({ name: 'Cleo' });
    await cleo.board.waitUntilConnected();
    // Silent writing on the current web: Cleo writes.
    await workshop.goToPhase(fran, 'current-silent', [cleo]);
    const page = cleo.page;
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBeLessThanOrEqual(0);

    // Who is here is a count that opens.
    const toggle = page.getByTestId('topbar.presenceToggle');
    // Once the people list is live (while it connects it says who is in the session).
    await eventually(async () => expect((await toggle.innerText()).trim()).toMatch(/^\d+ here$/));
    await toggle.click();
    await cleo.board.presence.waitFor();
    await toggle.click();

    // The first press of "+" already zooms the board.
    const before = await cleo.board.box(cleo.board.canvas);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await eventually(async () => expect((await cleo.board.box(cleo.board.canvas)).width).toBeGreaterThan(before.width * 1.2));
    await page.getByRole('button', { name: 'Zoom out' }).click();

    // Zone by zone: the next zone comes into view and takes the new note.
    const name = page.getByTestId('board.zoneStepper.name');
    await page.getByTestId('board.zoneStepper.next').click();
    await page.getByTestId('board.zoneStepper.next').click();
    expect(await name.innerText()).toContain('Rituals and routines');
    const label = await cleo.board.box(cleo.board.zone('rituals').getByTestId('board.zone.label'));
    expect(label.x).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width).toBeLessThanOrEqual(360);
    const id = await cleo.board.addNote('rituals', 'Friday cake after the duty rota', 'button');
    expect(await cleo.board.note(id).getAttribute('data-zone-id')).toBe('rituals');
    expect(await sideways()).toBeLessThanOrEqual(0);
    // The note's actions are a touch target of 44 px.
    const menu = await cleo.board.box(cleo.board.note(id).getByTestId('board.note.menu'));
    expect(Math.min(menu.width, menu.height)).toBeGreaterThanOrEqual(44);
    // At 360 px, where names wrap and questions grow, no note covers a zone's name or question.
    await settle(cleo);
    const words = await boxes(page.locator('[data-testid="board.zone.label"], [data-testid="board.zone.prompt"]'));
    for (const n of await boxes(cleo.board.notes))
      for (const w of words) expect(intersects(n, w), 'a note covers a zone name or question on a phone').toBe(false);
    await page.screenshot({ path: artifactPath('reading-phone.png') });
    await expectNoA11yViolations(page);
  });
});
