import { describe, expect, it } from 'vitest';
import type { SessionView } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { ActionsPanel } from './pages/ActionsPanel.js';
import { ComparePage } from './pages/ComparePage.js';
import { LibraryView } from './pages/LibraryView.js';
import { RecordView } from './pages/RecordView.js';
import { ReviewPanel } from './pages/ReviewPanel.js';
import { artifactPath } from './support/artifacts.js';

/**
 * A team comes back: the cultural web drawn in spring is finished, followed up in autumn from the
 * library, changed, compared with the spring one, its actions reviewed, and presented.
 */
const workshop = useWorkshop('revisit');
const { needSteps, newPerson } = workshop;

const SPRING = 'Our team culture, spring';
const AUTUMN = 'Our team culture, autumn';
const STORY = 'The night the duty desk held the whole county';
const RITUAL = 'Friday case huddle';
const SYMBOL = 'The sign on the office door';
const RITUAL_EDITED = 'Friday case huddle, now with the family support workers';
const NEW_STORY = 'The review that praised our direct work';
const HUDDLE_ACTION = 'Ask the service manager about a second huddle';
const DONE_ACTION = 'Put the team plan on the wall';

let fay: Person;
let library: LibraryView;
const ids = { spring: '', autumn: '' };
const notes = { story: '', ritual: '', symbol: '' };

async function sessionOnPage(p: Person): Promise<{ id: string; token: string }> {
  const id = decodeURIComponent(new URL(p.page.url()).pathname.split('/').pop() ?? '');
  const token = await p.page.evaluate((sid) => (JSON.parse(localStorage.getItem(`balcony.session.${sid}`) ?? '{}') as { token?: string }).token ?? '', id);
  return { id, token };
}

