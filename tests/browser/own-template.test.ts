import { describe, expect, it } from 'vitest';
import { getTemplate } from '@balcony/shared';
import { useWorkshop, type Person } from './support/workshop.js';
import { expectNoA11yViolations } from './support/axe.js';

const workshop = useWorkshop('own-template');
const { needSteps, newPerson } = workshop;

/** A facilitator's own version of the learning circle, renamed, with a zone of its own. */
function ownCircle() {
  const t = structuredClone(getTemplate('what-works-circle'));
  t.id = 'our-circle';
  t.name = 'Our circle';
  t.frames[0]!.zones[0]!.id = 'ground-rules';
  t.frames[0]!.zones[0]!.label = 'Ground rules';
  t.phases[0]!.zones = ['ground-rules'];
  return t;
}

let fay: Person;
describe('hosting from a template file of ones own', () => {
  it('says in words where a broken file is wrong, and the form passes axe', async () => {
    fay = await newPerson('Fay');
    await fay.start.open();
    const broken = ownCircle() as unknown as { phases: { frame: string }[] };
    broken.phases[2]!.frame = 'nowhere';
    await fay.start.hostWithOwnTemplate({ title: 'Our circle', template: broken, name: 'Fay' });
    const error = fay.page.getByTestId('start.host.templateError');
    await error.waitFor();
    expect(await error.innerText()).toContain('$.phases[2].frame');
    await expectNoA11yViolations(fay.page);
    workshop.reached(1);
  });

  it('previews a good file, hosts from it by keyboard, and the board has its zones', async () => {
    needSteps(1);
    await fay.start.chooseOwnTemplate(ownCircle());
    const preview = fay.page.getByTestId('start.host.templatePreview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('Our circle');
    expect(await preview.innerText()).toContain('Welcome and agreements');
    await expectNoA11yViolations(fay.page);
    await fay.start.hostSubmit.focus();
    await fay.page.keyboard.press('Enter');
    await fay.share.root.waitFor();
    await fay.share.close();
    await fay.board.waitUntilConnected();
    await fay.board.zone('ground-rules').waitFor();
    expect(await fay.board.zoneLabelsOnScreen()).toContain('Ground rules');
    expect(fay.uncaught).toEqual([]);
  });
});
