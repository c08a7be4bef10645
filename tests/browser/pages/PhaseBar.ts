import type { Locator, Page } from 'playwright-core';

/** The bar under the top bar that everyone sees: the phase, its prompt, what one can do, the time, and one's own buttons. */
export class PhaseBar {
  readonly root: Locator;
  /** "Phase 3 of 7: Appreciative questions"; `data-phase-id` names the phase. */
  readonly name: Locator;
  readonly prompt: Locator;
  /** "You can add notes in The story", or "Read only: …"; `data-write` says which. */
  readonly access: Locator;
  /** mm:ss or "Time's up"; `data-running` and `data-up` say its state. */
  readonly time: Locator;
  /** Raise hand / Lower hand; `data-raised` says which. */
  readonly hand: Locator;
  /** "I need a pause"; `data-sent` once it went to the facilitator. */
  readonly pause: Locator;
  /** Says the pause request goes only to the facilitator, and that it was sent. */
  readonly pauseHint: Locator;
  /** Shown when the person looks away from where the facilitator brought everyone. */
  readonly followBack: Locator;
  /** Why the last of this person's commands did not go through. */
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('phasebar');
    this.name = page.getByTestId('phasebar.name');
    this.prompt = page.getByTestId('phasebar.prompt');
    this.access = page.getByTestId('phasebar.access');
    this.time = page.getByTestId('phasebar.time');
    this.hand = page.getByTestId('phasebar.hand');
    this.pause = page.getByTestId('phasebar.pause');
    this.pauseHint = page.getByTestId('phasebar.pauseHint');
    this.followBack = page.getByTestId('phasebar.followBack');
    this.status = page.getByTestId('phasebar.status');
  }

  async phaseTitle(): Promise<string> {
    return (await this.name.innerText()).trim();
  }

  /** Waits until this person's board is in the phase with this id. */
  async waitForPhase(phaseId: string, timeout = 15_000): Promise<void> {
    await this.page.locator(`[data-testid="phasebar.name"][data-phase-id="${phaseId}"]`).waitFor({ timeout });
  }

  async timeText(): Promise<string> {
    return (await this.time.innerText()).trim();
  }

  /** Whether the board lets this person write now, as the bar says. */
  async mayWrite(): Promise<boolean> {
    return (await this.access.getAttribute('data-write')) === 'true';
  }

  /** Waits until the bar says this person may (or may not) write. */
  async waitForWriting(write: boolean, timeout = 15_000): Promise<void> {
    await this.page.locator(`[data-testid="phasebar.access"][data-write="${String(write)}"]`).waitFor({ state: 'attached', timeout });
  }

  async raiseHand(): Promise<void> {
    await this.hand.click();
    await this.page.locator('[data-testid="phasebar.hand"][data-raised="true"]').waitFor();
  }

  async lowerHand(): Promise<void> {
    await this.hand.click();
    await this.page.locator('[data-testid="phasebar.hand"][data-raised="false"]').waitFor();
  }

  async handRaised(): Promise<boolean> {
    return (await this.hand.getAttribute('data-raised')) === 'true';
  }

  /** Asks for a pause and waits until the bar shows it was sent. */
  async askForPause(): Promise<void> {
    await this.pause.click();
    await this.page.locator('[data-testid="phasebar.pause"][data-sent="true"]').waitFor();
  }

  async pauseSent(): Promise<boolean> {
    return (await this.pause.getAttribute('data-sent')) === 'true';
  }

  async backToFacilitator(): Promise<void> {
    await this.followBack.click();
    await this.followBack.waitFor({ state: 'detached' });
  }
}
