import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { pdfText } from './support/pdfText.js';
import { ActionsPanel } from './pages/ActionsPanel.js';
import { RecordView } from './pages/RecordView.js';

const workshop = useWorkshop('outcome-circle');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let ben: Person;
const actions = new Map<Person, ActionsPanel>();
const notes: Record<string, string> = {};
let recordPath = '';

const FIRST = 'Share the genogram template with the team';
const SECOND = 'Invite the family support worker to the next circle';

describe('a what works learning circle, run to its end and filed as a record', () => {
  it('runs the circle to its take-aways, one note kept out of the record', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Circle on the Oak Road work', template: 'what-works-circle' });
    for (const name of ['Amara', 'Ben']) {
      const p = await newPerson(name);
      await p.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await p.start.join({ name });
      await p.board.waitUntilConnected();
      if (name === 'Amara') amara = p;
      else ben = p;
    }
    for (const p of [fay, amara, ben]) actions.set(p, new ActionsPanel(p.page));
    notes.visits = await amara.board.addNote('takeaways', 'Short, regular home visits');
    notes.aside = await ben.board.addNote('takeaways', 'A worry about my own caseload');
    for (const p of [fay, amara, ben]) for (const id of Object.values(notes)) await p.board.note(id).waitFor();

    // Ben keeps his aside out of the record, by keyboard from the note's menu.
    // Shift+F10 opens a note's menu; Alt+M is "Move to zone…".
    await ben.board.select(notes.aside!);
    await ben.page.keyboard.press('Shift+F10');
    await ben.board.noteMenu.waitFor();
    expect(await ben.board.noteMenu.getByTestId('note.menu.noRecord').getAttribute('aria-checked')).toBe('false');
    await ben.board.noteMenu.getByTestId('note.menu.noRecord').focus();
    await ben.page.keyboard.press('Enter');
    await ben.board.noteMenu.waitFor({ state: 'detached' });
    for (const p of [ben, fay, amara]) await p.board.note(notes.aside!).getByTestId('board.note.noRecord').waitFor();
    expect(await amara.board.note(notes.aside!).getByTestId('board.note.noRecord').innerText()).toBe('Not recorded');
    // Amara may not mark Ben's note: her menu on it offers no toggle.
    await amara.board.openMenu(notes.aside!);
    expect(await amara.board.noteMenu.getByTestId('note.menu.noRecord').count()).toBe(0);
    await amara.board.closeMenu();
    await expectNoA11yViolations(ben.page, `[data-testid="board.note"][data-note-id="${notes.aside!}"]`);
    workshop.reached(1);
  });

  it('opens the actions panel for everyone in the actions phase, and two actions are written with owners and dates', async () => {
    needSteps(1);
    await workshop.goToPhase(fay, 'actions', [amara, ben]);
    for (const p of [fay, amara, ben]) {
      await actions.get(p)!.root.waitFor();
      expect(await actions.get(p)!.prominent()).toBe(true);
    }
    await expectNoA11yViolations(amara.page, '[data-testid="actions.panel"]');

    // Amara writes the first by keyboard alone: Tab between fields, type in each.
    const a = actions.get(amara)!;
    await a.addButton.focus();
    await amara.page.keyboard.press('Enter');
    await a.form.getByTestId('actions.form.text').waitFor();
    expect(await amara.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('actions.form.text');
    // An empty action is refused in words, next to the form.
    await a.form.getByTestId('actions.form.submit').focus();
    await amara.page.keyboard.press('Enter');
    await expect.poll(() => a.problem.textContent()).toContain('Write what is to be done');
    await a.form.getByTestId('actions.form.text').focus();
    await amara.page.keyboard.type(FIRST);
    await amara.page.keyboard.press('Tab');
    await amara.page.keyboard.type('Amara');
    await amara.page.keyboard.press('Tab');
    await amara.page.keyboard.type('03022027');
    expect(await a.form.getByTestId('actions.form.due').inputValue()).toBe('2027-03-02');
    await a.form.getByTestId('actions.form.submit').focus();
    await amara.page.keyboard.press('Enter');
    await a.waitForCount(1);
    // Focus goes back to Add action, to write the next.
    await expect.poll(() => amara.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('actions.add');

    // Ben writes the second for a colleague who was not there.
    await actions.get(ben)!.add({ text: SECOND, owner: { other: 'Dee Shah' }, due: '2027-04-15' });

    const expected = [
      { text: FIRST, owner: 'Amara', due: '2 March 2027', status: 'Open' },
      { text: SECOND, owner: 'Dee Shah', due: '15 April 2027', status: 'Open' },
    ];
    await actions.get(fay)!.waitForCount(2);
    expect(await actions.get(fay)!.onScreen()).toEqual(expected);
    expect((await a.onScreen())[0]!.owner).toBe('You');
    await expectNoA11yViolations(fay.page, '[data-testid="actions.panel"]');
    workshop.reached(2);
  });

  it('ends the session from the console after a confirm, and shows the facilitator the final record', async () => {
    needSteps(2);
    await fay.console.open();
    await fay.page.getByTestId('console.end.open').click();
    const dialog = fay.page.getByTestId('endDialog');
    await dialog.waitFor();
    // Cancel has focus first: Enter by habit does not end the session.
    expect(await fay.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('endDialog.cancel');
    await expectNoA11yViolations(fay.page, '[data-testid="endDialog"]');
    await fay.page.getByTestId('endDialog.confirm').click();

    const record = new RecordView(fay.page);
    await record.waitForOpen();
    recordPath = new URL(fay.page.url()).pathname;
    expect(recordPath).toMatch(/^\/s\/[^/]+\/record$/);
    expect(await record.isFinal()).toBe(true);
    expect(await record.label.innerText()).toBe('Final record');
    expect(await record.title.innerText()).toBe('Circle on the Oak Road work');
    expect(await record.sectionIds()).toEqual(['summary', 'participants', 'starred', 'themes', 'learning', 'actions']);
    expect(await record.actions()).toEqual([
      { text: FIRST, owner: 'Amara', due: '2 March 2027' },
      { text: SECOND, owner: 'Dee Shah', due: '15 April 2027' },
    ]);
    const page = await fay.page.getByTestId('record.page').innerText();
    expect(page).toContain('Short, regular home visits');
    expect(page).not.toContain('A worry about my own caseload');
    await expectNoA11yViolations(fay.page);
    await fay.page.screenshot({ path: artifactPath('outcome-record.png'), fullPage: true });
    workshop.reached(3);
  });

  it('downloads the record as PDF and Markdown, each holding the actions and not the withheld note', async () => {
    needSteps(3);
    const record = new RecordView(fay.page);
    const pdf = await record.download('pdf');
    expect(pdf.filename).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Share the genogram template');
    expect(text).toContain('Dee Shah');
    expect(text).toContain('Amara');
    expect(text).not.toContain('caseload');

    const md = await record.download('md', { keyboard: true });
    expect(md.filename).toMatch(/\.md$/);
    const markdown = md.bytes.toString('utf8');
    expect(markdown).toContain('Circle on the Oak Road work');
    expect(markdown).toContain(FIRST);
    expect(markdown).toContain(SECOND);
    expect(markdown).toContain('Dee Shah');
    expect(markdown).toMatch(/2027-03-02|2 March 2027/);
    expect(markdown).toContain('Short, regular home visits');
    expect(markdown).not.toContain('caseload');
    await expect.poll(() => record.downloadStatus.textContent()).toContain('downloaded');
    workshop.reached(4);
  });

  it('tells the participants the session has ended, read-only, and lets them open and download the final record', async () => {
    needSteps(4);
    for (const p of [amara, ben]) {
      await p.page.getByTestId('board.ended').waitFor();
      expect(await p.page.getByTestId('board.ended').innerText()).toContain('This session has ended');
      await p.board.waitForReadOnly();
      // Nothing on the actions panel is offered to write.
      expect(await actions.get(p)!.addButton.count()).toBe(0);
    }
    await expectNoA11yViolations(amara.page, '[data-testid="board.ended"]');
    await amara.page.getByTestId('board.ended.record').focus();
    await amara.page.keyboard.press('Enter');
    const record = new RecordView(amara.page);
    await record.waitForOpen();
    expect(new URL(amara.page.url()).pathname).toBe(recordPath);
    expect(await record.isFinal()).toBe(true);
    expect((await record.actions()).map((a) => a.text)).toEqual([FIRST, SECOND]);
    const md = await record.download('md');
    expect(md.bytes.toString('utf8')).toContain(FIRST);
    await expectNoA11yViolations(amara.page);
    for (const p of [fay, amara, ben]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(5);
  });
});
