import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { Voting } from './pages/Voting.js';
import { Stars } from './pages/Stars.js';

const workshop = useWorkshop('voting');
const { needSteps, newPerson } = workshop;

let fay: Person;
let amara: Person;
let ben: Person;
const vote = new Map<Person, Voting>();
const notes: Record<string, string> = {};

describe('stars, and a dot-vote: hidden tallies while open, a ranked result for everyone once closed', () => {
  it('opens at the gap analysis, where the console puts the vote first', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'What matters most', template: 'cultural-web', phase: 'gap' });
    await fay.console.open();
    for (const name of ['Amara', 'Ben']) {
      const p = await newPerson(name);
      await p.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await p.start.join({ name });
      await p.board.waitUntilConnected();
      if (name === 'Amara') amara = p;
      else ben = p;
    }
    for (const p of [fay, amara, ben]) {
      await p.board.waitForFrame('gap');
      vote.set(p, new Voting(p.page, p.board));
    }
    notes.huddle = await amara.board.addNote('keep', 'Monday huddle');
    notes.thanks = await amara.board.addNote('keep', 'Saying thank you');
    notes.audits = await ben.board.addNote('change', 'Audit-driven supervision');
    for (const p of [fay, amara, ben]) for (const id of Object.values(notes)) await p.board.note(id).waitFor();
    expect(await vote.get(fay)!.prominent()).toBe(true);
    await expectNoA11yViolations(fay.page, '[data-testid="console.vote"]');
    workshop.reached(1);
  });

  it('lets the facilitator star a note, a mark everyone sees, which others cannot set', async () => {
    needSteps(1);
    const fayStars = new Stars(fay.page, fay.board);
    const amaraStars = new Stars(amara.page, amara.board);
    expect(await fayStars.toggle(notes.thanks!)).toBe(true);
    await amaraStars.waitForStarred(notes.thanks!);
    expect(await amaraStars.markShown(notes.thanks!)).toBe(true);
    expect(await amaraStars.offered(notes.thanks!)).toBe(false);
    await expectNoA11yViolations(amara.page, `[data-testid="board.note"][data-note-id="${notes.thanks!}"]`);
    await fayStars.toggleWithMenu(notes.thanks!);
    await amaraStars.waitForStarred(notes.thanks!, false);
    workshop.reached(1.5);
  });

  it('lets each person cast their dots, refuses one too many on a note, and shows the facilitator a count only', async () => {
    needSteps(1.5);
    await vote.get(fay)!.open({ dots: 3, most: 2 });
    for (const p of [amara, ben]) await vote.get(p)!.waitForLeft(3);
    expect(await amara.board.page.getByTestId('vote.banner.left').textContent()).toContain('Vote: 3 of 3 dots left');
    await expectNoA11yViolations(amara.page, '[data-testid="vote.banner"]');

    const a = vote.get(amara)!;
    await a.castOn(notes.huddle!);
    await a.castWithKeyboard(notes.huddle!);
    await a.waitForLeft(1);
    // A third dot on one note is one more than the vote allows: the server says so.
    await a.castOn(notes.huddle!);
    await expect.poll(() => a.problem.textContent()).toContain('At most 2');
    await a.waitForLeft(1);
    await a.castOn(notes.thanks!);
    await a.waitForLeft(0);
    expect(await a.myDotsOn(notes.huddle!)).toBe(2);
    await expectNoA11yViolations(amara.page, '[data-testid="board.note"]');

    const b = vote.get(ben)!;
    await b.castOn(notes.audits!);
    await b.castOn(notes.audits!);
    await b.castOn(notes.huddle!);
    await b.waitForLeft(0);
    // Out of dots: the server refuses a fourth, and taking one back frees it.
    await b.castOn(notes.thanks!);
    await expect.poll(() => b.problem.textContent()).toContain('all 3');
    await b.retractOn(notes.audits!);
    await b.waitForLeft(1);
    await b.castOn(notes.audits!);
    await b.waitForLeft(0);

    const f = vote.get(fay)!;
    await f.waitForCast(6);
    expect(await f.castCount.textContent()).toContain('6 dots cast');
    // Nobody, the facilitator included, sees where the dots are until the vote closes.
    for (const p of [fay, amara, ben]) expect(await vote.get(p)!.countsOnNotes()).toEqual({});
    expect(await b.myDotsOn(notes.huddle!)).toBe(1);
    expect(await a.myDotsOn(notes.audits!)).toBe(0);
    workshop.reached(2);
  });

  it('closes: every board shows each note’s dots and the same ranked results', async () => {
    needSteps(2);
    await vote.get(fay)!.close();
    const expected = [
      { targetId: notes.huddle!, votes: 3, rank: 1, label: 'Monday huddle' },
      { targetId: notes.audits!, votes: 2, rank: 2, label: 'Audit-driven supervision' },
      { targetId: notes.thanks!, votes: 1, rank: 3, label: 'Saying thank you' },
    ];
    for (const p of [fay, amara, ben]) {
      const v = vote.get(p)!;
      expect(await v.resultsOnScreen()).toEqual(expected);
      await v.banner.waitFor({ state: 'detached' });
      await expect.poll(() => v.countsOnNotes()).toEqual({ [notes.huddle!]: 3, [notes.audits!]: 2, [notes.thanks!]: 1 });
    }
    await expectNoA11yViolations(ben.page, '[data-testid="vote.results"]');
    // The results are headed and reachable by keyboard: each shows its note.
    await ben.page.getByRole('heading', { name: 'Vote results' }).waitFor();
    await ben.page.getByTestId('vote.result.show').first().focus();
    await ben.page.keyboard.press('Enter');
    expect((await ben.board.focused()).noteId).toBe(notes.huddle);
    await ben.page.screenshot({ path: artifactPath('vote-results.png') });
    for (const p of [fay, amara, ben]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(3);
  });
});
