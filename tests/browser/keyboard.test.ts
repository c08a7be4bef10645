import { describe, expect, it } from 'vitest';
import { LIMITS, NOTE_COLORS } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';

const workshop = useWorkshop('keyboard');
const { everyone, needSteps, newPerson } = workshop;

/**
 * The board by keyboard: typing writes (a whole sentence, the first letter too, and nothing
 * else happens), every change can be made without a mouse, and focus comes back after each
 * dialog and menu, so that a keyboard user never has to find their place again.
 */

let fran: Person;
let amara: Person;
let joinCode = '';
let zoneNote = '';
let typedNote = '';
const ZONE_SENTENCE = 'Managers never sit with the team.';
const NOTE_SENTENCE = 'Make room for newcomers';

async function noteText(p: Person, id: string): Promise<string> {
  return (await p.board.notesOnScreen()).find((n) => n.id === id)?.text ?? '';
}

/**
 * In the open move dialog, `key` reaches `zoneId` and Enter moves the note there; the dialog
 * closes and focus is back on the note.
 */
async function chooseInMoveDialog(p: Person, id: string, key: string, zoneId: string): Promise<void> {
  const { board, page } = p;
  await page.keyboard.press(key);
  expect(await board.focused()).toMatchObject({ testId: 'moveDialog.zone', zoneId });
  await page.keyboard.press('Enter');
  await board.moveDialog.waitFor({ state: 'hidden' });
  await eventually(async () => expect(await board.note(id).getAttribute('data-zone-id')).toBe(zoneId));
  await eventually(async () => expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id }));
}

