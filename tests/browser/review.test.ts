import { describe, expect, it } from 'vitest';
import { followUpResponseSchema, type FollowUpResponse } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { commandOnce } from '../support/control.js';
import { ReviewPanel, TeamLinksPanel } from './pages/ReviewPanel.js';
import { RecordView } from './pages/RecordView.js';

const workshop = useWorkshop('review');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let before = { sessionId: '', token: '' };
let followUp: FollowUpResponse;
const review = new Map<Person, ReviewPanel>();

const TITLE = 'Circle on the Oak Road work';
const GENOGRAM = 'Share the genogram template with the team';
const INVITE = 'Invite the family support worker to the next circle';
const DONE_ALREADY = 'Write up the case discussion';

const focused = (p: Person) => p.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

/** The token and session id this person's page keeps for the session it shows. */
async function storedSession(p: Person): Promise<{ sessionId: string; token: string }> {
  const sessionId = decodeURIComponent(new URL(p.page.url()).pathname.split('/')[2] ?? '');
  const token = await p.page.evaluate((id) => (JSON.parse(localStorage.getItem(`balcony.session.${id}`) ?? '{}') as { token?: string }).token, sessionId);
  if (!token) throw new Error('no session token in this page');
  return { sessionId, token };
}

async function api(path: string, init: { method?: string; token: string; body?: unknown }): Promise<Response> {
  return fetch(`${workshop.server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${init.token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
}

describe('a follow-up reviews the actions carried over, and the facilitator gives the team a link', () => {
  it('opens a follow-up of an ended circle on the review, listing exactly the actions still open', async () => {
    fay = await newPerson('Fay');
    await workshop.host(fay, { title: TITLE, template: 'what-works-circle' });
    before = await storedSession(fay);
    // The session before is not what is tested here: its actions are written as a second tab would.
    for (const action of [
      { text: GENOGRAM, owner: { kind: 'name', name: 'Amara' }, due: '2027-03-02' },
      { text: INVITE, owner: { kind: 'name', name: 'Dee Shah' } },
      { text: DONE_ALREADY, status: 'done' },
    ]) {
      const ack = await commandOnce(workshop.server.url, before.token, { type: 'action.add', ...action });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
    }
    expect((await commandOnce(workshop.server.url, before.token, { type: 'session.end' })).ok).toBe(true);

    const res = await api(`/api/sessions/${encodeURIComponent(before.sessionId)}/follow-ups`, {
      method: 'POST',
      token: before.token,
      body: { start: 'empty', title: 'Oak Road, three months on', facilitatorName: 'Fay' },
    });
    expect(res.status).toBe(201);
    followUp = followUpResponseSchema.parse(await res.json());
    expect(followUp).toMatchObject({ previousSessionId: before.sessionId, carriedActions: 2 });

    // Kept in this browser as the host form keeps a session it made.
    await fay.page.evaluate((f) => {
      localStorage.setItem(
        `balcony.session.${f.sessionId}`,
        JSON.stringify({ sessionId: f.sessionId, token: f.facilitatorToken, participantId: f.participantId, role: 'facilitator', title: 'Oak Road, three months on', joinCode: f.joinCode, savedAt: Date.now() }),
      );
    }, followUp);
    await fay.page.goto(`${workshop.server.url}/s/${encodeURIComponent(followUp.sessionId)}`);
    await fay.board.waitUntilConnected();
    await fay.phase.waitForPhase('review-actions');

    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${workshop.server.url}/join/${followUp.joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();

    for (const p of [fay, amara]) {
      const panel = new ReviewPanel(p.page);
      review.set(p, panel);
      // The actions panel opens by itself on the review, which comes first in it.
      await panel.root.waitFor();
      expect(await p.page.getByTestId('actions.panel').getAttribute('class')).toContain('is-prominent');
      expect(await panel.progress.innerText()).toBe('0 of 2 reviewed');
    }
    const listed = await review.get(fay)!.onScreen();
    expect(listed.map((i) => i.text)).toEqual([GENOGRAM, INVITE]);
    expect(listed[0]).toMatchObject({ owner: 'Amara', due: '2 March 2027', outcome: '' });
    expect(listed[1]).toMatchObject({ owner: 'Dee Shah', due: 'No date' });
    // Fay ran the session before: she is told which it was, and can open its record.
    expect(listed[0]!.from).toContain(TITLE);
    expect(await fay.page.getByTestId('review.from.link').first().getAttribute('href')).toBe(`/s/${before.sessionId}/record`);
    // Amara joined only the follow-up.
    expect((await review.get(amara)!.onScreen())[0]!.from).toBe('the session before');
    // She may write in the review phase, so she too is offered each one to mark.
    expect(await amara.page.getByTestId('review.form').count()).toBe(2);
    await expectNoA11yViolations(amara.page, '[data-testid="actions.panel"]');
    await amara.page.screenshot({ path: artifactPath('review-panel-open.png') });
    workshop.reached(1);
  });

  it('marks one done with a note and one carried on by keyboard, and the group sees each outcome as it is marked', async () => {
    needSteps(1);
    const panel = review.get(fay)!;
    const page = fay.page;

    // An outcome is needed before anything is sent; the refusal says so in words.
    await panel.item(GENOGRAM).getByTestId('review.save').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.item(GENOGRAM).getByTestId('review.problem').textContent()).toContain('Choose done, dropped or carried on');
    expect(await focused(fay)).toBe('INPUT');

    await panel.choice(GENOGRAM, 'done').focus();
    await page.keyboard.press('Space');
    expect(await panel.choice(GENOGRAM, 'done').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(fay)).toBe('review.note');
    await page.keyboard.type('Shared at the March team meeting');
    expect(await panel.item(GENOGRAM).getByTestId('review.note.count').innerText()).toBe('32 of 300 characters');
    await page.keyboard.press('Tab');
    expect(await focused(fay)).toBe('review.save');
    await page.keyboard.press('Enter');
    await panel.item(GENOGRAM).getByTestId('review.item.summary').waitFor();
    // Amara hears it as she sees it.
    await expect.poll(async () => (await amara.board.announcement.textContent())?.trim()).toBe(`Fay marked “${GENOGRAM}” done.`);
    // Focus stays with the action just marked, on the way to change it.
    await expect.poll(() => focused(fay)).toBe('review.change');

    // Arrow keys move through the outcomes as in any radio group.
    await panel.choice(INVITE, 'done').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await panel.choice(INVITE, 'carried').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(fay)).toBe('review.save');
    await page.keyboard.press('Enter');
    await panel.item(INVITE).getByTestId('review.item.summary').waitFor();

    for (const p of [fay, amara]) {
      await expect.poll(() => review.get(p)!.progress.innerText()).toBe('2 of 2 reviewed');
      const [genogram, invite] = await review.get(p)!.onScreen();
      expect(genogram).toMatchObject({ outcome: 'Done', note: 'Shared at the March team meeting' });
      expect(invite).toMatchObject({ outcome: 'Carried on', note: '' });
      expect(genogram!.by).toContain(p === fay ? 'marked by you' : 'marked by Fay');
    }
    // Amara may still change it in the review phase, as the server allows anyone who writes then.
    expect(await amara.page.getByTestId('review.change').count()).toBe(2);
    await expectNoA11yViolations(fay.page, '[data-testid="actions.panel"]');
    await fay.page.screenshot({ path: artifactPath('review-panel-marked.png') });
    workshop.reached(2);
  });

  it('shows the review on each carried action after the phase, where the facilitator can still change it and others cannot', async () => {
    needSteps(2);
    await workshop.goToPhase(fay, 'welcome', [amara]);
    for (const p of [fay, amara]) {
      await p.page.getByTestId('actions.item.review').first().waitFor();
      expect(await review.get(p)!.root.count()).toBe(0);
      expect(await p.page.getByTestId('actions.item.review').count()).toBe(2);
    }
    expect(await amara.page.getByTestId('review.change').count()).toBe(0);

    const carriedOn = fay.page.getByTestId('actions.item').filter({ hasText: INVITE });
    // Escape leaves a review being changed as it was, with focus back on Change.
    await carriedOn.getByTestId('review.change').focus();
    await fay.page.keyboard.press('Enter');
    await carriedOn.getByTestId('review.form').waitFor();
    await fay.page.keyboard.press('Escape');
    await carriedOn.getByTestId('review.form').waitFor({ state: 'detached' });
    await expect.poll(() => focused(fay)).toBe('review.change');
    await fay.page.keyboard.press('Enter');
    // The form opens on the outcome as it stands, with focus on it.
    await expect.poll(() => fay.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('carried');
    await fay.page.keyboard.press('Tab');
    expect(await focused(fay)).toBe('review.note');
    await fay.page.keyboard.type('Next month, with Dee');
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.press('Enter');
    const onAmara = amara.page.getByTestId('actions.item').filter({ hasText: INVITE });
    await expect.poll(() => onAmara.getByTestId('review.item.note').textContent()).toBe('Next month, with Dee');
    expect(await onAmara.getByTestId('review.item.outcome').innerText()).toBe('Carried on');
    expect(await onAmara.getByTestId('actions.item.status').innerText()).toBe('Open');
    workshop.reached(3);
  });

  it('files the review first in the record of a snapshot, following up the session before', async () => {
    needSteps(3);
    await fay.console.open();
    await fay.page.getByTestId('console.snapshots.take').click();
    await expect.poll(() => fay.page.getByTestId('console.snapshots.status').textContent()).toContain('Snapshot taken');
    await fay.page.locator('[data-testid="console.snapshot"][data-reason="manual"]').first().getByRole('link').click();
    const record = new RecordView(fay.page);
    await record.waitForOpen();
    expect((await record.sectionIds())[0]).toBe('review-actions');
    const rows = await fay.page.getByTestId('record.reviewItem').evaluateAll((els) =>
      els.map((el) => ({
        text: el.querySelector('th')?.textContent?.trim(),
        owner: el.querySelector('[data-testid="record.reviewItem.owner"]')?.textContent?.trim(),
        outcome: el.querySelector('[data-testid="record.reviewItem.outcome"]')?.textContent?.trim(),
        note: el.querySelector('[data-testid="record.reviewItem.note"]')?.textContent?.trim(),
      })),
    );
    expect(rows).toEqual([
      { text: GENOGRAM, owner: 'Amara', outcome: 'Done', note: 'Shared at the March team meeting' },
      { text: INVITE, owner: 'Dee Shah', outcome: 'Carried on', note: 'Next month, with Dee' },
    ]);
    expect(await fay.page.getByTestId('record.review').innerText()).not.toContain(DONE_ALREADY);
    const follows = fay.page.getByTestId('record.followsUp.link');
    expect(await follows.innerText()).toContain(TITLE);
    expect(await follows.getAttribute('href')).toBe(`/s/${before.sessionId}/record`);
    await expectNoA11yViolations(fay.page, '[data-testid="record.section"][data-kind="review"]');
    await fay.page.screenshot({ path: artifactPath('review-record.png') });
    workshop.reached(4);
  });

  it('makes a team link on the ended session, shows its address once to copy, lists it and revokes it after a confirm', async () => {
    needSteps(4);
    await fay.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workshop.server.url });
    await fay.page.goto(`${workshop.server.url}/s/${encodeURIComponent(before.sessionId)}`);
    await fay.page.getByTestId('board.ended').waitFor();
    await fay.console.open();
    const links = new TeamLinksPanel(fay.page);
    await links.root.waitFor();
    await links.root.getByTestId('console.teamLinks.none').waitFor();

    await links.label.focus();
    await fay.page.keyboard.type('Oak Road team');
    await fay.page.keyboard.press('Enter');
    await links.url.waitFor();
    // The address takes focus, to be read out and copied at once.
    expect(await focused(fay)).toBe('console.teamLinks.url');
    const url = await links.url.inputValue();
    expect(url).toMatch(new RegExp(`^${workshop.server.url}/t/[^/]+$`));
    expect(await links.root.innerText()).toContain('shown only this once');
    await links.copy.focus();
    await fay.page.keyboard.press('Enter');
    await expect.poll(() => links.copied.textContent()).toBe('Link copied.');
    expect(await fay.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expect.poll(() => links.labels()).toEqual(['Oak Road team']);
    await expectNoA11yViolations(fay.page, '[data-testid="console.teamLinks"]');
    await links.root.screenshot({ path: artifactPath('team-links.png') });

    // The link reads the session, and nothing of it is given again.
    const token = decodeURIComponent(url.split('/t/')[1]!);
    const team = await api('/api/team', { token });
    expect(team.status).toBe(200);
    expect(await team.json()).toMatchObject({ sessionId: before.sessionId, title: TITLE, label: 'Oak Road team' });
    await fay.page.getByTestId('console.teamLinks.done').click();
    expect(await links.url.count()).toBe(0);
    expect(await links.root.innerText()).not.toContain(token);

    await links.links.first().getByTestId('console.teamLink.revoke').focus();
    await fay.page.keyboard.press('Enter');
    const dialog = fay.page.getByTestId('revokeLinkDialog');
    await dialog.waitFor();
    expect(await focused(fay)).toBe('revokeLinkDialog.cancel');
    await expectNoA11yViolations(fay.page, '[data-testid="revokeLinkDialog"]');
    await fay.page.keyboard.press('Tab');
    await fay.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await links.root.getByTestId('console.teamLinks.none').waitFor();
    expect(await links.status.innerText()).toContain('revoked');
    expect((await api('/api/team', { token })).status).toBe(401);
    workshop.reached(5);
  });

  it('says plainly when the session has as many team links as it may', async () => {
    needSteps(5);
    for (let i = 0; i < 20; i++) {
      const res = await api(`/api/sessions/${encodeURIComponent(before.sessionId)}/team-links`, { method: 'POST', token: before.token, body: { label: `Link ${i + 1}` } });
      expect(res.status).toBe(201);
    }
    const links = new TeamLinksPanel(fay.page);
    await links.label.fill('One more');
    await links.make.click();
    await expect.poll(() => links.status.textContent()).toContain('already has 20 team links');
    expect(await links.url.count()).toBe(0);
    for (const p of [fay, amara]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(6);
  });
});
