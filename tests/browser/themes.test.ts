import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { Themes } from './pages/Themes.js';

const workshop = useWorkshop('themes');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let fayThemes: Themes;
let amaraThemes: Themes;
const notes: Record<string, string> = {};
let trust = '';
let owned = '';

describe('a group pulls themes out of its notes, by pointer and by keyboard, and everyone sees them', () => {
  it('hosts a cultural web at its gap analysis and has a student write four notes', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Team culture themes', template: 'cultural-web', phase: 'gap' });
    amara = await newPerson('Amara');
    await amara.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
    await amara.start.join({ name: 'Amara' });
    await amara.board.waitUntilConnected();
    for (const p of [fay, amara]) await p.board.waitForFrame('gap');
    fayThemes = new Themes(fay.page, fay.board);
    amaraThemes = new Themes(amara.page, amara.board);
    notes.huddle = await amara.board.addNote('keep', 'Monday huddle');
    notes.cover = await amara.board.addNote('keep', 'Covering for each other');
    notes.thanks = await amara.board.addNote('keep', 'Saying thank you');
    notes.audits = await amara.board.addNote('change', 'Audit-driven supervision');
    for (const id of Object.values(notes)) await fay.board.note(id).waitFor();
    workshop.reached(1);
  });

  it('groups two notes by dropping one on the other, and names the theme in place', async () => {
    needSteps(1);
    trust = await amaraThemes.groupByDrag(notes.cover!, notes.huddle!);
    expect(await amaraThemes.themeOf(notes.huddle!)).toBe(trust);
    // The new theme's name field has focus, ready to type.
    expect((await amara.board.focused()).testId).toBe('board.theme.titleInput');
    await amaraThemes.typeName('Trust in the team');
    await fayThemes.waitForTitle(trust, 'Trust in the team', 'keep');
    await fayThemes.waitForThemeOf(notes.cover!, trust);
    expect((await fayThemes.themesOnScreen()).find((t) => t.id === trust)?.notes).toBe(2);
    await expectNoA11yViolations(amara.page, '[data-testid="board.zone"][data-zone-id="keep"]');
    workshop.reached(2);
  });

  it('groups by keyboard: picks with Ctrl+Space and Alt+G, and joins a theme with “Group with…”', async () => {
    needSteps(2);
    await amaraThemes.pickWithKeyboard(notes.thanks!);
    await amaraThemes.pickWithKeyboard(notes.audits!);
    await expectNoA11yViolations(amara.page, '.board-toolbar');
    owned = await amaraThemes.groupPickedWithKeyboard(notes.audits!);
    await amaraThemes.typeName('Shared ownership');
    await fayThemes.waitForTitle(owned, 'Shared ownership');
    // The notes go to the zone of the first note picked.
    await fayThemes.waitForThemeOf(notes.audits!, owned);
    expect(await fay.board.note(notes.audits!).getAttribute('data-zone-id')).toBe('keep');
    // One note out of its theme with the menu, then into the other by "Group with…".
    await amaraThemes.takeOutWithMenu(notes.thanks!);
    await amara.board.select(notes.thanks!);
    await amara.board.note(notes.thanks!).press('Alt+g');
    await amaraThemes.groupDialog.waitFor();
    await expectNoA11yViolations(amara.page, '[data-testid="groupDialog"]');
    await amara.page.keyboard.press('Escape');
    await amaraThemes.groupDialog.waitFor({ state: 'hidden' });
    await amaraThemes.joinWithKeyboard(notes.thanks!, trust);
    await fayThemes.waitForThemeOf(notes.thanks!, trust);
    // The theme left with one note goes on; a note dropped on a theme joins it too.
    await amaraThemes.joinByDrag(notes.audits!, trust);
    await fayThemes.waitForThemeOf(notes.audits!, trust);
    await fayThemes.waitForGone(owned);
    workshop.reached(3);
  });

  it('renames by keyboard, and Escape leaves the name as it was', async () => {
    needSteps(3);
    await amaraThemes.renameWithKeyboard(trust, 'Trust');
    await fayThemes.waitForTitle(trust, 'Trust');
    await amaraThemes.startRenameAndCancel(trust, 'Not this');
    expect((await amaraThemes.themesOnScreen()).find((t) => t.id === trust)?.title).toBe('Trust');
    expect((await amara.board.focused()).testId).toBe('board.theme');
    workshop.reached(4);
  });

  it('moves a theme with its notes, by arrow keys and by drag into another zone', async () => {
    needSteps(4);
    const before = await fay.board.noteCenter(notes.huddle!);
    const themeBefore = await fayThemes.centre(trust);
    await amaraThemes.nudge(trust, 'ArrowDown', 6);
    await fay.page.waitForFunction(
      ([id, y]) => {
        const el = document.querySelector(`[data-testid="board.theme"][data-theme-id="${id}"]`);
        return el ? el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2 > (y as number) + 10 : false;
      },
      [trust, themeBefore.y] as const,
    );
    const after = await fay.board.noteCenter(notes.huddle!);
    const themeAfter = await fayThemes.centre(trust);
    // The note moved with its theme, by the same distance.
    expect(Math.abs(after.y - before.y - (themeAfter.y - themeBefore.y))).toBeLessThan(3);
    await amaraThemes.dragToZone(trust, 'start');
    await fayThemes.waitForTitle(trust, 'Trust', 'start');
    for (const id of [notes.huddle!, notes.cover!, notes.thanks!, notes.audits!]) {
      await fay.page.locator(`[data-testid="board.note"][data-note-id="${id}"][data-zone-id="start"]`).waitFor();
    }
    await fay.page.screenshot({ path: artifactPath('themes-moved.png') });
    workshop.reached(5);
  });

  it('ungroups: the theme goes, its notes stay', async () => {
    needSteps(5);
    await amaraThemes.ungroupWithKeyboard(trust);
    await fayThemes.waitForGone(trust);
    for (const id of Object.values(notes)) await fayThemes.waitForThemeOf(id, null);
    expect((await fay.board.notesOnScreen()).length).toBe(4);
    // Undo brings the theme back, with its notes in it.
    await amara.board.undoFrom('start');
    await fayThemes.theme(trust).waitFor();
    await amaraThemes.ungroupWithButton(trust);
    await fayThemes.waitForGone(trust);
    for (const p of [fay, amara]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(6);
  });
});
