import { describe, expect, it } from 'vitest';
import { normalizeJoinCode } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { artifactPath } from './support/artifacts.js';
import { expectNoA11yViolations } from './support/axe.js';
import { CONTENT_SECURITY_POLICY } from '../../server/src/security/headers.js';

const workshop = useWorkshop('join-lock');
const { needSteps, newPerson } = workshop;

let fran: Person;
let amara: Person;
let joinCode = '';
describe('closing joining from the share panel', () => {
  it('runs the built client under the Content-Security-Policy, and the share panel passes axe', async () => {
    fran = await newPerson('Fran');
    const response = await fran.page.goto(`${workshop.server.url}/`);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await fran.start.joinCode.waitFor();
    await fran.start.host({ title: 'Practice circle', template: 'what-works-circle', name: 'Fran' });
    await fran.share.root.waitFor();
    await fran.board.waitUntilConnected();
    joinCode = normalizeJoinCode(await fran.share.codeText());
    await fran.page.locator('[data-testid="share.joinState"][data-locked="false"]').waitFor();
    expect(await fran.share.joinState.innerText()).toMatch(/Joining is open/);

    await expectNoA11yViolations(fran.page, '[data-testid="share.panel"]');
    // The page loaded, connected both sockets and drew the board with nothing blocked.
    expect(fran.problems).toEqual([]);
    workshop.reached(1);
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
    await expectNoA11yViolations(fran.page, '[data-testid="share.panel"]');
    workshop.reached(2);
  });

  it('someone with the code is told in plain words that the session is not taking new people', async () => {
    needSteps(2);
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.start.error.waitFor();
    expect((await amara.start.error.innerText()).trim()).toMatch("This session isn't taking new people. Ask your facilitator.");
    await amara.page.screenshot({ path: artifactPath('join-closed.png'), fullPage: true });
    expect(new URL(amara.page.url()).pathname).toBe(`/join/${joinCode}`);
    // The refused join is the only thing the browser complained about.
    expect(amara.problems).toEqual([expect.stringContaining('403')]);
    amara.problems.length = 0;
    workshop.reached(3);
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

  it('a change made in one tab shows in the facilitator\'s other tab at once, without reloading', async () => {
    needSteps(3);
    const other = await fran.page.context().newPage();
    try {
      await other.goto(fran.page.url());
      // The panel opens by itself only on a new session's first board; here it is asked for.
      await other.getByTestId('topbar.share').click();
      const state = (locked: boolean) => other.locator(`[data-testid="share.joinState"][data-locked="${locked}"]`);
      await state(false).waitFor();
      expect(await fran.share.toggleJoiningWith('Enter')).toBe(true);
      await state(true).waitFor({ timeout: 5_000 });
      expect(await other.getByTestId('share.joinState').innerText()).toMatch(/Joining is closed/);
      await other.screenshot({ path: artifactPath('share-panel-other-tab.png') });
      expect(await fran.share.toggleJoiningWith('Enter')).toBe(false);
      await state(false).waitFor({ timeout: 5_000 });
    } finally {
      await other.close();
    }
  });
});
