import type { Locator, Page } from 'playwright-core';
import type { SessionRole } from '@balcony/shared';

const byTestId = (testId: string, attr?: [string, string]) =>
  attr ? `[data-testid="${testId}"][${attr[0]}="${attr[1]}"]` : `[data-testid="${testId}"]`;

export interface VoiceOnScreen {
  participantId: string;
  notes: number;
}

/** The facilitator's side panel on their board: phases, timer, script, lock, follow-me, people, hands, pauses, participation. */
export class FacilitatorConsole {
  readonly root: Locator;
  /** The top bar's button that shows and hides the console. */
  readonly toggle: Locator;
  readonly hideButton: Locator;
  /** Why the last command did not go through (a polite status line). */
  readonly status: Locator;
  readonly timerTime: Locator;
  readonly startTimerButton: Locator;
  readonly pauseTimerButton: Locator;
  readonly addMinuteButton: Locator;
  readonly subtractMinuteButton: Locator;
  readonly nextButton: Locator;
  readonly backButton: Locator;
  readonly script: Locator;
  /** Lock board, a toggle; `data-locked` says the state. */
  readonly lockButton: Locator;
  readonly followButton: Locator;
  readonly followZoneButton: Locator;
  readonly stopFollowingButton: Locator;
  readonly followState: Locator;
  readonly hands: Locator;
  readonly pauses: Locator;
  readonly people: Locator;
  readonly participation: Locator;
  /** "Not written yet: …" */
  readonly notYet: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('console');
    this.toggle = page.getByTestId('topbar.console');
    this.hideButton = page.getByTestId('console.hide');
    this.status = page.getByTestId('console.status');
    this.timerTime = page.getByTestId('console.timer.time');
    this.startTimerButton = page.getByTestId('console.timer.start');
    this.pauseTimerButton = page.getByTestId('console.timer.pause');
    this.addMinuteButton = page.getByTestId('console.timer.add');
    this.subtractMinuteButton = page.getByTestId('console.timer.subtract');
    this.nextButton = page.getByTestId('console.phase.next');
    this.backButton = page.getByTestId('console.phase.back');
    this.script = page.getByTestId('console.script');
    this.lockButton = page.getByTestId('console.lock');
    this.followButton = page.getByTestId('console.follow');
    this.followZoneButton = page.getByTestId('console.follow.zone');
    this.stopFollowingButton = page.getByTestId('console.follow.stop');
    this.followState = page.getByTestId('console.followState');
    this.hands = page.getByTestId('console.hand');
    this.pauses = page.getByTestId('console.pause');
    this.people = page.getByTestId('console.person');
    this.participation = page.getByTestId('console.participation.person');
    this.notYet = page.getByTestId('console.participation.notYet');
  }

  phaseButton(phaseId: string): Locator {
    return this.page.getByTestId(`console.phase.goto.${phaseId}`);
  }

  roleSelect(participantId: string): Locator {
    return this.page.getByTestId(`console.people.role.${participantId}`);
  }

  person(participantId: string): Locator {
    return this.page.locator(byTestId('console.person', ['data-participant-id', participantId]));
  }

  /** Opens the console if it is hidden (the invite panel takes its place while open). */
  async open(): Promise<void> {
    if (await this.root.isVisible()) return;
    await this.toggle.click();
    await this.root.waitFor();
  }

  async hide(): Promise<void> {
    await this.hideButton.click();
    await this.root.waitFor({ state: 'detached' });
  }

  /** The phase the console marks as current. */
  async currentPhaseId(): Promise<string | null> {
    const current = this.page.locator('[data-testid^="console.phase.goto."][aria-current="step"]');
    const testId = await current.getAttribute('data-testid');
    return testId ? testId.slice('console.phase.goto.'.length) : null;
  }

  private async waitForPhase(phaseId: string): Promise<void> {
    await this.page.locator(`[data-testid="console.phase.goto.${phaseId}"][aria-current="step"]`).waitFor();
  }

  /** Goes to a phase by choosing it in the phase list, and waits until the server has moved there. */
  async goToPhase(phaseId: string): Promise<void> {
    await this.open();
    await this.phaseButton(phaseId).click();
    await this.waitForPhase(phaseId);
  }

  /** Next phase; resolves with the phase it reached. */
  async next(): Promise<string> {
    const before = await this.currentPhaseId();
    await this.nextButton.click();
    await this.page.waitForFunction((was) => {
      const el = document.querySelector('[data-testid^="console.phase.goto."][aria-current="step"]');
      return el && el.getAttribute('data-testid') !== `console.phase.goto.${was}`;
    }, before);
    return (await this.currentPhaseId())!;
  }

  async back(): Promise<string> {
    const before = await this.currentPhaseId();
    await this.backButton.click();
    await this.page.waitForFunction((was) => {
      const el = document.querySelector('[data-testid^="console.phase.goto."][aria-current="step"]');
      return el && el.getAttribute('data-testid') !== `console.phase.goto.${was}`;
    }, before);
    return (await this.currentPhaseId())!;
  }

  async startTimer(): Promise<void> {
    await this.startTimerButton.click();
    await this.page.locator('[data-testid="console.timer.time"][data-running="true"]').waitFor();
  }

  async pauseTimer(): Promise<void> {
    await this.pauseTimerButton.click();
    await this.page.locator('[data-testid="console.timer.time"][data-running="false"]').waitFor();
  }

  async addMinute(): Promise<void> {
    await this.addMinuteButton.click();
  }

  async timerText(): Promise<string> {
    return (await this.timerTime.innerText()).replace(/\s+(running|paused)$/, '').trim();
  }

  async locked(): Promise<boolean> {
    return (await this.lockButton.getAttribute('data-locked')) === 'true';
  }

  /** Locks or unlocks the board and waits until the server says it is. */
  async setLocked(locked: boolean): Promise<void> {
    await this.open();
    if ((await this.locked()) !== locked) await this.lockButton.click();
    await this.page.locator(`[data-testid="console.lock"][data-locked="${String(locked)}"]`).waitFor();
  }

  /** Brings everyone to the frame the facilitator has in view. */
  async bringEveryoneToThisFrame(): Promise<void> {
    await this.followButton.click();
    await this.stopFollowingButton.waitFor();
  }

  /** Brings everyone to the zone that has (or last had) focus on the facilitator's board. */
  async bringEveryoneToZone(): Promise<void> {
    await this.followZoneButton.click();
    await this.stopFollowingButton.waitFor();
  }

  async stopFollowing(): Promise<void> {
    await this.stopFollowingButton.click();
    await this.stopFollowingButton.waitFor({ state: 'detached' });
  }

  /**
   * Gives a person a role and waits until the console shows it (the choice is sent once the
   * select settles). Resolves with the role shown then, which is the old one if refused.
   */
  async setRole(participantId: string, role: SessionRole): Promise<SessionRole> {
    await this.open();
    const select = this.roleSelect(participantId);
    await select.selectOption(role);
    await select.blur();
    await this.page
      .locator(`${byTestId('console.person', ['data-participant-id', participantId])}[data-role="${role}"]`)
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    return (await this.person(participantId).getAttribute('data-role')) as SessionRole;
  }

  async roleOf(participantId: string): Promise<SessionRole | null> {
    return (await this.person(participantId).getAttribute('data-role')) as SessionRole | null;
  }

  /** Raised hands, in the order they went up. */
  async handsRaised(): Promise<string[]> {
    return this.hands.evaluateAll((els) => els.map((el) => el.getAttribute('data-participant-id') ?? ''));
  }

  async lowerHand(participantId: string): Promise<void> {
    await this.page.getByTestId(`console.hand.lower.${participantId}`).click();
    await this.page.locator(byTestId('console.hand', ['data-participant-id', participantId])).waitFor({ state: 'detached' });
  }

  /** Who asked for a pause, oldest first. */
  async pauseRequests(): Promise<string[]> {
    return this.pauses.evaluateAll((els) => els.map((el) => el.getAttribute('data-participant-id') ?? ''));
  }

  async dismissPause(participantId: string): Promise<void> {
    await this.page.getByTestId(`console.pause.dismiss.${participantId}`).click();
    await this.page.locator(byTestId('console.pause', ['data-participant-id', participantId])).waitFor({ state: 'detached' });
  }

  /** Notes per person, as the participation panel counts them. */
  async notesPerPerson(): Promise<VoiceOnScreen[]> {
    return this.participation.evaluateAll((els) =>
      els.map((el) => ({ participantId: el.getAttribute('data-participant-id') ?? '', notes: Number(el.getAttribute('data-notes')) })),
    );
  }

  /** The names after "Not written yet:", or [] when everyone has written. */
  async notWrittenYet(): Promise<string[]> {
    const text = (await this.notYet.innerText()).replace(/^Not written yet:\s*/, '').trim();
    return text === 'everyone has written.' ? [] : text.split(', ').map((s) => s.trim());
  }

  /** "Reveal notes", shown in a phase of private writing. */
  revealButton(): Locator {
    return this.page.getByTestId('console.reveal.button');
  }

  /** How many private notes there are in all, as the console says. */
  async privateTotal(): Promise<number> {
    return Number(await this.page.getByTestId('console.reveal.count').getAttribute('data-count'));
  }

  /** Waits until the console counts this many private notes in all. */
  async waitForPrivateTotal(n: number, timeout = 15_000): Promise<void> {
    await this.page.locator(`[data-testid="console.reveal.count"][data-count="${n}"]`).waitFor({ timeout });
  }

  /** How many private notes the people list shows for a person (0 when it shows none). */
  async privateCountOf(participantId: string): Promise<number> {
    const count = this.person(participantId).getByTestId('console.person.private');
    return (await count.count()) ? Number(await count.getAttribute('data-count')) : 0;
  }

  /** Waits until the people list counts this many private notes for a person. */
  async waitForPrivateCountOf(participantId: string, n: number, timeout = 15_000): Promise<void> {
    const count = this.person(participantId).getByTestId('console.person.private');
    if (n === 0) await count.waitFor({ state: 'detached', timeout });
    else await this.person(participantId).locator(`[data-testid="console.person.private"][data-count="${n}"]`).waitFor({ timeout });
  }

  /** What the people list says of a person's private notes. */
  privateCountText(participantId: string): Locator {
    return this.person(participantId).getByTestId('console.person.private');
  }

  /** Reveals every private note with the keyboard, and waits until none is left to reveal. */
  async reveal(timeout = 15_000): Promise<void> {
    await this.open();
    await this.revealButton().focus();
    await this.page.keyboard.press('Enter');
    await this.waitForPrivateTotal(0, timeout);
  }
}
