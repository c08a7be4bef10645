import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { eventually } from '../support/eventually.js';

/**
 * Axe with the WCAG 2.2 AA rules, zero violations of any impact, on every state of the board a
 * person meets: at a council laptop's size, on a projector and on a phone. One facilitator walks
 * the states at each size; a participant on a phone checks the people list and the zone stepper.
 */
const workshop = useWorkshop('board-a11y');
const { needSteps, newPerson } = workshop;

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `Line ${i + 1}: supervision is booked, then moved for the duty rota.`).join(' ');

let fran: Person;
let joinLink = '';
const notes: string[] = [];

/** Checks the page at its current state, naming the state and size when it fails. */
async function check(page: Page, state: string, size: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  try {
    await expectNoA11yViolations(page);
  } catch (e) {
    await page.screenshot({ path: artifactPath(`a11y-${size}-${state}.png`) });
    throw new Error(`${state} at ${size}: ${(e as Error).message}`);
  }
}

describe('the board passes axe in every state, at every size', () => {
  it('a facilitator hosts a cultural web: the invite panel and the empty board', async () => {
    fran = await newPerson('Fran', { network: true });
    await fran.start.open();
    await fran.start.host({ title: 'Team culture', template: 'cultural-web', name: 'Fran' });
    await fran.share.root.waitFor();
    await fran.board.waitUntilConnected();
    joinLink = await fran.share.linkText();
    for (const size of SIZES) {
      await fran.page.setViewportSize(size);
      await check(fran.page, 'invite-panel', size.name);
    }
    await fran.share.close();
    for (const size of SIZES) {
      await fran.page.setViewportSize(size);
      await check(fran.page, 'empty', size.name);
    }
    await fran.page.setViewportSize(SIZES[0]);
    workshop.reached(1);
  });

  it('with notes, a long note open, a menu, the move dialog and an editor', async () => {
    needSteps(1);
    for (const [zone, text] of [
      ['paradigm', 'We are a family here'],
      ['paradigm', 'Nobody says no to the manager'],
      ['stories', 'The night the office flooded'],
      ['symbols', 'Lanyards'],
    ] as const)
      notes.push(await fran.board.addNote(zone, text, 'button'));
    const long = await fran.board.addNote('rituals', 'Long', 'button');
    await fran.board.edit(long, LONG_TEXT);
    notes.push(long);
    const board = fran.board;
    for (const size of SIZES) {
      await fran.page.setViewportSize(size);
      await board.zone('power').focus();
      await check(fran.page, 'notes', size.name);

      // The long note open on focus, its words scrolling in a region Tab reaches.
      await board.select(long);
      const words = board.note(long).getByTestId('board.note.text');
      await eventually(async () => expect(await words.evaluate((el) => getComputedStyle(el).overflowY)).toBe('auto'));
      await check(fran.page, 'long-note-open', size.name);
      await fran.page.keyboard.press('Tab');
      expect(await words.evaluate((el) => el === document.activeElement && el.scrollHeight > el.clientHeight)).toBe(true);
      await fran.page.keyboard.press('PageDown');
      await eventually(async () => expect(await words.evaluate((el) => el.scrollTop)).toBeGreaterThan(0));

      await board.openMenu(notes[0]!);
      await check(fran.page, 'note-menu', size.name);
      await board.closeMenu();

      const note = await board.select(notes[0]!);
      await note.press('Alt+m');
      await board.moveDialog.waitFor();
      await check(fran.page, 'move-dialog', size.name);
      await fran.page.keyboard.press('Escape');
      await board.moveDialog.waitFor({ state: 'hidden' });

      await note.press('Enter');
      await board.editor.waitFor();
      await check(fran.page, 'editing', size.name);
      await board.editor.press('Escape');
      await board.editor.waitFor({ state: 'hidden' });
    }
    await fran.page.setViewportSize(SIZES[0]);
    workshop.reached(2);
  });

  it('offline, with the banner showing', async () => {
    needSteps(2);
    await fran.network!.goOffline();
    await fran.board.offlineBanner.waitFor();
    for (const size of SIZES) {
      await fran.page.setViewportSize(size);
      await check(fran.page, 'offline', size.name);
    }
    await fran.network!.goOnline();
    await fran.board.waitUntilConnected();
    await fran.page.setViewportSize(SIZES[0]);
    workshop.reached(3);
  });

  it('a participant on a phone: the people list open and the zone stepper', async () => {
    needSteps(3);
    const cleo = await newPerson('Cleo');
    await cleo.page.setViewportSize({ width: 390, height: 844 });
    await cleo.start.openJoinLink(joinLink);
    await cleo.start.join({ name: 'Cleo' });
    await cleo.board.waitUntilConnected();
    await check(cleo.page, 'participant', 'phone');
    const toggle = cleo.page.getByTestId('topbar.presenceToggle');
    await toggle.click();
    await cleo.board.presence.waitFor();
    await check(cleo.page, 'people-open', 'phone');
    await toggle.click();
    await cleo.page.getByTestId('board.zoneStepper.next').click();
    await check(cleo.page, 'next-zone', 'phone');
    await cleo.page.setViewportSize({ width: 360, height: 740 });
    await check(cleo.page, 'narrow-phone', 'phone');
  });
});
