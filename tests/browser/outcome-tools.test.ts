import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { ActionsPanel } from './pages/ActionsPanel.js';
import { RecordView } from './pages/RecordView.js';

const workshop = useWorkshop('outcome-tools');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
const notes: Record<string, string> = {};

describe('keeping, withdrawing, snapshots and deleting, on a cultural web', () => {
  it('says in the session menu how long the session is kept; only the facilitator may change it', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Our team culture', template: 'cultural-web' });
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();

    await amara.page.getByTestId('topbar.menu').click();
    const kept = amara.page.getByTestId('menu.retention');
    await kept.waitFor();
    expect(await kept.innerText()).toMatch(/^Kept until \d{1,2} [A-Z][a-z]+ \d{4} — 90 days after the last activity\.$/);
    expect(await amara.page.getByTestId('menu.retention.change').count()).toBe(0);
    expect(await amara.page.getByTestId('menu.delete').count()).toBe(0);
    await expectNoA11yViolations(amara.page, '.session-menu');
    await amara.page.keyboard.press('Escape');

    // The facilitator changes it by keyboard: the menu, the item, the days, Enter.
    await fay.page.getByTestId('topbar.menu').focus();
    await fay.page.keyboard.press('Enter');
    await fay.page.getByTestId('menu.retention.change').focus();
    await fay.page.keyboard.press('Enter');
    const days = fay.page.getByTestId('retentionDialog.days');
    await days.waitFor();
    await expectNoA11yViolations(fay.page, '[data-testid="retentionDialog"]');
    await fay.page.keyboard.press('Control+a');
    await fay.page.keyboard.type('0');
    await fay.page.keyboard.press('Enter');
    await expect.poll(() => fay.page.getByTestId('retentionDialog.problem').textContent()).toContain('from 1 to 3650');
    await fay.page.keyboard.press('Control+a');
    await fay.page.keyboard.type('30');
    await fay.page.keyboard.press('Enter');
    await fay.page.getByTestId('retentionDialog').waitFor({ state: 'detached' });
    await fay.page.getByTestId('topbar.menu').click();
    expect(await fay.page.getByTestId('menu.retention').innerText()).toContain('30 days after the last activity');
    await fay.page.keyboard.press('Escape');
    workshop.reached(1);
  });

  it('lets the facilitator write an action with its element and whom to influence before the actions phase; others read it', async () => {
    needSteps(1);
    const fayActions = new ActionsPanel(fay.page);
    const amaraActions = new ActionsPanel(amara.page);
    await fayActions.open();
    await fayActions.add({ text: 'Bring the supervision audit to the team meeting', owner: 'Fay (you)', due: '2027-01-20', element: 'Control systems', stakeholder: 'Head of service' });
    await amaraActions.open();
    await amaraActions.waitForCount(1);
    const item = await amaraActions.root.getByTestId('actions.item').innerText();
    expect(item).toContain('Control systems');
    expect(item).toContain('Head of service');
    expect(item).toContain('20 January 2027');
    // Amara is not in the actions phase: she reads, and is told where actions are written.
    expect(await amaraActions.addButton.count()).toBe(0);
    expect(await amara.page.getByTestId('actions.hint').innerText()).toContain('written in the actions phase');
    await expectNoA11yViolations(amara.page, '[data-testid="actions.panel"]');
    await amaraActions.toggle.click();
    await amaraActions.root.waitFor({ state: 'detached' });
    workshop.reached(2);
  });

  it('lets a writer withdraw her own note after a confirm that says it leaves the snapshots too, also while she may not write', async () => {
    needSteps(2);
    notes.kept = await amara.board.addNote('stories', 'The story of the snow day rota');
    notes.gone = await amara.board.addNote('stories', 'Something I said too soon');
    for (const id of Object.values(notes)) await fay.board.note(id).waitFor();
    // Locked: Amara may not write, but taking her words back is still hers, and is all the menu offers.
    await fay.console.open();
    await fay.console.setLocked(true);
    await amara.board.openMenu(notes.gone!);
    for (const item of ['edit', 'move', 'color', 'delete'] as const) expect(await amara.board.menuItem(item).count(), item).toBe(0);
    // Fay's note menu on Amara's note offers no withdrawal; Amara's does.
    await amara.board.noteMenu.getByTestId('note.menu.withdraw').focus();
    await amara.page.keyboard.press('Enter');
    const dialog = amara.page.getByTestId('withdrawDialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('out of every snapshot');
    await expectNoA11yViolations(amara.page, '[data-testid="withdrawDialog"]');
    await amara.page.getByTestId('withdrawDialog.confirm').focus();
    await amara.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    for (const p of [amara, fay]) await p.board.note(notes.gone!).waitFor({ state: 'detached' });
    await fay.console.setLocked(false);
    await fay.board.openMenu(notes.kept!);
    expect(await fay.board.noteMenu.getByTestId('note.menu.withdraw').count()).toBe(0);
    await fay.board.closeMenu();
    workshop.reached(3);
  });

  it('takes a snapshot from the console and opens it as a draft record', async () => {
    needSteps(3);
    await fay.console.open();
    const panel = fay.page.getByTestId('console.snapshots');
    await panel.scrollIntoViewIfNeeded();
    await fay.page.getByTestId('console.snapshots.take').click();
    await expect.poll(() => fay.page.getByTestId('console.snapshots.status').textContent()).toContain('Snapshot taken');
    const manual = fay.page.locator('[data-testid="console.snapshot"][data-reason="manual"]');
    await manual.first().waitFor();
    expect(await manual.first().innerText()).toContain('Taken by the facilitator');
    await expectNoA11yViolations(fay.page, '[data-testid="console.snapshots"]');
    await manual.first().getByRole('link').click();
    const record = new RecordView(fay.page);
    await record.waitForOpen();
    expect(await record.isFinal()).toBe(false);
    expect(await record.label.innerText()).toContain('Draft');
    const text = await record.root.innerText();
    expect(text).toContain('The story of the snow day rota');
    expect(text).not.toContain('Something I said too soon');
    expect(text).toContain('Head of service');
    await expectNoA11yViolations(fay.page);
    await fay.page.getByTestId('record.back').click();
    await fay.board.waitUntilConnected();
    workshop.reached(4);
  });

  it('deletes the session for good after a confirm: the facilitator is at the start page and nobody gets back in', async () => {
    needSteps(4);
    await fay.page.getByTestId('topbar.menu').click();
    await fay.page.getByTestId('menu.delete').click();
    const dialog = fay.page.getByTestId('deleteDialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('cannot be undone');
    await expectNoA11yViolations(fay.page, '[data-testid="deleteDialog"]');
    await fay.page.getByTestId('deleteDialog.confirm').click();
    await fay.page.waitForURL((url) => url.pathname === '/');
    const forgotten = await fay.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('balcony.session.')));
    expect(forgotten).toEqual([]);
    await amara.page.reload();
    await amara.page.getByRole('heading', { name: /join the session again|session has ended/i }).waitFor({ timeout: 20_000 });
    for (const p of [fay, amara]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(5);
  });
});