async function view(id: string): Promise<SessionView> {
  const token = await fay.page.evaluate((sid) => (JSON.parse(localStorage.getItem(`balcony.session.${sid}`) ?? '{}') as { token?: string }).token ?? '', id);
  const res = await fetch(`${workshop.server.url}/api/sessions/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as SessionView;
}

async function endSession(p: Person): Promise<void> {
  await p.console.open();
  await p.page.getByTestId('console.end.open').click();
  await p.page.getByTestId('endDialog.confirm').click();
  await new RecordView(p.page).waitForOpen();
}

describe('a team comes back to its cultural web', () => {
  it('finishes the spring web: notes in its elements, two actions, one of them done, and the session ended', async () => {
    fay = await newPerson('Fay');
    await workshop.host(fay, { title: SPRING, template: 'cultural-web' });
    ({ id: ids.spring } = await sessionOnPage(fay));
    notes.story = await fay.board.addNote('stories', STORY);
    notes.ritual = await fay.board.addNote('rituals', RITUAL);
    notes.symbol = await fay.board.addNote('symbols', SYMBOL);
    await fay.console.goToPhase('actions');
    const actions = new ActionsPanel(fay.page);
    await actions.open();
    await actions.add({ text: HUDDLE_ACTION, owner: 'Fay (you)', element: 'Rituals and routines', stakeholder: 'Service manager' });
    await actions.add({ text: DONE_ACTION, owner: { other: 'Dee Shah' } });
    await actions.items.filter({ hasText: DONE_ACTION }).getByTestId('actions.item.edit').click();
    await actions.form.getByTestId('actions.form.status').selectOption('done');
    await actions.form.getByTestId('actions.form.submit').click();
    await expect.poll(async () => (await actions.onScreen()).map((a) => [a.text, a.status])).toEqual([
      [HUDDLE_ACTION, 'Open'],
      [DONE_ACTION, 'Done'],
    ]);
    await actions.toggle.click();
    await endSession(fay);
    expect((await view(ids.spring)).endedAt).not.toBeNull();
    workshop.reached(1);
  });

  it('starts the autumn follow-up from the library, from the saved notes, by keyboard', async () => {
    needSteps(1);
    library = new LibraryView(fay.page, workshop.server.url);
    await library.open();
    await library.waitUntilRead();
    const spring = library.item(ids.spring);
    expect(await spring.getByTestId('library.item.status').innerText()).toBe('Ended');
    expect(await spring.getByTestId('library.item.actions').innerText()).toBe('1 open action');
    await library.tabTo(spring.getByTestId('library.followUp'));
    await fay.page.keyboard.press('Enter');
    await library.followUpDialog.waitFor();
    expect(await fay.page.getByTestId('followUpDialog.notes').isChecked()).toBe(true);
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.press('Control+a');
    await fay.page.keyboard.type(AUTUMN);
    await fay.page.keyboard.press('Enter');

    await fay.page.waitForURL((url) => /^\/s\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(ids.spring));
    await fay.share.root.waitFor();
    await fay.share.close();
    await fay.board.waitUntilConnected();
    ({ id: ids.autumn } = await sessionOnPage(fay));
    await fay.phase.waitForPhase('review-actions');
    const autumn = await view(ids.autumn);
    expect(autumn).toMatchObject({ title: AUTUMN, previousSessionId: ids.spring, openActions: 1 });
    workshop.reached(2);
  });

  it('reviews the action carried over: only the open one, marked carried on with a note, by keyboard', async () => {
    needSteps(2);
    const review = new ReviewPanel(fay.page);
    await review.root.waitFor();
    expect((await review.onScreen()).map((i) => i.text)).toEqual([HUDDLE_ACTION]);
    await review.choice(HUDDLE_ACTION, 'carried').focus();
    await fay.page.keyboard.press('Space');
    expect(await review.choice(HUDDLE_ACTION, 'carried').isChecked()).toBe(true);
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.type('Asked once; to ask again after the restructure');
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.press('Enter');
    await review.item(HUDDLE_ACTION).getByTestId('review.item.summary').waitFor();
    expect(await review.progress.innerText()).toBe('1 of 1 reviewed');
    await expectNoSeriousA11yViolations(fay.page, '[data-testid="actions.panel"]');
    workshop.reached(3);
  });

  it('changes the web: a note added, one edited, one moved to another element, and the session ended', async () => {
    needSteps(3);
    await new ActionsPanel(fay.page).toggle.click();
    await fay.console.goToPhase('current-reveal');
    await fay.board.waitForFrame('current');
    await expect.poll(async () => (await fay.board.notesOnScreen()).map((n) => n.id).sort()).toEqual([notes.story, notes.ritual, notes.symbol].sort());
    await fay.board.addNote('stories', NEW_STORY);
    await fay.board.edit(notes.ritual, RITUAL_EDITED);
    await fay.board.moveWithKeyboard(notes.symbol, 'power');
    await expect.poll(async () => (await fay.board.notesOnScreen()).find((n) => n.id === notes.symbol)?.zone).toBe('power');
    await endSession(fay);
    workshop.reached(4);
  });

  it('compares the autumn web with the spring one from the library: each change marked, the action then and now', async () => {
    needSteps(4);
    await library.open();
    await library.waitUntilRead();
    expect(await library.chainIds()).toEqual([[ids.spring, ids.autumn]]);
    const link = library.item(ids.autumn).getByTestId('library.compare');
    await library.tabTo(link);
    await fay.page.keyboard.press('Enter');
    const compare = new ComparePage(fay.page);
    await compare.result.waitFor();

    const byText = (list: { text: string; change: string; side: string }[], text: string) => list.filter((n) => n.text === text).map((n) => `${n.side}:${n.change}`);
    const stories = await compare.notesIn('stories');
    expect(byText(stories, NEW_STORY)).toEqual(['after:added']);
    expect(byText(stories, STORY).every((c) => c.endsWith('unchanged'))).toBe(true);
    const rituals = await compare.notesIn('rituals');
    expect(rituals.some((n) => n.change === 'changed' && n.text === RITUAL_EDITED)).toBe(true);
    const power = await compare.notesIn('power');
    expect(power.find((n) => n.text === SYMBOL)?.mark).toMatch(/Moved from Symbols/);
    const actionRows = await compare.actions();
    expect(actionRows.find((r) => r[0] === HUDDLE_ACTION)).toEqual([HUDDLE_ACTION, 'Fay', 'Open', 'Open', expect.stringContaining('carried over, reviewed carried on')]);
    expect(actionRows.find((r) => r[0] === DONE_ACTION)?.[4]).toBe('not carried over: it was done');
    await expectNoSeriousA11yViolations(fay.page);
    await fay.page.screenshot({ path: artifactPath('revisit-compare.png'), fullPage: true });
    workshop.reached(5);
  });

  it('presents the autumn web from the library: slide by slide by keyboard, the review among them, Escape back to the library', async () => {
    needSteps(5);
    await library.open();
    await library.waitUntilRead();
    await library.tabTo(library.item(ids.autumn).getByTestId('library.present'));
    await fay.page.keyboard.press('Enter');
    const page = fay.page;
    await page.getByTestId('present.page').waitFor();
    const slides = page.getByTestId('present.slide');
    const count = await slides.count();
    const counter = page.getByTestId('present.counter');
    const at = async () => (await counter.innerText()).split(':')[0]!.trim();
    const shown = page.locator('[data-testid="present.slide"][data-current="true"]');
    expect(await at()).toBe(`1 of ${count}`);
    expect(await shown.getByRole('heading').first().innerText()).toBe(AUTUMN);

    // The final snapshot of the changed web: the story added, the symbol now under power structures.
    const texts = await slides.evaluateAll((els) => els.map((el) => ({ heading: el.querySelector('h2')?.textContent ?? '', text: el.textContent ?? '' })));
    const slideOf = (heading: string) => texts.findIndex((t) => t.heading === heading);
    expect(texts[slideOf('Stories')]!.text).toContain(NEW_STORY);
    expect(texts[slideOf('Power structures')]!.text).toContain(SYMBOL);
    expect(texts.some((t) => t.text.includes(HUDDLE_ACTION))).toBe(true);

    for (let i = 0; i < slideOf('Stories'); i++) await page.keyboard.press('PageDown');
    expect(await at()).toBe(`${slideOf('Stories') + 1} of ${count}`);
    expect(await shown.innerText()).toContain(NEW_STORY);
    await page.keyboard.press('End');
    expect(await at()).toBe(`${count} of ${count}`);
    await page.keyboard.press('Home');
    expect(await at()).toBe(`1 of ${count}`);
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('End');
    await page.screenshot({ path: artifactPath('revisit-present-last.png') });
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    await page.screenshot({ path: artifactPath('revisit-present.png') });
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === '/library');
    await library.list.waitFor();
  });
});
