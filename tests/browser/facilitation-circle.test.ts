import { describe, expect, it } from 'vitest';
import { getTemplate } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';
import { artifactPath } from './support/artifacts.js';
import { PhaseBar } from './pages/PhaseBar.js';
import { consoleOf, expectCanWrite, expectedWriting, participantIdOf, type Member } from './support/exercise.js';
import type { FacilitatorConsole } from './pages/FacilitatorConsole.js';

const TEMPLATE = 'what-works-circle';
const circle = getTemplate(TEMPLATE);
const workshop = useWorkshop('facilitation-circle');
const { needSteps, newPerson } = workshop;

let fay: Person;
let fayConsole: FacilitatorConsole;
let members: Member[] = [];
let joinCode = '';

/** Where each phase's notes go: its first zone. */
const zoneOf = (index: number) => circle.phases[index]!.zones[0] ?? circle.frames[0]!.zones[0]!.id;

describe('a facilitator and three people run a whole learning circle', () => {
  it('the facilitator hosts, three people join, and the console and phase bar pass axe', async () => {
    fay = await newPerson('Fay');
    joinCode = await workshop.host(fay, { title: 'Practice circle', template: TEMPLATE, phase: null });
    fayConsole = consoleOf(fay);
    await fayConsole.open();
    for (const name of ['Pat', 'Amara', 'Ben']) {
      const person = await newPerson(name);
      await person.start.openJoinLink(`${workshop.server.url}/join/${joinCode}`);
      await person.start.join({ name });
      await person.board.waitUntilConnected();
      members.push({ person, bar: new PhaseBar(person.page), participantId: await participantIdOf(person), role: 'participant' });
    }
    await expectNoA11yViolations(fay.page, '[data-testid="console"]');
    await expectNoA11yViolations(members[0]!.person.page, '[data-testid="phasebar"]');
    workshop.reached(1);
  });

  it('the facilitator makes Pat the presenter by keyboard, and everyone starts in the welcome', async () => {
    needSteps(1);
    const pat = members[0]!;
    const select = fayConsole.roleSelect(pat.participantId);
    await select.focus();
    await select.selectOption('presenter');
    await select.blur();
    await fay.page.locator(`[data-testid="console.person"][data-participant-id="${pat.participantId}"][data-role="presenter"]`).waitFor();
    pat.role = 'presenter';
    for (const m of members) await expectCanWrite(m, false, 'welcome', 'agreements');
    expect(await members[1]!.bar.phaseTitle()).toContain(circle.phases[0]!.name);
    expect((await members[1]!.bar.prompt.innerText()).trim()).toBe(circle.phases[0]!.instructions);
    expect((await fayConsole.script.innerText()).trim()).toContain(circle.phases[0]!.script.slice(0, 40));
    // The facilitator writes the agreements.
    const id = await fay.board.addNote('agreements', 'No names of families');
    await members[2]!.person.page.locator(`[data-testid="board.note"][data-note-id="${id}"]`).waitFor();
    workshop.reached(2);
  });

  it('runs every phase to the end; at each, each person can do exactly what the phase allows', async () => {
    needSteps(2);
    for (let index = 1; index < circle.phases.length; index++) {
      const phase = circle.phases[index]!;
      // Next, by keyboard on the console.
      await fayConsole.nextButton.focus();
      await fay.page.keyboard.press('Enter');
      await fay.page.locator(`[data-testid="console.phase.goto.${phase.id}"][aria-current="step"]`).waitFor();
      expect((await fayConsole.script.innerText()).trim()).toContain(phase.script.slice(0, 40));
      const zone = zoneOf(index);
      for (const m of members) {
        const write = expectedWriting(TEMPLATE, index, m);
        await expectCanWrite(m, write, phase.id, zone);
        if (!write) expect((await m.bar.access.innerText()).length).toBeGreaterThan(0);
      }
      // Whoever may write adds a note in the phase's zone; everyone else sees it arrive.
      const writers = members.filter((m) => expectedWriting(TEMPLATE, index, m));
      for (const w of writers) {
        const id = await w.person.board.addNote(zone, `${w.person.name} in ${phase.name}`);
        for (const other of [fay, ...members.map((m) => m.person)]) {
          await other.page.locator(`[data-testid="board.note"][data-note-id="${id}"]`).waitFor();
        }
      }
      if (phase.id === 'reflecting') {
        // The presenter listens: the bar says so in those words.
        expect(await members[0]!.bar.access.innerText()).toContain('The presenter is listening');
      }
    }
    await fay.page.screenshot({ path: artifactPath('circle-last-phase-facilitator.png') });
    workshop.reached(3);
  });

  it('counts each voice: notes per person, and nobody left out by the end', async () => {
    needSteps(3);
    const counts = await fayConsole.notesPerPerson();
    for (const m of members) {
      const expected = circle.phases.filter((_, i) => i > 0 && expectedWriting(TEMPLATE, i, m)).length;
      expect(counts.find((c) => c.participantId === m.participantId)?.notes, m.person.name).toBe(expected);
    }
    expect(await fayConsole.notWrittenYet()).toEqual([]);
    workshop.reached(4);
  });

  it('runs the timer on every screen alike, and nothing stops when it runs out', async () => {
    needSteps(4);
    await fayConsole.startTimer();
    const amara = members[1]!;
    await amara.person.page.locator('[data-testid="phasebar.time"][data-running="true"]').waitFor();
    const seconds = (t: string) => {
      const m = t.match(/(\d+):(\d\d)/);
      return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    };
    const [a, b] = [seconds(await fayConsole.timerText()), seconds(await amara.bar.timeText())];
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    await fayConsole.pauseTimer();
    await amara.person.page.locator('[data-testid="phasebar.time"][data-running="false"]').waitFor();
    workshop.reached(5);
  });

  it('takes raised hands in order and a pause request to the facilitator only', async () => {
    needSteps(5);
    const [pat, amara, ben] = members as [Member, Member, Member];
    await ben.bar.raiseHand();
    await amara.bar.raiseHand();
    await fay.page.waitForFunction(() => document.querySelectorAll('[data-testid="console.hand"]').length === 2);
    expect(await fayConsole.handsRaised()).toEqual([ben.participantId, amara.participantId]);
    await fayConsole.lowerHand(ben.participantId);
    await ben.person.page.locator('[data-testid="phasebar.hand"][data-raised="false"]').waitFor();
    await pat.bar.askForPause();
    await fay.page.locator(`[data-testid="console.pause"][data-participant-id="${pat.participantId}"]`).waitFor();
    // Nobody else's screen shows it.
    for (const m of [amara, ben]) expect(await m.person.page.locator('[data-testid="console.pause"]').count()).toBe(0);
    await expectNoA11yViolations(fay.page, '[data-testid="console"]');
    for (const p of [fay, ...members.map((m) => m.person)]) expect(p.uncaught, p.name).toEqual([]);
    workshop.reached(6);
  });
});
