import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { CreatedTeamLink, FollowUpResponse, OutcomeRecord, SnapshotSummary } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { ComparePage } from './pages/ComparePage.js';
import { commandOnce } from '../support/control.js';

const workshop = useWorkshop('compare');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let sessionId = '';
let token = '';
const notes: Record<string, string> = {};
let first = '';
let second = '';

async function api<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Authorization', `Bearer ${init.token ?? token}`);
  const res = await fetch(`${workshop.server.url}${path}`, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

const takeSnapshot = async (session = sessionId, as = token) =>
  (await api<SnapshotSummary>(`/api/sessions/${session}/snapshots`, { method: 'POST', body: '{}', token: as })).snapshotId;

/** The session a person's board shows, and their token for it. */
async function sessionOf(p: Person): Promise<{ id: string; token: string }> {
  const id = decodeURIComponent(new URL(p.page.url()).pathname.split('/').pop() ?? '');
  const stored = await p.page.evaluate((key) => (JSON.parse(localStorage.getItem(`balcony.session.${key}`) ?? '{}') as { token: string }).token, id);
  return { id, token: stored };
}

/** Presses Tab until the element has focus, as a keyboard user would, failing after a few. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  const focused = () => target.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 8 && !(await focused()); i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(true);
}

/** Waits until Amara's board shows a note in a zone with these words: the server has it too. */
async function amaraSees(noteId: string, zone: string, text: string): Promise<void> {
  await expect.poll(async () => (await amara.board.notesOnScreen()).find((n) => n.id === noteId), { timeout: 15_000 }).toMatchObject({ zone, text });
}

describe('comparing two snapshots of a cultural web', () => {
  it('takes a snapshot, changes the board (a note added, one removed, one moved, one edited, an action done), and takes another', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Our team culture', template: 'cultural-web' });
    ({ id: sessionId, token } = await sessionOf(fay));
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();

    notes.stories = await fay.board.addNote('stories', 'Heroes stay late');
    notes.symbols = await fay.board.addNote('symbols', 'Open-plan office');
    notes.power = await fay.board.addNote('power', 'Decisions made by the head of service');
    notes.controls = await fay.board.addNote('controls', 'Targets checked every week');
    for (const [zone, id] of Object.entries(notes)) await amaraSees(id, zone, (await fay.board.notesOnScreen()).find((n) => n.id === id)!.text);
    const added = await commandOnce(workshop.server.url, token, { type: 'action.add', text: 'Draft a no-blame debrief routine', owner: { kind: 'name', name: 'Amara' } });
    expect(added.ok).toBe(true);
    first = await takeSnapshot();

    notes.rituals = await fay.board.addNote('rituals', 'Lunch together on Fridays');
    await fay.board.remove(notes.symbols);
    await fay.board.moveWithKeyboard(notes.power, 'structures');
    await fay.board.edit(notes.controls, 'Targets checked every month');
    await amaraSees(notes.rituals, 'rituals', 'Lunch together on Fridays');
    await amaraSees(notes.power, 'structures', 'Decisions made by the head of service');
    await amaraSees(notes.controls, 'controls', 'Targets checked every month');
    await expect.poll(async () => (await amara.board.notesOnScreen()).some((n) => n.id === notes.symbols)).toBe(false);
    const record = await api<OutcomeRecord>(`/api/snapshots/${first}`);
    const done = await commandOnce(workshop.server.url, token, { type: 'action.update', actionId: record.actions[0]!.id, status: 'done' });
    expect(done.ok).toBe(true);
    second = await takeSnapshot();
    workshop.reached(1);
  });

  it('shows both snapshots side by side, each change marked in words, and the action then and now', async () => {
    needSteps(1);
    const compare = new ComparePage(fay.page);
    await compare.open(workshop.server.url, `${sessionId}.${first}`, `${sessionId}.${second}`);
    await compare.result.waitFor();
    expect(await compare.page.getByTestId('compare.title').innerText()).toBe('Comparison: Our team culture');
    const summary = await compare.summary.innerText();
    for (const line of ['1 note added', '1 note removed', '1 note moved to another zone', '1 note changed', '1 note unchanged', 'Actions: 1 changed status']) expect(summary).toContain(line);

    expect(await compare.notesIn('stories')).toEqual([
      { side: 'before', change: 'unchanged', mark: '', text: 'Heroes stay late' },
      { side: 'after', change: 'unchanged', mark: '', text: 'Heroes stay late' },
    ]);
    expect(await compare.zone('stories').getByTestId('compare.zone.summary').innerText()).toBe('No changes: 1 note as before');
    const rituals = await compare.notesIn('rituals');
    expect(rituals).toHaveLength(1);
    expect(rituals[0]).toMatchObject({ side: 'after', change: 'added', text: 'Lunch together on Fridays' });
    expect(rituals[0]!.mark).toContain('Added');
    const symbols = await compare.notesIn('symbols');
    expect(symbols).toHaveLength(1);
    expect(symbols[0]).toMatchObject({ side: 'before', change: 'removed', text: 'Open-plan office' });
    expect(symbols[0]!.mark).toContain('Removed');
    const [movedIn] = await compare.notesIn('structures');
    expect(movedIn).toMatchObject({ side: 'after', change: 'moved', text: 'Decisions made by the head of service' });
    expect(movedIn!.mark).toContain('Moved from Power structures');
    const [movedOut] = await compare.notesIn('power');
    expect(movedOut).toMatchObject({ side: 'before', change: 'moved' });
    expect(movedOut!.mark).toContain('Moved to Organisational structures');
    const controls = await compare.notesIn('controls');
    expect(controls.map((n) => [n.side, n.change, n.text])).toEqual([
      ['before', 'changed', 'Targets checked every week'],
      ['after', 'changed', 'Targets checked every month'],
    ]);
    expect(controls.every((n) => n.mark.includes('Changed'))).toBe(true);
    // A zone with no notes on either side is named once, not drawn as two empty columns.
    expect(await compare.zone('paradigm').count()).toBe(0);

    const [action] = await compare.actions();
    expect(action).toEqual(['Draft a no-blame debrief routine', 'Amara', 'Open', 'Done', 'open → done']);
    await expectNoSeriousA11yViolations(compare.page);
    workshop.reached(2);
  });

  it('downloads the comparison as Markdown, with every change and the actions table', async () => {
    needSteps(2);
    const compare = new ComparePage(fay.page);
    const [download] = await Promise.all([compare.page.waitForEvent('download'), compare.download.click()]);
    expect(download.suggestedFilename()).toBe('comparison-our-team-culture.md');
    const md = await readFile((await download.path())!, 'utf8');
    expect(md.startsWith('# Comparison: Our team culture\n')).toBe(true);
    expect(md).toContain('- 1 note added\n- 1 note removed\n- 1 note moved to another zone\n- 1 note changed\n- 1 note unchanged');
    expect(md).toContain('### Rituals and routines\n\nAdded:\n\n- “Lunch together on Fridays”');
    expect(md).toContain('### Symbols\n\nRemoved:\n\n- “Open-plan office”');
    expect(md).toContain('Moved here:\n\n- “Decisions made by the head of service” — from Power structures (The web as it is now)');
    expect(md).toContain('Changed:\n\n- “Targets checked every week” → “Targets checked every month”');
    expect(md).toContain('| Draft a no-blame debrief routine | Amara | open | done | open → done |');
    expect(await compare.downloadStatus.innerText()).toBe('comparison-our-team-culture.md downloaded.');
    workshop.reached(3);
  });

  it('lets a participant pick the two snapshots by keyboard, the choice kept in the address', async () => {
    needSteps(3);
    const compare = new ComparePage(amara.page);
    await compare.open(workshop.server.url);
    await compare.waitForCatalog();
    expect(await compare.result.count()).toBe(0);
    // Tab from the top of the page to the first picker.
    await amara.page.locator('body').focus();
    await tabTo(amara.page, compare.pickBefore);
    // Newest first: the second snapshot, then the first.
    await amara.page.keyboard.press('ArrowDown');
    await amara.page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(amara.page.url()).searchParams.get('a')).toBe(`${sessionId}.${first}`);
    await tabTo(amara.page, compare.pickAfter);
    await amara.page.keyboard.press('ArrowDown');
    await expect.poll(() => new URL(amara.page.url()).searchParams.get('b')).toBe(`${sessionId}.${second}`);
    await compare.result.waitFor();
    expect((await compare.notesIn('structures'))[0]!.mark).toContain('Moved from Power structures');
    await expectNoSeriousA11yViolations(amara.page, '[data-testid="compare.page"]');

    // Swapped, the later snapshot comes first: the page says so, and reads the move the other way.
    await tabTo(amara.page, amara.page.getByTestId('compare.swap'));
    await amara.page.keyboard.press('Enter');
    await expect.poll(() => new URL(amara.page.url()).searchParams.get('a')).toBe(`${sessionId}.${second}`);
    await amara.page.getByTestId('compare.order').waitFor();
    expect((await compare.notesIn('power')).find((n) => n.side === 'after')!.mark).toContain('Moved from Organisational structures');
    workshop.reached(4);
  });

  it('opens through a team link, says so once the link is revoked, and says when the browser has no way in', async () => {
    needSteps(4);
    const sam = await newPerson('Sam');
    const link = await api<CreatedTeamLink>(`/api/sessions/${sessionId}/team-links`, { method: 'POST', body: JSON.stringify({ label: 'Team' }) });
    // Opening the link keeps it in this browser, as the team page does for the library.
    await sam.page.goto(`${workshop.server.url}/t/${link.token}`);
    await sam.page.getByTestId('team.page').waitFor();
    const compare = new ComparePage(sam.page);
    await compare.open(workshop.server.url, `${sessionId}.${first}`, `${sessionId}.${second}`);
    await compare.result.waitFor();
    expect((await compare.notesIn('rituals'))[0]!.change).toBe('added');

    await api(`/api/sessions/${sessionId}/team-links/${link.linkId}`, { method: 'DELETE' });
    await sam.page.reload();
    await compare.problem('a').waitFor();
    expect(await compare.problem('a').innerText()).toContain('The team link to this session no longer works');
    expect(await compare.result.count()).toBe(0);

    await compare.open(workshop.server.url, `unknown.${first}`, `${sessionId}.${second}`);
    expect(await compare.problem('a').innerText()).toContain('This browser has no way into that session');
    await expectNoSeriousA11yViolations(sam.page, '[data-testid="compare.page"]');
  });

  it('refuses two snapshots of different templates, and offers as after only snapshots of the template before', async () => {
    needSteps(4);
    // A learning circle of Fay's: going to its first open phase files a snapshot of the welcome.
    await workshop.host(fay, { title: 'December circle', template: 'what-works-circle' });
    const { id: circleId, token: circleToken } = await sessionOf(fay);
    const circleSnapshots = async () => (await api<{ snapshots: SnapshotSummary[] }>(`/api/sessions/${circleId}/snapshots`, { token: circleToken })).snapshots;
    await expect.poll(async () => (await circleSnapshots()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [circleSnapshot] = await circleSnapshots();
    const compare = new ComparePage(fay.page);
    await compare.open(workshop.server.url, `${sessionId}.${first}`, `${circleId}.${circleSnapshot!.snapshotId}`);
    await compare.problem('templates').waitFor();
    expect(await compare.problem('templates').innerText()).toContain('different templates');
    expect(await compare.result.count()).toBe(0);

    await compare.waitForCatalog();
    const groups = (picker: typeof compare.pickBefore) => picker.locator('optgroup').evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(await groups(compare.pickBefore)).toEqual(expect.arrayContaining(['Our team culture — Cultural web', 'December circle — What works practice learning circle']));
    expect(await groups(compare.pickAfter)).toEqual(['Our team culture — Cultural web']);
  });

  it("matches a later session's notes to this one's by their words in the same zone, though their ids are new", async () => {
    needSteps(4);
    await workshop.host(fay, { title: 'Our team culture, a year on', template: 'cultural-web' });
    const later = await sessionOf(fay);
    await fay.board.addNote('stories', 'heroes stay late!');
    await fay.board.addNote('rituals', 'Lunch together on Fridays');
    await fay.board.addNote('symbols', 'A wall of thank-you cards');
    // Taken until it holds all three: the board reaches the server a moment after it is typed.
    let snapshot = '';
    await expect
      .poll(async () => {
        snapshot = await takeSnapshot(later.id, later.token);
        return (await api<OutcomeRecord>(`/api/snapshots/${snapshot}`, { token: later.token })).notes.length;
      })
      .toBe(3);
    const compare = new ComparePage(fay.page);
    await compare.open(workshop.server.url, `${sessionId}.${second}`, `${later.id}.${snapshot}`);
    await compare.result.waitFor();
    expect(await compare.page.getByTestId('compare.title').innerText()).toBe('Comparison: Our team culture and Our team culture, a year on');
    const stories = compare.zone('stories');
    expect(await compare.notesIn('stories')).toEqual([
      { side: 'before', change: 'changed', mark: expect.stringContaining('Changed'), text: 'Heroes stay late' },
      { side: 'after', change: 'changed', mark: expect.stringContaining('Changed'), text: 'heroes stay late!' },
    ]);
    expect(await stories.getByTestId('compare.column.after').innerText()).toContain('Matched to the earlier note by its words');
    expect((await compare.notesIn('rituals')).map((n) => [n.side, n.change])).toEqual([
      ['before', 'unchanged'],
      ['after', 'unchanged'],
    ]);
    // Unlike words in the same zone are another note.
    expect((await compare.notesIn('symbols')).map((n) => [n.side, n.change, n.text])).toEqual([['after', 'added', 'A wall of thank-you cards']]);
    await expectNoSeriousA11yViolations(fay.page, '[data-testid="compare.page"]');
  });

  it("follows a follow-up started from the saved notes: every note found again by id, the carried action's review, the done one left behind", async () => {
    needSteps(4);
    const added = await commandOnce(workshop.server.url, token, { type: 'action.add', text: 'Agree quiet hours for email' });
    expect(added.ok).toBe(true);
    const followUp = await api<FollowUpResponse>(`/api/sessions/${sessionId}/follow-ups`, { method: 'POST', body: JSON.stringify({ start: 'notes' }) });
    expect(followUp.carriedActions).toBe(1);
    // As the library keeps a follow-up it started: this browser is its facilitator.
    await fay.page.evaluate(
      (f) =>
        localStorage.setItem(
          `balcony.session.${f.sessionId}`,
          JSON.stringify({ sessionId: f.sessionId, token: f.facilitatorToken, participantId: f.participantId, role: 'facilitator', title: 'Our team culture', savedAt: Date.now() }),
        ),
      followUp,
    );
    const carried = (await api<OutcomeRecord>(`/api/snapshots/${followUp.fromSnapshotId}`)).actions.find((a) => a.text === 'Agree quiet hours for email')!;
    const reviewed = await commandOnce(workshop.server.url, followUp.facilitatorToken, { type: 'action.review', actionId: carried.id, outcome: 'done', note: 'Nobody emails after six now' });
    expect(reviewed.ok).toBe(true);
    const later = await takeSnapshot(followUp.sessionId, followUp.facilitatorToken);

    const compare = new ComparePage(fay.page);
    await compare.open(workshop.server.url, `${sessionId}.${followUp.fromSnapshotId}`, `${followUp.sessionId}.${later}`);
    await compare.result.waitFor();
    const summary = await compare.summary.innerText();
    for (const line of ['0 notes added', '0 notes removed', '0 notes changed', '4 notes unchanged']) expect(summary).toContain(line);
    expect(await compare.page.getByTestId('compare.column.after').getByText('Matched to the earlier note by its words').count()).toBe(0);
    expect(await compare.actions()).toEqual([
      ['Draft a no-blame debrief routine', 'Amara', 'Done', 'Not there', 'not carried over: it was done'],
      ['Agree quiet hours for email', 'No one', 'Open', 'Done', 'open → done; carried over, reviewed done: “Nobody emails after six now”'],
    ]);
  });
});
