import { describe, expect, it } from 'vitest';
import { normalizeJoinCode } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { participantIdOf } from './support/exercise.js';

const workshop = useWorkshop('anonymous');
const { needSteps, newPerson } = workshop;
const NAMES = ['Fay', 'Amara', 'Ben'];

let fay: Person;
let amara: Person;
let ben: Person;
let joinCode: string;
const written: Record<string, string> = {};

/** Whether any name of the people in the session appears in these words. */
function namesIn(text: string): string[] {
  return NAMES.filter((name) => text.includes(name));
}

describe('an anonymous session: names are on nobody’s notes, to anyone', () => {
  it('hosts with the "Anonymous session" switch, all by keyboard', async () => {
    fay = await newPerson('Fay');
    await fay.start.open();
    await fay.start.hostAnonymous.waitFor();
    expect(await fay.start.description(fay.start.hostAnonymous)).toContain('Notes show no names');
    await fay.start.setAnonymous(true);
    expect(await fay.start.hostAnonymous.getAttribute('role')).toBe('switch');
    await expectNoSeriousA11yViolations(fay.page, 'form:has([data-testid="start.host.anonymous"])');
    await fay.start.setAnonymous(false);
    await fay.start.hostWithKeyboard({ title: 'Developing cultural competence', template: 'cultural-web', name: 'Fay', anonymous: true });
    await fay.share.root.waitFor();
    joinCode = normalizeJoinCode(await fay.share.codeText());
    await fay.share.close();
    await fay.board.waitUntilConnected();
    await workshop.gotoPhase(fay, 'current-silent');
    await fay.console.open();

    for (const name of ['Amara', 'Ben']) {
      const person = await newPerson(name);
      await person.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await person.start.join({ name });
      await person.board.waitUntilConnected();
      person.participantId = await participantIdOf(person);
      if (name === 'Amara') amara = person;
      else ben = person;
    }
    // Everyone is told the session is anonymous; presence still says who is here.
    for (const p of [fay, amara, ben]) {
      await p.phase.waitForPhase('current-silent');
      await p.board.anonymousBadge().waitFor();
      expect(await p.board.anonymousBadge().innerText()).toMatch(/Anonymous session/);
      await p.board.person(amara.participantId!).waitFor();
    }
    workshop.reached(1);
  });

  it('has each write privately, and shows the facilitator only how many', async () => {
    needSteps(1);
    written.amara = await amara.board.addNote('stories', 'Nobody asks the night staff');
    written.ben = await ben.board.addNote('power', 'Decisions happen in the corridor');
    expect(await amara.board.privateNoteIds()).toEqual([written.amara]);
    expect(await ben.board.privateNoteIds()).toEqual([written.ben]);
    expect(await amara.board.note(written.ben).count()).toBe(0);
    await fay.console.waitForPrivateTotal(2);
    expect(await fay.console.privateCountOf(amara.participantId!)).toBe(1);
    await expectNoSeriousA11yViolations(ben.page);
    workshop.reached(2);
  });

  it('reveals them with no author name anywhere, and each writer can still change their own', async () => {
    needSteps(2);
    await fay.console.reveal();
    for (const p of [fay, amara, ben]) {
      for (const id of Object.values(written)) await p.board.note(id).waitFor();
      expect(await p.board.privateNoteIds(), p.name).toEqual([]);
      for (const note of await p.board.notesOnScreen()) {
        expect(namesIn(note.author), `${p.name} sees an author on ${note.text}`).toEqual([]);
        expect(namesIn(await p.board.noteDescription(note.id)), `${p.name}: the description of ${note.text}`).toEqual([]);
        expect(namesIn(await p.board.noteName(note.id))).toEqual([]);
      }
    }
    // Amara's browser knows which are hers; the other notes are nobody's she can name.
    expect(await amara.board.noteDescription(written.amara!)).toContain('Written by you.');
    expect(await amara.board.noteDescription(written.ben!)).toContain('Written anonymously.');
    await amara.board.edit(written.amara!, 'Nobody asks the night staff what they think');
    await ben.page.getByText('Nobody asks the night staff what they think').waitFor();
    await fay.page.screenshot({ path: artifactPath('anonymous-revealed.png') });
    workshop.reached(3);
  });

  it('keeps a note private in an open phase too, until its writer reveals it, still with no name', async () => {
    needSteps(3);
    await workshop.goToPhase(fay, 'current-reveal', [amara, ben]);
    written.later = await ben.board.addNote('symbols', 'The empty chair in meetings');
    expect(await ben.board.isPrivate(written.later)).toBe(true);
    await ben.board.leftovers().waitFor();
    expect(await amara.board.note(written.later).count()).toBe(0);
    await ben.board.revealMine();
    for (const p of [fay, amara]) {
      await p.board.note(written.later).waitFor();
      const note = (await p.board.notesOnScreen()).find((n) => n.id === written.later)!;
      expect(namesIn(note.author)).toEqual([]);
    }
    expect(await ben.board.noteDescription(written.later)).toContain('Written by you.');
    workshop.reached(4);
  });

  it('draws others’ cursors without a name', async () => {
    needSteps(4);
    const box = await ben.board.box(ben.board.zone('stories'));
    await ben.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await ben.page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 10, { steps: 5 });
    await amara.board.remoteCursors.first().waitFor();
    for (const name of await amara.board.cursorNames()) expect(name).toBe('');
    for (const p of [fay, amara, ben]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(5);
  });
});
