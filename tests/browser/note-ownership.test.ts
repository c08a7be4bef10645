import { describe, expect, it } from 'vitest';
import { NOTE_COLORS } from '@balcony/shared';
import { eventually } from '../support/eventually.js';
import { useWorkshop, type Person } from './support/workshop.js';
import { artifactPath } from './support/artifacts.js';
import { expectNoA11yViolations } from './support/axe.js';

const workshop = useWorkshop('note-ownership');
const { everyone, needSteps, newPerson } = workshop;

/**
 * A note's words belong to its author: another participant may move it and change its colour,
 * but is never offered a way to change its words or delete it, and hears why. A facilitator may.
 */

let fran: Person;
let amara: Person;
let ben: Person;
let amarasNote = '';
let bensNote = '';
const AMARAS_TEXT = 'What did the family notice first?';
const BENS_TEXT = 'Visiting at the same time each week';
const NOT_YOURS = 'Only Amara or the facilitator can change this note.';

/** Every page shows this note with these words (or, with null, no longer shows it). */
async function everyoneSees(noteId: string, text: string | null): Promise<void> {
  await Promise.all(
    everyone.map((p) =>
      eventually(async () => {
        const note = (await p.board.notesOnScreen()).find((n) => n.id === noteId);
        if (text === null) expect(note, `${p.name} no longer sees the note`).toBeUndefined();
        else expect(note?.text, `${p.name} sees the note's words`).toBe(text);
      }),
    ),
  );
}

/** No one's board socket was closed for a refused write: nothing was sent that the server refuses. */
async function everyoneStillConnected(): Promise<void> {
  for (const p of everyone) expect(await p.board.connectionState(), `${p.name}'s board is connected`).toBe('connected');
}

