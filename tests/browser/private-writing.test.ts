import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { participantIdOf } from './support/exercise.js';

const workshop = useWorkshop('private-writing');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let ben: Person;
let joinCode: string;
const written: Record<string, string> = {};

/** Joins a person by the link and waits for their board. */
async function join(name: string, opts: { network?: boolean } = {}): Promise<Person> {
  const person = await newPerson(name, opts);
  await person.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
  await person.start.join({ name });
  await person.board.waitUntilConnected();
  person.participantId = await participantIdOf(person);
  return person;
}

describe('the cultural web’s silent writing: private notes, then the reveal', () => {
  it('hosts the web at its silent writing; everyone is told their notes are private', async () => {
    fay = await newPerson('Fay');
    joinCode = await workshop.host(fay, { title: 'Team culture', template: 'cultural-web', phase: 'current-silent' });
    fay.participantId = await participantIdOf(fay);
    await fay.console.open();
    amara = await join('Amara');
    ben = await join('Ben', { network: true });
    for (const p of [fay, amara, ben]) {
      await p.phase.waitForPhase('current-silent');
      await p.board.privatePhaseLine().waitFor();
    }
    await fay.console.revealButton().waitFor();
    expect(await fay.console.privateTotal()).toBe(0);
    workshop.reached(1);
  });

  it('lets each write notes that only they can see, and shows the facilitator how many', async () => {
    needSteps(1);
    written.amara = await amara.board.addNote('stories', 'We tell the story of the flood year');
    written.ben = await ben.board.addNote('rituals', 'Friday cake');
    written.ben2 = await ben.board.addNote('symbols', 'The lanyards');

    // Each sees their own, marked as theirs alone, by outline and by name.
    expect(await amara.board.privateNoteIds()).toEqual([written.amara]);
    expect((await ben.board.privateNoteIds()).sort()).toEqual([written.ben, written.ben2].sort());
    expect(await amara.board.noteName(written.amara!)).toContain('Only you can see this');
    // Nobody else sees them: not the other participant, not the facilitator.
    await fay.console.waitForPrivateTotal(3);
    for (const [p, others] of [
      [amara, [written.ben, written.ben2]],
      [ben, [written.amara]],
      [fay, [written.amara, written.ben, written.ben2]],
    ] as const) {
      for (const id of others) expect(await p.board.note(id!).count(), `${p.name} sees ${id}`).toBe(0);
    }
    // The facilitator sees counts, never words.
    expect(await fay.console.privateCountOf(amara.participantId!)).toBe(1);
    expect(await fay.console.privateCountOf(ben.participantId!)).toBe(2);
    expect((await fay.console.privateCountText(ben.participantId!).innerText()).trim()).toBe('2 private notes');
    expect(await fay.page.getByText('Friday cake').count()).toBe(0);
    // Participation counts private notes too: everyone who wrote has been heard.
    const voices = await fay.console.notesPerPerson();
    expect(voices.find((v) => v.participantId === ben.participantId)?.notes).toBe(2);
    expect(await fay.console.notWrittenYet()).toEqual([]);

    // The owner changes their private note as any of their own.
    await amara.board.edit(written.amara!, 'We tell the story of the flood year, every year');
    expect(await amara.board.isPrivate(written.amara!)).toBe(true);

    await expectNoSeriousA11yViolations(amara.page);
    await amara.page.screenshot({ path: artifactPath('private-writing-amara.png') });
    workshop.reached(2);
  });

  it('reveals every note at once to everyone, by keyboard, and empties the private boards', async () => {
    needSteps(2);
    await fay.console.reveal();
    for (const p of [fay, amara, ben]) {
      for (const id of Object.values(written)) await p.board.note(id).waitFor();
      expect(await p.board.privateNoteIds(), p.name).toEqual([]);
    }
    const onFay = await fay.board.notesOnScreen();
    expect(onFay.find((n) => n.id === written.amara)?.text).toBe('We tell the story of the flood year, every year');
    expect(onFay.find((n) => n.id === written.ben)?.author).toBe('Ben');
    expect(await fay.console.privateCountOf(ben.participantId!)).toBe(0);
    expect((await fay.console.notesPerPerson()).find((v) => v.participantId === ben.participantId)?.notes).toBe(2);
    // Revealed, Amara's note is still hers to change.
    await amara.board.edit(written.amara!, 'Flood year');
    await fay.page.locator(`[data-note-id="${written.amara}"] [data-testid="board.note.text"]`, { hasText: 'Flood year' }).waitFor();
    workshop.reached(3);
  });

  it('keeps a note written offline until after the reveal private, with “Reveal mine” for its writer', async () => {
    needSteps(3);
    // Ben loses the connection while writing is still private, and writes on.
    await ben.network!.goOffline();
    written.late = await ben.board.addNote('power', 'Who signs off overtime');
    await workshop.goToPhase(fay, 'current-reveal', [amara]);
    await ben.network!.goOnline();
    await ben.board.waitUntilConnected();
    await ben.phase.waitForPhase('current-reveal');
    // Writing is no longer private, so the note waits for him to reveal it.
    await ben.board.leftovers().waitFor();
    // The server has it once it is back, and counts it, still private.
    await fay.console.waitForPrivateCountOf(ben.participantId!, 1);
    expect(await ben.board.isPrivate(written.late)).toBe(true);
    expect(await fay.board.note(written.late).count()).toBe(0);
    await ben.board.revealMine();
    await fay.board.note(written.late).waitFor();
    await ben.board.leftovers().waitFor({ state: 'detached' });
    for (const p of [fay, amara, ben]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(4);
  });
});
