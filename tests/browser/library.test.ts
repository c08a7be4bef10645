import { describe, expect, it } from 'vitest';
import type { CreatedTeamLink, SessionView, SnapshotSummary } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { ActionsPanel } from './pages/ActionsPanel.js';
import { LibraryView } from './pages/LibraryView.js';
import { RecordView } from './pages/RecordView.js';
import { artifactPath } from './support/artifacts.js';

const workshop = useWorkshop('library');
const { needSteps, newPerson } = workshop;

const MARCH = 'Team learning circle, March';
const APRIL = 'Team learning circle, April';
const WEB = 'Our team culture';
const NOTE = 'Short, regular home visits';

let fay: Person;
let library: LibraryView;
/** The circle that ends, the web that has just begun, and the circle's follow-up. */
const ids = { circle: '', web: '', followUp: '' };
const tokens = { circle: '', web: '', followUp: '' };

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(`${workshop.server.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The session the page shows and the token this browser keeps for it. */
async function sessionOnPage(p: Person): Promise<{ id: string; token: string }> {
  const id = decodeURIComponent(new URL(p.page.url()).pathname.split('/').pop() ?? '');
  const token = await p.page.evaluate((sid) => (JSON.parse(localStorage.getItem(`balcony.session.${sid}`) ?? '{}') as { token?: string }).token ?? '', id);
  return { id, token };
}

const focusedTestId = (p: Person) => p.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('the library, follow-ups and team links', () => {
  it('hosts a circle with a note and an action and ends it, then hosts a web that has not begun', async () => {
    fay = await newPerson('Fay');
    library = new LibraryView(fay.page, workshop.server.url);
    await workshop.host(fay, { title: MARCH, template: 'what-works-circle' });
    ({ id: ids.circle, token: tokens.circle } = await sessionOnPage(fay));
    await fay.board.addNote('takeaways', NOTE);
    const actions = new ActionsPanel(fay.page);
    await actions.open();
    await actions.add({ text: 'Book the next circle', owner: 'Fay (you)', due: '2027-04-10' });
    await actions.toggle.click();
    await fay.console.open();
    await fay.page.getByTestId('console.end.open').click();
    await fay.page.getByTestId('endDialog.confirm').click();
    await new RecordView(fay.page).waitForOpen();

    await workshop.host(fay, { title: WEB, template: 'cultural-web', phase: null });
    ({ id: ids.web, token: tokens.web } = await sessionOnPage(fay));
    workshop.reached(1);
  });

  it('is reached from the board’s menu and lists both, newest first, with template, status, open actions and a picture of the board', async () => {
    needSteps(1);
    await fay.page.getByTestId('topbar.menu').focus();
    await fay.page.keyboard.press('Enter');
    await fay.page.getByTestId('menu.library').focus();
    await fay.page.keyboard.press('Enter');
    await fay.page.waitForURL((url) => url.pathname === '/library');
    await library.waitUntilRead();
    const items = await library.onScreen();
    expect(items.map((i) => i.sessionId)).toEqual([ids.web, ids.circle]);
    expect(items[0]).toMatchObject({ title: WEB, access: 'You facilitated', template: 'Cultural web', status: 'Live', actions: 'No open actions', thumbnail: 'none' });
    expect(items[1]).toMatchObject({ title: MARCH, access: 'You facilitated', template: 'What works practice learning circle', status: 'Ended', actions: '1 open action' });
    expect(await library.count.innerText()).toBe('2 sessions');

    // The picture is the final snapshot's first frame, drawn by the server, named for a screen reader.
    const circle = library.item(ids.circle);
    await circle.locator('[data-testid="library.thumbnail"][data-state="shown"] img').waitFor();
    const picture = circle.locator('.library-thumb-picture');
    expect(await picture.getAttribute('alt')).toMatch(/^The board's .+ as at \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$/);
    // Drawn: the browser decoded the server's picture (a policy that refused it would leave it blank).
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await picture.getAttribute('src')).toMatch(/^blob:/);

    const snapshots = (await api<{ snapshots: SnapshotSummary[] }>(`/api/sessions/${ids.circle}/snapshots`, tokens.circle)).body.snapshots;
    const final = snapshots.at(-1)!;
    expect(final.final).toBe(true);
    expect(await circle.getByTestId('library.snapshots').getAttribute('href')).toBe(`/s/${ids.circle}/snapshots/${final.snapshotId}`);
    expect(await circle.getByTestId('library.record').getAttribute('href')).toBe(`/s/${ids.circle}/record`);
    expect(await circle.getByTestId('library.present').getAttribute('href')).toBe(`/s/${ids.circle}/present`);
    expect(await circle.getByTestId('library.open').getAttribute('href')).toBe(`/s/${ids.circle}`);
    // The web has no snapshot yet: nothing to show, page through or present.
    for (const link of ['library.snapshots', 'library.present']) expect(await library.item(ids.web).getByTestId(link).count(), link).toBe(0);
    await expectNoSeriousA11yViolations(fay.page);

    // The start page links here too, without crowding its two choices.
    await fay.start.open();
    await fay.page.getByTestId('start.library').click();
    await library.list.waitFor();
    workshop.reached(2);
  });

  it('searches by title and filters by template from the keyboard, saying how many match', async () => {
    needSteps(2);
    await library.waitUntilRead();
    await library.tabTo(library.search);
    await fay.page.keyboard.type('MARCH');
    await expect.poll(() => library.ids()).toEqual([ids.circle]);
    expect(await library.count.innerText()).toBe('1 session of 2 match');
    expect(await library.count.getAttribute('role')).toBe('status');
    await fay.page.keyboard.type(' nothing like it');
    await expect.poll(() => library.ids()).toEqual([]);
    expect(await library.count.innerText()).toBe('No sessions match, of 2');
    await fay.page.keyboard.press('Control+a');
    await fay.page.keyboard.press('Backspace');
    await expect.poll(() => library.ids()).toEqual([ids.web, ids.circle]);

    await fay.page.keyboard.press('Tab');
    expect(await focusedTestId(fay)).toBe('library.template');
    expect(await library.template.locator('option').allTextContents()).toEqual(['All templates', 'Cultural web', 'What works practice learning circle']);
    await fay.page.keyboard.press('End');
    await expect.poll(() => library.ids()).toEqual([ids.circle]);
    expect(await library.count.innerText()).toBe('1 session of 2 match');
    await fay.page.keyboard.press('Home');
    await expect.poll(() => library.ids()).toEqual([ids.web, ids.circle]);
    workshop.reached(3);
  });

  it('starts a follow-up of the circle from its saved notes by keyboard, and the new board opens with them', async () => {
    needSteps(3);
    await library.tabTo(library.item(ids.circle).getByTestId('library.followUp'));
    await fay.page.keyboard.press('Enter');
    await library.followUpDialog.waitFor();
    // The saved notes are the first choice, and chosen.
    expect(await focusedTestId(fay)).toBe('followUpDialog.notes');
    expect(await fay.page.getByTestId('followUpDialog.notes').isChecked()).toBe(true);
    expect(await fay.page.getByTestId('followUpDialog.carry').innerText()).toContain('1 open action carries over');
    expect(await fay.page.getByTestId('followUpDialog.carry').innerText()).toContain('review phase');
    await expectNoSeriousA11yViolations(fay.page, '[data-testid="followUpDialog"]');
    await fay.page.keyboard.press('Tab');
    expect(await focusedTestId(fay)).toBe('followUpDialog.title');
    expect(await fay.page.getByTestId('followUpDialog.title').inputValue()).toBe(MARCH);
    await fay.page.keyboard.press('Control+a');
    await fay.page.keyboard.type(APRIL);
    await fay.page.keyboard.press('Enter');

    await fay.page.waitForURL((url) => /^\/s\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(ids.circle));
    await fay.share.root.waitFor();
    await fay.share.close();
    await fay.board.waitUntilConnected();
    ({ id: ids.followUp, token: tokens.followUp } = await sessionOnPage(fay));
    expect(await fay.board.title.innerText()).toBe(APRIL);
    await expect.poll(async () => (await fay.board.notesOnScreen()).map((n) => n.text)).toContain(NOTE);
    expect(await fay.phase.phaseTitle()).toContain('Review of actions carried over');
    const view = await api<SessionView>(`/api/sessions/${ids.followUp}`, tokens.followUp);
    expect(view.body).toMatchObject({ previousSessionId: ids.circle, role: 'facilitator' });
    // The same facilitator carries on, under her name.
    expect(view.body.participants.find((p) => p.participantId === view.body.participantId)?.name).toBe('Fay');
    workshop.reached(4);
  });

  it('shows the circle and its follow-up as one chain, in order, with compare once both have a snapshot', async () => {
    needSteps(4);
    await library.open();
    await library.waitUntilRead();
    expect(await library.chainIds()).toEqual([[ids.circle, ids.followUp]]);
    expect(await library.ids()).toEqual([ids.circle, ids.followUp, ids.web]);
    const followUp = library.item(ids.followUp);
    expect(await followUp.innerText()).toContain('Session 2 of 2 · a follow-up');
    expect(await library.item(ids.circle).innerText()).toContain('Session 1 of 2');
    expect(await followUp.getByTestId('library.item.status').innerText()).toBe('Live');
    expect(await followUp.getByTestId('library.compare').count()).toBe(0);

    const taken = await api<SnapshotSummary>(`/api/sessions/${ids.followUp}/snapshots`, tokens.followUp, { method: 'POST', body: '{}' });
    expect(taken.status).toBe(201);
    const before = (await api<{ snapshots: SnapshotSummary[] }>(`/api/sessions/${ids.circle}/snapshots`, tokens.circle)).body.snapshots.at(-1)!;
    await library.open();
    await library.waitUntilRead();
    const compare = library.item(ids.followUp).getByTestId('library.compare');
    const href = new URL((await compare.getAttribute('href'))!, workshop.server.url);
    expect(href.pathname).toBe('/compare');
    expect(href.searchParams.get('a')).toBe(`${ids.circle}.${before.snapshotId}`);
    expect(href.searchParams.get('b')).toBe(`${ids.followUp}.${taken.body.snapshotId}`);
    await library.item(ids.followUp).locator('[data-testid="library.thumbnail"][data-state="shown"]').waitFor();
    await expectNoSeriousA11yViolations(fay.page);
    await fay.page.screenshot({ path: artifactPath('library-chain.png'), fullPage: true });
    // On a phone the list still reads without scrolling sideways.
    await fay.page.setViewportSize({ width: 360, height: 740 });
    expect(await fay.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousA11yViolations(fay.page);
    await fay.page.screenshot({ path: artifactPath('library-phone.png'), fullPage: true });
    await fay.page.setViewportSize({ width: 1280, height: 800 });
    workshop.reached(5);
  });

  it('opens a team link in another browser read only, the record with it, and says so once it is revoked', async () => {
    needSteps(5);
    const made = await api<CreatedTeamLink>(`/api/sessions/${ids.circle}/team-links`, tokens.circle, { method: 'POST', body: JSON.stringify({ label: 'Oak Road team' }) });
    expect(made.status).toBe(201);
    const team = await newPerson('Team');
    await team.page.goto(`${workshop.server.url}/t/${made.body.token}`);
    await team.page.getByTestId('team.page').waitFor();
    expect(await team.page.getByTestId('team.title').innerText()).toBe(MARCH);
    expect(await team.page.getByTestId('team.readOnly').innerText()).toContain('Read only');
    expect(await team.page.getByTestId('team.template').innerText()).toBe('What works practice learning circle');
    expect(await team.page.getByTestId('team.status').innerText()).toMatch(/^Ended /);
    expect(await team.page.getByTestId('team.page').innerText()).toContain('for Oak Road team');
    const snapshots = team.page.getByTestId('team.snapshot');
    expect(await snapshots.first().getAttribute('data-final')).toBe('true');
    expect(await team.page.getByRole('button', { name: /snapshot/i }).count()).toBe(0);
    // The team sees the board as it was filed, read with the link's own token.
    await team.page.locator('[data-testid="library.thumbnail"][data-state="shown"] img').waitFor();
    await expectNoSeriousA11yViolations(team.page);
    await team.page.screenshot({ path: artifactPath('team-page.png'), fullPage: true });

    const teamLibrary = new LibraryView(team.page, workshop.server.url);
    await teamLibrary.tabTo(team.page.getByTestId('team.record'));
    await team.page.keyboard.press('Enter');
    const record = new RecordView(team.page);
    await record.waitForOpen();
    expect(await record.isFinal()).toBe(true);
    expect(await record.root.innerText()).toContain(NOTE);
    expect(await team.page.getByTestId('record.readOnly').innerText()).toContain('team link');
    expect(await team.page.getByTestId('record.takeSnapshot').count()).toBe(0);
    expect(await team.page.getByTestId('record.back').innerText()).toBe('Back to the library');
    await expectNoSeriousA11yViolations(team.page);

    await team.page.getByTestId('record.back').focus();
    await team.page.keyboard.press('Enter');
    await teamLibrary.waitUntilRead();
    const listed = await teamLibrary.onScreen();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ sessionId: ids.circle, access: 'Team link · for Oak Road team', status: 'Ended', actions: '1 open action', thumbnail: expect.stringMatching(/shown|loading/) });
    const item = teamLibrary.item(ids.circle);
    expect(await item.getByTestId('library.open').count()).toBe(0);
    expect(await item.getByTestId('library.followUp').count()).toBe(0);
    await item.locator('[data-testid="library.thumbnail"][data-state="shown"]').waitFor();
    await expectNoSeriousA11yViolations(team.page);

    const revoked = await api(`/api/sessions/${ids.circle}/team-links/${made.body.linkId}`, tokens.circle, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    await team.page.goto(`${workshop.server.url}/t/${made.body.token}`);
    await team.page.getByTestId('team.revoked').waitFor();
    expect(await team.page.getByRole('heading', { level: 1 }).innerText()).toBe('This team link no longer works');
    await expectNoSeriousA11yViolations(team.page);
    expect(await team.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('balcony.team.')))).toEqual([]);
    expect(team.uncaught).toEqual([]);
    workshop.reached(6);
  });

  it('forgets a session on this device only, and shows one the server no longer has, to be forgotten too', async () => {
    needSteps(6);
    await library.open();
    await library.waitUntilRead();
    await library.tabTo(library.item(ids.web).getByTestId('library.forget'));
    await fay.page.keyboard.press('Enter');
    await library.forgetDialog.waitFor();
    expect(await library.forgetDialog.innerText()).toContain('The session is not deleted');
    await expectNoSeriousA11yViolations(fay.page, '[data-testid="forgetDialog"]');
    // Cancel has focus first; the next Tab is the step itself.
    expect(await focusedTestId(fay)).toBe('forgetDialog.cancel');
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.press('Enter');
    await library.forgetDialog.waitFor({ state: 'detached' });
    await expect.poll(() => library.ids()).toEqual([ids.circle, ids.followUp]);
    expect(await library.count.innerText()).toContain('2 sessions');
    await expect.poll(() => focusedTestId(fay)).toBe('library.search');
    expect(await fay.page.evaluate((id) => localStorage.getItem(`balcony.session.${id}`), ids.web)).toBeNull();
    // Still there for everyone else.
    expect((await api(`/api/sessions/${ids.web}`, tokens.web)).status).toBe(200);

    expect((await api(`/api/sessions/${ids.circle}`, tokens.circle, { method: 'DELETE' })).status).toBe(204);
    await library.open();
    await library.waitUntilRead();
    const gone = library.item(ids.circle);
    expect(await gone.getAttribute('data-status')).toBe('gone');
    expect(await gone.getByTestId('library.item.gone').innerText()).toContain('no longer has this session');
    expect(await gone.getByTestId('library.record').count()).toBe(0);
    expect(await gone.getByTestId('library.open').count()).toBe(0);
    await expectNoSeriousA11yViolations(fay.page);
    await library.tabTo(gone.getByTestId('library.forget'));
    await fay.page.keyboard.press('Enter');
    await library.forgetDialog.waitFor();
    await fay.page.getByTestId('forgetDialog.confirm').focus();
    await fay.page.keyboard.press('Enter');
    await expect.poll(() => library.ids()).toEqual([ids.followUp]);
    // The follow-up outlives the session before it, and says where it came from.
    expect(await library.item(ids.followUp).getByTestId('library.item.links').innerText()).toContain('not kept on this device');
    expect(fay.uncaught).toEqual([]);
    expect(fay.problems.filter((p) => p.includes('CSP violation'))).toEqual([]);
    workshop.reached(7);
  });
});