describe('whose note it is', () => {
  it('two participants each write a note and see each other’s, by author', async () => {
    fran = await newPerson('Fran');
    const code = await workshop.host(fran, { title: 'Supervision circle', template: 'what-works-circle' });

    amara = await newPerson('Amara');
    ben = await newPerson('Ben');
    for (const p of [amara, ben]) {
      await p.start.open();
      await p.start.join({ code, name: p.name });
      await p.board.waitUntilConnected();
    }
    // Transferable learning: everyone writes.
    await workshop.goToPhase(fran, 'learning', [amara, ben]);

    amarasNote = await amara.board.addNote('questions', AMARAS_TEXT);
    bensNote = await ben.board.addNote('what-worked', BENS_TEXT);
    await everyoneSees(amarasNote, AMARAS_TEXT);
    await everyoneSees(bensNote, BENS_TEXT);
    const onBensScreen = await ben.board.notesOnScreen();
    expect(onBensScreen.find((n) => n.id === amarasNote)?.author).toBe('Amara');
    expect(onBensScreen.find((n) => n.id === bensNote)?.author).toBe('Ben');
    workshop.reached(1);
  });

  it('the other’s note offers moving and colour, and says why it offers no edit or delete', async () => {
    needSteps(1);
    const note = ben.board.note(amarasNote);
    expect(await note.getAttribute('aria-keyshortcuts')).toBe('Alt+M');
    expect(await ben.board.noteDescription(amarasNote)).toBe('Written by Amara. Only Amara or the facilitator can change its words.');
    expect(await ben.board.noteDescription(bensNote)).toBe('Written by you.');
    expect(await fran.board.noteDescription(amarasNote)).toBe('Written by Amara.');

    await ben.board.openMenu(amarasNote);
    expect(await ben.board.menuItem('move').count()).toBe(1);
    expect(await ben.board.menuItem('color').count()).toBe(NOTE_COLORS.length);
    expect(await ben.board.menuItem('edit').count(), 'no Edit on someone else’s note').toBe(0);
    expect(await ben.board.menuItem('delete').count(), 'no Delete on someone else’s note').toBe(0);
    expect((await ben.board.menuItem('owner').innerText()).trim()).toBe(
      'Written by Amara. Only Amara or the facilitator can change its words.',
    );
    const menu = ben.page.getByRole('menu', { name: 'Note actions' });
    expect(await menu.getAttribute('aria-describedby')).toBe(await ben.board.menuItem('owner').getAttribute('id'));
    await ben.page.screenshot({ path: artifactPath('note-menu-someone-elses-note.png') });
    await expectNoA11yViolations(ben.page);
    await ben.board.closeMenu();

    // His own note offers everything.
    await ben.board.openMenu(bensNote);
    expect(await ben.board.menuItem('edit').count()).toBe(1);
    expect(await ben.board.menuItem('delete').count()).toBe(1);
    expect(await ben.board.menuItem('owner').count()).toBe(0);
    await ben.board.closeMenu();

    // Amara sees the same the other way round.
    await amara.board.openMenu(bensNote);
    expect(await amara.board.menuItem('edit').count()).toBe(0);
    expect(await amara.board.menuItem('delete').count()).toBe(0);
    await amara.board.closeMenu();
    workshop.reached(2);
  });

  it('Enter, double-click and Delete on the other’s note change nothing, and Ben hears why', async () => {
    needSteps(2);
    expect(await ben.board.announcementAfter(() => ben.board.pressOnNote(amarasNote, 'Enter'))).toBe(NOT_YOURS);
    expect(await ben.board.editor.count(), 'Enter opens no editor').toBe(0);

    const said = await ben.board.announcementAfter(() => ben.board.dblclickNote(amarasNote));
    expect(said).toBe(NOT_YOURS);
    expect(await ben.board.editor.count(), 'a double-click opens no editor').toBe(0);

    for (const key of ['Delete', 'Backspace']) {
      expect(await ben.board.announcementAfter(() => ben.board.pressOnNote(amarasNote, key))).toBe(NOT_YOURS);
    }
    // Letters typed on the selected note do not reach its words either.
    await ben.board.pressOnNote(amarasNote, 'x');
    expect(await ben.board.editor.count()).toBe(0);

    await everyoneSees(amarasNote, AMARAS_TEXT);
    await everyoneStillConnected();
    workshop.reached(3);
  });

  it('Ben may still move the other’s note and change its colour, and everyone sees it', async () => {
    needSteps(3);
    await ben.board.moveWithKeyboard(amarasNote, 'actions');
    const green = NOTE_COLORS.find((c) => c.id === 'green')!.hex;
    await ben.board.recolor(amarasNote, green);
    for (const p of everyone) {
      await eventually(async () => {
        expect(await p.board.note(amarasNote).getAttribute('data-zone-id'), `${p.name} sees the move`).toBe('actions');
        expect((await p.board.noteColor(amarasNote))?.toLowerCase(), `${p.name} sees the colour`).toBe(green.toLowerCase());
      });
    }
    await everyoneSees(amarasNote, AMARAS_TEXT);
    await everyoneStillConnected();
    workshop.reached(4);
  });

  it('the facilitator may change the words of anyone’s note, and delete it', async () => {
    needSteps(4);
    await fran.board.openMenu(amarasNote);
    expect(await fran.board.menuItem('edit').count()).toBe(1);
    expect(await fran.board.menuItem('delete').count()).toBe(1);
    expect(await fran.board.menuItem('owner').count()).toBe(0);
    await fran.board.closeMenu();

    const edited = `${AMARAS_TEXT} (asked at the first visit)`;
    await fran.board.edit(amarasNote, edited);
    await everyoneSees(amarasNote, edited);

    await fran.board.openMenu(amarasNote);
    await fran.board.menuItem('delete').click();
    await everyoneSees(amarasNote, null);
    await everyoneSees(bensNote, BENS_TEXT);
    await everyoneStillConnected();
    workshop.reached(5);
  });

  it('no page logged an error or threw', () => {
    expect(everyone.flatMap((p) => p.problems.map((e) => `${p.name}: ${e}`))).toEqual([]);
  });
});
