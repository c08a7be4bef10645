import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { SnapshotSummary } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { Themes } from './pages/Themes.js';
import { Stars } from './pages/Stars.js';
import { Voting } from './pages/Voting.js';
import { artifactPath } from './support/artifacts.js';

const workshop = useWorkshop('snapshot-present');
const { needSteps, newPerson } = workshop;

let fay: Person;
let sessionId = '';
let token = '';
const notes: Record<string, string> = {};
let themeId = '';
let first = '';
let second = '';
/** Every snapshot of the session, oldest first: the server takes some of its own as phases pass. */
let all: SnapshotSummary[] = [];

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(`${workshop.server.url}${path}`, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const takeSnapshot = async () => (await api<SnapshotSummary>(`/api/sessions/${sessionId}/snapshots`, { method: 'POST', body: '{}' })).snapshotId;

const snapshotUrl = (snapshotId: string) => `${workshop.server.url}/s/${sessionId}/snapshots/${snapshotId}`;

/** Presses Tab until the element has focus, as a keyboard user would, failing after a few. */
async function tabTo(page: Page, target: Locator, presses = 12): Promise<void> {
  const focused = () => target.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < presses && !(await focused()); i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(true);
}

describe('a snapshot opened read-only, and presented', () => {
  it('builds a cultural web with notes in a few zones, a theme, a star and a closed vote, and takes two snapshots', async () => {
    fay = await newPerson('Fay');
    await workshop.host(fay, { title: 'Our team culture', template: 'cultural-web' });
    sessionId = decodeURIComponent(new URL(fay.page.url()).pathname.split('/').pop() ?? '');
    token = await fay.page.evaluate((id) => (JSON.parse(localStorage.getItem(`balcony.session.${id}`) ?? '{}') as { token: string }).token, sessionId);

    notes.late = await fay.board.addNote('stories', 'Heroes stay late');
    notes.blame = await fay.board.addNote('stories', 'The blame after the audit');
    notes.office = await fay.board.addNote('symbols', 'Open-plan office');
    notes.targets = await fay.board.addNote('controls', 'Targets checked every week');

    const themes = new Themes(fay.page, fay.board);
    themeId = await themes.groupByDrag(notes.blame, notes.late);
    await themes.typeName('Long hours');
    await themes.waitForTitle(themeId, 'Long hours');

    const stars = new Stars(fay.page, fay.board);
    expect(await stars.toggle(notes.office)).toBe(true);

    const voting = new Voting(fay.page, fay.board);
    await voting.open({ dots: 2 });
    await voting.castOn(notes.targets);
    await voting.castOn(notes.targets);
    await voting.close();
    await voting.results.waitFor();

    first = await takeSnapshot();
    notes.lunch = await fay.board.addNote('rituals', 'Lunch together on Fridays');
    second = await takeSnapshot();
    all = (await api<{ snapshots: SnapshotSummary[] }>(`/api/sessions/${sessionId}/snapshots`)).snapshots;
    expect(all.map((s) => s.snapshotId).slice(-2)).toEqual([first, second]);
    workshop.reached(1);
  });

  it('opens the first snapshot on the real board, read-only: the web, its theme, star and dots, with what it was said above', async () => {
    needSteps(1);
    const page = fay.page;
    await page.goto(snapshotUrl(first));
    await page.getByTestId('snapshot.page').waitFor();
    expect(await page.getByTestId('snapshot.title').innerText()).toBe('Our team culture');
    const facts = await page.getByTestId('snapshot.facts').innerText();
    expect(facts).toContain('Taken by the facilitator');
    expect(facts).toContain('Not final');

    // The cultural web's own shape: its ring of segments around the paradigm.
    const canvas = page.getByTestId('board.canvas');
    await canvas.waitFor();
    expect(await canvas.getAttribute('class')).toContain('template-cultural-web');
    const zones = await page.getByTestId('board.zone').evaluateAll((els) => els.map((el) => el.getAttribute('data-zone-id')));
    expect(zones).toEqual(expect.arrayContaining(['paradigm', 'stories', 'symbols', 'controls', 'rituals']));

    const shown = await page.getByTestId('board.note').evaluateAll((els) => els.map((el) => el.getAttribute('data-note-id')).sort());
    expect(shown).toEqual([notes.late, notes.blame, notes.office, notes.targets].sort());
    const theme = page.locator(`[data-testid="board.theme"][data-theme-id="${themeId}"]`);
    expect(await theme.getByTestId('board.theme.title').innerText()).toBe('Long hours');
    expect(await page.locator(`[data-testid="board.note"][data-note-id="${notes.office}"]`).getAttribute('data-starred')).toBe('true');
    expect(await page.locator(`[data-testid="board.note"][data-note-id="${notes.targets}"] [data-testid="board.vote.count"]`).getAttribute('data-votes')).toBe('2');
    await page.screenshot({ path: artifactPath('snapshot-page.png') });
    expect(await page.getByTestId('vote.result').first().getAttribute('data-target-id')).toBe(notes.targets);

    // Nothing to change it with: no star toggle, no menu, no rename; typing and double-clicks change nothing.
    expect(await page.getByTestId('board.note.star').count()).toBe(0);
    expect(await page.getByTestId('board.note.menu').count()).toBe(0);
    expect(await page.getByTestId('board.theme.rename').count()).toBe(0);
    const late = page.locator(`[data-testid="board.note"][data-note-id="${notes.late}"]`);
    await late.dblclick();
    expect(await page.getByTestId('board.note.editor').count()).toBe(0);
    await late.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('more');
    await page.keyboard.press('Delete');
    const zone = page.locator('[data-testid="board.zone"][data-zone-id="rituals"]');
    await zone.focus();
    await page.keyboard.type('A new note');
    await expect.poll(() => page.getByTestId('board.announcement').innerText()).toContain('This is a snapshot');
    expect(await page.getByTestId('board.note').count()).toBe(4);
    expect(await late.getByTestId('board.note.text').innerText()).toBe('Heroes stay late');

    await expectNoSeriousA11yViolations(page);

    // Its frames are tabs, the phase it was taken in marked as then, not now; the arrow keys change frame.
    const tab = page.getByTestId('frames.tab.current');
    expect(await tab.innerText()).toContain('Then');
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-testid="board.viewport"][data-frame-id="desired"]').waitFor();
    expect(await page.getByTestId('frames.tab.desired').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('board.note').count()).toBe(0);
    workshop.reached(2);
  });

  it('steps along the timeline by keyboard to the next snapshot, and the address follows', async () => {
    needSteps(2);
    const page = fay.page;
    const items = page.getByTestId('snapshot.timeline.item');
    const at = all.length - 2;
    expect(await items.count()).toBe(all.length);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-snapshot-id')))).toEqual(all.map((s) => s.snapshotId));
    expect(await items.nth(at).getAttribute('aria-current')).toBe('page');
    expect(await items.nth(at + 1).getAttribute('aria-current')).toBeNull();

    const next = page.getByTestId('snapshot.next');
    await tabTo(page, next, 30);
    await page.keyboard.press('Enter');
    await page.waitForURL(snapshotUrl(second));
    await page.locator(`[data-testid="snapshot.page"][data-snapshot-id="${second}"]`).waitFor();
    await page.locator(`[data-testid="board.note"][data-note-id="${notes.lunch}"]`).waitFor();
    expect(await items.nth(at + 1).getAttribute('aria-current')).toBe('page');
    // Focus stays on Next, which has nowhere further to go.
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(snapshotUrl(second));

    // The list itself: arrow keys move between snapshots, Enter opens one.
    await items.nth(at + 1).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL(snapshotUrl(first));
    await page.locator(`[data-testid="snapshot.page"][data-snapshot-id="${first}"]`).waitFor();
    expect(await page.locator(`[data-testid="board.note"][data-note-id="${notes.lunch}"]`).count()).toBe(0);

    // The second offers a comparison with the one before it.
    await page.goto(snapshotUrl(second));
    const compare = page.getByTestId('snapshot.compare');
    expect(new URL((await compare.getAttribute('href'))!, workshop.server.url).search).toBe(`?a=${sessionId}.${first}&b=${sessionId}.${second}`);
    workshop.reached(3);
  });

  it('says so when the snapshot is gone, and when this browser has no way into the session', async () => {
    needSteps(3);
    await fay.page.goto(snapshotUrl('no-such-snapshot'));
    const problem = fay.page.getByTestId('snapshot.problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-problem')).toBe('gone');
    expect(await problem.innerText()).toContain('This snapshot is no longer here');

    const stranger = await newPerson('Sam');
    await stranger.page.goto(snapshotUrl(first));
    await stranger.page.getByTestId('snapshot.noAccess').waitFor();
    expect(await stranger.page.getByTestId('snapshot.noAccess').innerText()).toContain("This browser can't open this session");
    workshop.reached(4);
  });

  it('presents the snapshot as slides: keys and a clicker step through them, the counter says where, Escape leaves', async () => {
    needSteps(4);
    const page = fay.page;
    await page.goto(snapshotUrl(second));
    await tabTo(page, page.getByTestId('snapshot.present'), 30);
    await page.keyboard.press('Enter');
    await page.getByTestId('present.page').waitFor();
    expect(await page.getByTestId('present.page').getAttribute('data-snapshot-id')).toBe(second);

    const counter = page.getByTestId('present.counter');
    expect(await counter.getAttribute('aria-live')).toBe('polite');
    const slides = page.getByTestId('present.slide');
    const count = await slides.count();
    const shownSlide = page.locator('[data-testid="present.slide"][data-current="true"]');
    const at = async () => (await counter.innerText()).split(':')[0]!.trim();
    expect(await at()).toBe(`1 of ${count}`);
    expect(await shownSlide.getByRole('heading').innerText()).toBe('Our team culture');
    // Only the slide in view is drawn on screen.
    expect(await slides.evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetHeight > 0).length)).toBe(1);

    const headings = await slides.evaluateAll((els) => els.map((el) => el.querySelector('h2')!.textContent));
    // The web's frames, its zones with notes (an empty one has none), the theme, the vote, in that order.
    for (const h of ['The web as it is now', 'Stories', 'Symbols', 'Control systems', 'Rituals and routines', 'Long hours', 'Notes by their dots']) expect(headings).toContain(h);
    expect(headings).not.toContain('Power structures');
    expect(headings.indexOf('The web as it is now')).toBeLessThan(headings.indexOf('Stories'));

    await page.keyboard.press('ArrowRight');
    expect(await at()).toBe(`2 of ${count}`);
    await page.keyboard.press('PageDown');
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowDown');
    expect(await at()).toBe(`5 of ${count}`);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    expect(await at()).toBe(`3 of ${count}`);
    await page.keyboard.press('End');
    expect(await at()).toBe(`${count} of ${count}`);
    await page.keyboard.press('ArrowRight');
    expect(await at()).toBe(`${count} of ${count}`);
    await page.keyboard.press('Home');
    expect(await at()).toBe(`1 of ${count}`);

    // The visible buttons do the same, and the vote's slide ranks its notes by their dots.
    const voteSlide = headings.indexOf('Notes by their dots');
    for (let i = 0; i < voteSlide; i++) await page.getByTestId('present.next').click();
    expect(await at()).toBe(`${voteSlide + 1} of ${count}`);
    expect(await shownSlide.innerText()).toContain('Targets checked every week');
    expect(await shownSlide.innerText()).toContain('2 dots');
    await page.getByTestId('present.previous').click();
    expect(await at()).toBe(`${voteSlide} of ${count}`);

    const stories = headings.indexOf('Stories');
    await page.keyboard.press('Home');
    for (let i = 0; i < stories; i++) await page.keyboard.press('ArrowRight');
    const storyNotes = await shownSlide.getByTestId('present.note').allInnerTexts();
    expect(storyNotes.some((t) => t.includes('Heroes stay late') && t.includes('Theme: Long hours'))).toBe(true);

    await expectNoSeriousA11yViolations(page);
    const fullScreen = page.getByTestId('present.fullScreen');
    await fullScreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null)).toBe('present.page');
    await expect.poll(() => fullScreen.getAttribute('aria-pressed')).toBe('true');
    // Escape leaves full screen and the presentation both.
    await page.keyboard.press('Escape');
    await page.waitForURL(snapshotUrl(second));
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
    await page.getByTestId('snapshot.page').waitFor();
    workshop.reached(5);
  });

  it('prints every slide, one a page, without the controls', async () => {
    needSteps(5);
    const page = fay.page;
    await page.goto(`${workshop.server.url}/s/${sessionId}/present?snapshot=${first}`);
    await page.getByTestId('present.page').waitFor();
    expect(await page.getByTestId('present.page').getAttribute('data-snapshot-id')).toBe(first);
    await page.emulateMedia({ media: 'print' });
    try {
      const printed = await page.getByTestId('present.slide').evaluateAll((els) =>
        els.map((el) => ({ shown: (el as HTMLElement).offsetHeight > 0, breakAfter: getComputedStyle(el).breakAfter })),
      );
      expect(printed.length).toBeGreaterThan(5);
      expect(printed.every((p) => p.shown)).toBe(true);
      expect(printed.slice(0, -1).every((p) => p.breakAfter === 'page')).toBe(true);
      expect(await page.locator('.present-controls').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    workshop.reached(6);
  });

  it('works from a team link: the newest snapshot is presented, and a revoked link says so', async () => {
    needSteps(6);
    const link = await api<{ linkId: string; token: string }>(`/api/sessions/${sessionId}/team-links`, { method: 'POST', body: JSON.stringify({ label: 'Managers' }) });
    const team = await newPerson('Manager');
    // Opening the link keeps it in this browser; its page offers Present.
    await team.page.goto(`${workshop.server.url}/t/${link.token}`);
    await team.page.getByTestId('team.page').waitFor();
    await tabTo(team.page, team.page.getByTestId('team.present'), 30);
    await team.page.keyboard.press('Enter');
    await team.page.getByTestId('present.page').waitFor();
    // No snapshot named and the session still running: its newest.
    expect(await team.page.getByTestId('present.page').getAttribute('data-snapshot-id')).toBe(second);
    await team.page.keyboard.press('ArrowRight');
    expect(await team.page.getByTestId('present.counter').innerText()).toMatch(/^2 of \d+/);
    // Escape goes back where it came from: the team page.
    await team.page.keyboard.press('Escape');
    await team.page.waitForURL(`${workshop.server.url}/t/${link.token}`);
    await team.page.getByTestId('team.page').waitFor();

    // Opened on its own, the presentation leaves for the snapshot's page, which the link opens too.
    await team.page.goto(`${workshop.server.url}/s/${sessionId}/present?snapshot=${second}`);
    await team.page.getByTestId('present.page').waitFor();
    await team.page.keyboard.press('Escape');
    await team.page.waitForURL(snapshotUrl(second));
    await team.page.locator(`[data-testid="board.note"][data-note-id="${notes.lunch}"]`).waitFor();
    await expectNoSeriousA11yViolations(team.page);

    const res = await fetch(`${workshop.server.url}/api/sessions/${sessionId}/team-links/${link.linkId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(204);
    await team.page.reload();
    const problem = team.page.getByTestId('snapshot.problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-problem')).toBe('revoked');
    expect(await problem.innerText()).toContain('This team link no longer opens the session');
    workshop.reached(7);
  });
});