describe('the board by keyboard', () => {
  it('a facilitator hosts a learning circle', async () => {
    fran = await newPerson('Fran');
    joinCode = await workshop.host(fran, { title: 'Keyboard walk-through', template: 'what-works-circle' });
    workshop.reached(1);
  });

  it('typing a sentence on a selected zone writes it, whole, into a new note there', async () => {
    needSteps(1);
    const id = await fran.board.typeOnZone('questions', ZONE_SENTENCE);
    expect(id, 'typing opened a note').not.toBeNull();
    zoneNote = id!;
    expect(await fran.board.editorText()).toBe(ZONE_SENTENCE);
    expect(await fran.board.focused()).toMatchObject({ testId: 'board.note.editor', noteId: zoneNote });
    await fran.page.keyboard.press('Escape');
    await fran.board.editor.waitFor({ state: 'hidden' });
    expect(await fran.board.focused()).toMatchObject({ testId: 'board.note', noteId: zoneNote });

    expect(await fran.board.notesOnScreen()).toEqual([
      expect.objectContaining({ id: zoneNote, zone: 'questions', text: ZONE_SENTENCE }),
    ]);
    expect(await fran.board.moveDialog.count(), 'no dialog opened').toBe(0);
    expect(await fran.board.noteMenu.count(), 'no menu opened').toBe(0);
    workshop.reached(2);
  });

  it('typing a sentence on a selected note of yours writes it there, and moves nothing', async () => {
    needSteps(2);
    // An empty note, from Enter on a zone.
    await fran.board.zone('story').focus();
    await fran.page.keyboard.press('Enter');
    await fran.board.editor.waitFor();
    typedNote = (await fran.board.editingNoteId())!;
    await fran.page.keyboard.press('Escape');
    await fran.board.editor.waitFor({ state: 'hidden' });
    expect(await fran.board.focused()).toMatchObject({ testId: 'board.note', noteId: typedNote });

    const before = await fran.board.noteCenter(typedNote);
    const zoneBefore = await fran.board.noteCenter(zoneNote);
    await fran.board.typeOnNote(typedNote, NOTE_SENTENCE);
    expect(await fran.board.editorText()).toBe(NOTE_SENTENCE);
    expect(await fran.board.moveDialog.count(), 'M opened no dialog').toBe(0);
    await fran.page.keyboard.press('Escape');
    await fran.board.editor.waitFor({ state: 'hidden' });

    expect(await fran.board.notesOnScreen()).toEqual(
      [
        { id: zoneNote, zone: 'questions', text: ZONE_SENTENCE, author: expect.any(String) },
        { id: typedNote, zone: 'story', text: NOTE_SENTENCE, author: expect.any(String) },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const after = await fran.board.noteCenter(typedNote);
    expect(Math.abs(after.x - before.x) + Math.abs(after.y - before.y), 'the note did not move').toBeLessThan(2);
    const zoneAfter = await fran.board.noteCenter(zoneNote);
    expect(Math.abs(zoneAfter.x - zoneBefore.x) + Math.abs(zoneAfter.y - zoneBefore.y), 'nor did the other').toBeLessThan(2);
    workshop.reached(3);
  });

  it('typing on someone else’s note changes nothing and says why, once', async () => {
    needSteps(3);
    amara = await newPerson('Amara');
    await amara.start.open();
    await amara.start.join({ code: joinCode, name: 'Amara' });
    await amara.board.waitUntilConnected();
    await eventually(async () => expect(await noteText(amara, typedNote)).toBe(NOTE_SENTENCE));
    // A phase in which Amara writes too, so that what stops her is the note's author alone.
    await workshop.goToPhase(fran, 'learning', [amara]);

    // Everything the live region says while Amara types, to hear the reason once and not per key.
    await amara.page.evaluate(() => {
      const region = document.querySelector('[data-testid="board.announcement"]')!;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push((region.textContent ?? '').trim())).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const said = await amara.board.announcementAfter(() => amara.board.typeOnNote(typedNote, 'Move this'));
    expect(said).toBe('Only Fran or the facilitator can change this note.');
    const heard = await amara.page.evaluate(() => (window as unknown as { heard: string[] }).heard.filter(Boolean));
    expect(heard, 'the reason is said once for the whole burst').toEqual(['Only Fran or the facilitator can change this note.']);
    expect(await amara.board.editor.count()).toBe(0);
    expect(await amara.board.moveDialog.count()).toBe(0);
    expect(await amara.board.focused()).toMatchObject({ testId: 'board.note', noteId: typedNote });
    expect(await noteText(amara, typedNote)).toBe(NOTE_SENTENCE);
    expect(await noteText(fran, typedNote)).toBe(NOTE_SENTENCE);
    await amara.context.close();
    everyone.splice(everyone.indexOf(amara), 1);
    workshop.reached(4);
  });

  it('adds, moves, edits, recolours, deletes and undoes by keyboard, with focus kept at each step', async () => {
    needSteps(4);
    const { board, page } = fran;

    // Add: Alt+N puts the note in the zone with focus.
    await board.zone('why-it-worked').focus();
    await page.keyboard.press('Alt+n');
    await board.editor.waitFor();
    const id = (await board.editingNoteId())!;
    expect(await board.note(id).getAttribute('data-zone-id')).toBe('why-it-worked');
    expect(await board.focused()).toMatchObject({ testId: 'board.note.editor', noteId: id });
    await page.keyboard.type('Ask what helped');
    await page.keyboard.press('Escape');
    await board.editor.waitFor({ state: 'hidden' });
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id });

    // Move: Alt+M opens the dialog; End and Enter choose the last zone; focus comes back to the note.
    await page.keyboard.press('Alt+m');
    await board.moveDialog.waitFor();
    expect(await board.focused()).toMatchObject({ testId: 'moveDialog.zone' });
    await expectNoA11yViolations(page);
    await chooseInMoveDialog(fran, id, 'End', 'actions');

    // Cancel: Escape closes the dialog and focus is where it was.
    await page.keyboard.press('Alt+m');
    await board.moveDialog.waitFor();
    await page.keyboard.press('Escape');
    await board.moveDialog.waitFor({ state: 'hidden' });
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id });
    expect(await board.note(id).getAttribute('data-zone-id')).toBe('actions');

    // Edit: Enter opens the editor with the caret at the end; Escape leaves it, back on the note.
    await page.keyboard.press('Enter');
    await board.editor.waitFor();
    expect(await board.focused()).toMatchObject({ testId: 'board.note.editor', noteId: id });
    await page.keyboard.type(' in their words');
    await page.keyboard.press('Escape');
    await board.editor.waitFor({ state: 'hidden' });
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id });
    expect(await noteText(fran, id)).toBe('Ask what helped in their words');

    // The note's menu by Shift+F10: Escape goes back to the note; a colour chosen goes back too.
    await page.keyboard.press('Shift+F10');
    await board.noteMenu.waitFor();
    expect(await board.focused()).toMatchObject({ testId: 'note.menu.edit' });
    await expectNoA11yViolations(page);
    await page.keyboard.press('Escape');
    await board.noteMenu.waitFor({ state: 'detached' });
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id });

    const green = NOTE_COLORS.find((c) => c.id === 'green')!.hex;
    await page.keyboard.press('Shift+F10');
    await board.noteMenu.waitFor();
    for (;;) {
      const f = await page.evaluate(() => document.activeElement?.getAttribute('data-color'));
      if (f?.toLowerCase() === green.toLowerCase()) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await board.noteMenu.waitFor({ state: 'detached' });
    expect((await board.noteColor(id))?.toLowerCase()).toBe(green.toLowerCase());
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: id });

    // Move from the menu: focus comes back to the note in its new zone.
    await page.keyboard.press('Shift+F10');
    await board.noteMenu.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await board.focused()).toMatchObject({ testId: 'note.menu.move' });
    await page.keyboard.press('Enter');
    await board.moveDialog.waitFor();
    await chooseInMoveDialog(fran, id, 'Home', 'agreements');

    // Delete: the only note in its zone, so focus goes to the zone; Ctrl+Z brings the note back.
    await page.keyboard.press('Delete');
    await board.note(id).waitFor({ state: 'detached' });
    expect(await board.focused()).toMatchObject({ testId: 'board.zone', zoneId: 'agreements' });
    await expect.poll(() => board.toast().innerText()).toContain('Note deleted.');
    await page.keyboard.press('Control+z');
    await board.note(id).waitFor();
    expect(await noteText(fran, id)).toBe('Ask what helped in their words');
    expect(await board.note(id).getAttribute('data-zone-id')).toBe('agreements');
    expect(await board.focused()).toMatchObject({ testId: 'board.zone', zoneId: 'agreements' });
    workshop.reached(5);
  });

  it('deleting a note among others gives focus to the next note in its zone', async () => {
    needSteps(5);
    const { board, page } = fran;
    const second = await board.addNote('questions', 'Who was missing?');
    const notesInZone = await board.zone('questions').getByTestId('board.note').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-note-id')),
    );
    expect(notesInZone).toEqual([zoneNote, second]);
    await board.select(zoneNote);
    await page.keyboard.press('Delete');
    await board.note(zoneNote).waitFor({ state: 'detached' });
    expect(await board.focused()).toMatchObject({ testId: 'board.note', noteId: second });
    await page.keyboard.press('Control+z');
    await board.note(zoneNote).waitFor();
    workshop.reached(6);
  });

  it('Add note with no zone chosen puts the note in the zone in view, not the first one', async () => {
    needSteps(6);
    const { board, page } = fran;
    await page.reload();
    await board.waitUntilConnected();
    await board.addNoteButton.click();
    await board.editor.waitFor();
    const id = (await board.editingNoteId())!;
    // Seven columns at the whole-board view: the middle one is in view, not Agreements.
    expect(await board.note(id).getAttribute('data-zone-id')).toBe('what-worked');
    await page.keyboard.press('Escape');
    await board.editor.waitFor({ state: 'hidden' });
    workshop.reached(7);
  });

  it('a 3,000-character paste is cut to the note’s limit, and the editor says so', async () => {
    needSteps(7);
    const { board, page } = fran;
    await board.select(typedNote);
    await page.keyboard.press('Enter');
    await board.editor.waitFor();
    await page.keyboard.press('Control+a');
    await board.pasteIntoEditor('x'.repeat(3_000));
    expect((await board.editorText()).length).toBe(LIMITS.noteTextMax);
    await expect.poll(() => board.toast().innerText()).toContain('a note holds 2,000 characters, so the last 1,000 were left out');
    expect(await board.editor.getAttribute('dir')).toBe('auto');
    expect(await page.getByTestId('board.note.limit').innerText()).toBe('Full: 2,000 of 2,000 characters');
    expect(await page.getByTestId('board.note.limitStatus').innerText()).toContain('This note is full');

    // Deleting back below the limit counts down.
    for (let i = 0; i < 150; i++) await page.keyboard.press('Backspace');
    expect(await page.getByTestId('board.note.limit').innerText()).toBe('150 characters left');
    await page.keyboard.press('Escape');
    await board.editor.waitFor({ state: 'hidden' });
    await eventually(async () => expect((await noteText(fran, typedNote)).length).toBe(LIMITS.noteTextMax - 150));
    expect(await board.note(typedNote).getByTestId('board.note.text').getAttribute('dir')).toBe('auto');
    workshop.reached(8);
  });

  it('no page logged an error or threw', () => {
    expect(everyone.flatMap((p) => p.problems.map((e) => `${p.name}: ${e}`))).toEqual([]);
  });
});
