import { describe, expect, it } from 'vitest';
import { getTemplate } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { PhaseBar } from './pages/PhaseBar.js';
import { consoleOf, expectCanWrite, expectedWriting, participantIdOf, type Member } from './support/exercise.js';
import type { FacilitatorConsole } from './pages/FacilitatorConsole.js';

const TEMPLATE = 'cultural-web';
const web = getTemplate(TEMPLATE);
const workshop = useWorkshop('facilitation-web');
const { needSteps, newPerson } = workshop;

let fay: Person;
let fayConsole: FacilitatorConsole;
const members: Member[] = [];

/** Where a phase's notes go: its first zone, or the first zone of its frame. */
function zoneOf(index: number): string {
  const phase = web.phases[index]!;
  return phase.zones[0] ?? web.frames.find((f) => f.id === phase.frame)!.zones[1]!.id;
}

describe('a facilitator and three students build a whole cultural web through its three frames', () => {
  it('hosts and joins; everyone opens on the web as it is now, with tabs for the other two', async () => {
    fay = await newPerson('Fay');
    const joinCode = await workshop.host(fay, { title: 'Placement team culture', template: TEMPLATE, phase: null });
    fayConsole = consoleOf(fay);
    await fayConsole.open();
    for (const name of ['Amara', 'Ben', 'Chen']) {
      const person = await newPerson(name);
      await person.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await person.start.join({ name });
      await person.board.waitUntilConnected();
      members.push({ person, bar: new PhaseBar(person.page), participantId: await participantIdOf(person), role: 'participant' });
    }
    for (const p of [fay, ...members.map((m) => m.person)]) {
      await p.board.waitForFrame('current');
      for (const f of web.frames) await p.board.frameTab(f.id).waitFor();
    }
    await expectNoA11yViolations(members[0]!.person.page, '[data-testid="frames.tabs"]');
    workshop.reached(1);
  });

  it('runs every phase; each opens its frame on every screen, and each person can do what it allows', async () => {
    needSteps(1);
    for (let index = 0; index < web.phases.length; index++) {
      const phase = web.phases[index]!;
      if (index > 0) await fayConsole.next();
      for (const p of [fay, ...members.map((m) => m.person)]) await p.board.waitForFrame(phase.frame);
      const zone = zoneOf(index);
      for (const m of members) await expectCanWrite(m, expectedWriting(TEMPLATE, index, m), phase.id, zone);
      const ids: string[] = [];
      for (const w of members.filter((m) => expectedWriting(TEMPLATE, index, m))) {
        const id = await w.person.board.addNote(zone, `${w.person.name}: ${phase.name}`);
        ids.push(id);
        // Silent writing is private until the facilitator reveals it.
        if (phase.privateUntilRevealed) expect(await w.person.board.isPrivate(id)).toBe(true);
        else await fay.page.locator(`[data-testid="board.note"][data-note-id="${id}"]`).waitFor();
      }
      if (phase.privateUntilRevealed) {
        await fayConsole.reveal();
        for (const id of ids) await fay.page.locator(`[data-testid="board.note"][data-note-id="${id}"]`).waitFor();
      }
      const frameZones = web.frames.find((f) => f.id === phase.frame)!.zones.map((z) => z.id);
      if (phase.zones.length > 0 && phase.zones.length < frameZones.length) {
        // The phase's zones stand out; the others on its frame dim.
        expect(await fay.board.zoneEmphasis(phase.zones[0]!)).toBe('focus');
        expect(await fay.board.zoneEmphasis(frameZones.find((z) => !phase.zones.includes(z))!)).toBe('dim');
      }
    }
    // The last phase is the facilitator's: they record the actions while the students propose.
    expect(await members[0]!.bar.mayWrite()).toBe(false);
    await fay.board.addNote('keep', 'Keep the Monday huddle');
    await fay.page.screenshot({ path: artifactPath('web-gap-facilitator.png') });
    workshop.reached(2);
  });

  it('lets a student look at another frame by keyboard, and brings them back when the facilitator leads', async () => {
    needSteps(2);
    const amara = members[0]!;
    await amara.person.board.showFrameWithKeyboard('current');
    await amara.person.board.waitForFrame('current');
    // The notes written on the current web are still there.
    expect((await amara.person.board.notesOnScreen()).length).toBeGreaterThan(0);
    await fay.board.showFrame('desired');
    await fayConsole.bringEveryoneToThisFrame();
    for (const m of members) await m.person.board.waitForFrame('desired');
    await amara.person.board.showFrame('gap');
    await amara.bar.followBack.waitFor();
    await amara.bar.backToFacilitator();
    await amara.person.board.waitForFrame('desired');
    workshop.reached(3);
  });

  it('shows the two webs side by side at the same scale', async () => {
    needSteps(3);
    const ben = members[1]!.person;
    await ben.board.showFrame('current');
    await ben.board.setSideBySide(true);
    expect(await ben.board.framesOnScreen()).toEqual(['current', 'desired']);
    const [a, b] = await ben.board.canvas.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(Math.abs(a! - b!)).toBeLessThan(1);
    await ben.page.screenshot({ path: artifactPath('web-side-by-side.png') });
    for (const p of [fay, ...members.map((m) => m.person)]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(4);
  });
});
