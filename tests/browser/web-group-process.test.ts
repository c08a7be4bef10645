import { describe, expect, it } from 'vitest';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoSeriousA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { participantIdOf } from './support/exercise.js';
import { Themes } from './pages/Themes.js';
import { Voting } from './pages/Voting.js';

const workshop = useWorkshop('web-group-process');
const { needSteps, newPerson } = workshop;

let fay: Person;
let group: Person[] = [];
const themes = new Map<Person, Themes>();
const votes = new Map<Person, Voting>();
const written: Record<string, string> = {};
let support = '';

const everyone = () => [fay, ...group];

describe('four people draw a cultural web: silent writing, the reveal, themes and a vote', () => {
  it('hosts the web at its silent writing, and three colleagues join', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Our team culture', template: 'cultural-web', phase: 'current-silent' });
    await fay.console.open();
    group = [];
    for (const name of ['Amara', 'Ben', 'Cleo']) {
      const p = await newPerson(name);
      await p.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await p.start.join({ name });
      await p.board.waitUntilConnected();
      p.participantId = await participantIdOf(p);
      group.push(p);
    }
    for (const p of everyone()) {
      await p.phase.waitForPhase('current-silent');
      themes.set(p, new Themes(p.page, p.board));
      votes.set(p, new Voting(p.page, p.board));
    }
    workshop.reached(1);
  });

  it('lets each write in silence, seen by nobody else, the facilitator counting only', async () => {
    needSteps(1);
    const [amara, ben, cleo] = group as [Person, Person, Person];
    written.amara = await amara.board.addNote('stories', 'Supervision that makes time to think');
    written.ben = await ben.board.addNote('stories', 'Peer support after hard visits');
    written.cleo = await cleo.board.addNote('rituals', 'Friday team lunch');
    await fay.console.waitForPrivateTotal(3);
    for (const p of everyone()) {
      const own = Object.entries(written).filter(([who]) => who === p.name.toLowerCase()).map(([, id]) => id);
      for (const id of Object.values(written)) {
        expect(await p.board.note(id).count(), `${p.name} sees ${id}`).toBe(own.includes(id) ? 1 : 0);
      }
    }
    await expectNoSeriousA11yViolations(fay.page);
    workshop.reached(2);
  });

  it('reveals every note to all four at once', async () => {
    needSteps(2);
    await fay.console.reveal();
    for (const p of everyone()) {
      for (const id of Object.values(written)) await p.board.note(id).waitFor();
      expect(await p.board.privateNoteIds(), p.name).toEqual([]);
    }
    workshop.reached(3);
  });

  it('groups two notes into a named theme, which everyone sees', async () => {
    needSteps(3);
    await workshop.goToPhase(fay, 'current-reveal', group);
    const amara = group[0]!;
    const t = themes.get(amara)!;
    support = await t.groupByDrag(written.ben!, written.amara!);
    await t.typeName('Support');
    for (const p of everyone()) {
      await themes.get(p)!.waitForTitle(support, 'Support');
      await themes.get(p)!.waitForThemeOf(written.amara!, support);
      await themes.get(p)!.waitForThemeOf(written.ben!, support);
    }
    expect(await themes.get(fay)!.themeOf(written.cleo!)).toBeNull();
    await expectNoSeriousA11yViolations(group[1]!.page);
    workshop.reached(4);
  });

  it('runs a vote on the notes, and the ranked results show for all', async () => {
    needSteps(4);
    await votes.get(fay)!.open({ dots: 2, most: 1 });
    const [amara, ben, cleo] = group as [Person, Person, Person];
    for (const p of group) await votes.get(p)!.waitForLeft(2);
    await votes.get(amara)!.castOn(written.cleo!);
    await votes.get(amara)!.castOn(written.ben!);
    await votes.get(ben)!.castOn(written.cleo!);
    await votes.get(cleo)!.castWithKeyboard(written.cleo!);
    await votes.get(fay)!.waitForCast(4);
    // Until the vote closes, nobody sees where the dots went.
    for (const p of everyone()) expect(await votes.get(p)!.countsOnNotes(), p.name).toEqual({});
    await votes.get(fay)!.close();
    for (const p of everyone()) {
      const results = await votes.get(p)!.resultsOnScreen();
      expect(results.map((r) => [r.targetId, r.votes, r.rank]), p.name).toEqual([
        [written.cleo, 3, 1],
        [written.ben, 1, 2],
      ]);
      expect(results[0]!.label).toContain('Friday team lunch');
      await expect.poll(() => votes.get(p)!.countsOnNotes()).toMatchObject({ [written.cleo!]: 3, [written.ben!]: 1 });
    }
    await expectNoSeriousA11yViolations(cleo.page);
    await fay.page.screenshot({ path: artifactPath('web-group-process-results.png') });
    for (const p of everyone()) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(5);
  });
});
