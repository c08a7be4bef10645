import type { Locator, Page } from 'playwright-core';

/** What the facilitator sees after creating a session: the code to read out and the link to send. */
export class SharePanel {
  readonly root: Locator;
  readonly code: Locator;
  readonly link: Locator;
  readonly copy: Locator;
  readonly closeButton: Locator;
  readonly reopenButton: Locator;
  /** Closes or reopens joining by code. */
  readonly joinLockButton: Locator;
  /** The words saying whether new people can join; a live region. */
  readonly joinState: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('share.panel');
    this.code = page.getByTestId('share.code');
    this.link = page.getByTestId('share.link');
    this.copy = page.getByTestId('share.copy');
    this.closeButton = page.getByTestId('share.close');
    this.reopenButton = page.getByTestId('topbar.share');
    this.joinLockButton = page.getByTestId('share.joinLock');
    this.joinState = page.getByTestId('share.joinState');
  }

  /** Whether joining is closed, once the panel knows; null while it is still asking the server. */
  async joinLocked(): Promise<boolean | null> {
    const value = await this.joinState.getAttribute('data-locked');
    return value === null ? null : value === 'true';
  }

  /**
   * Moves focus to the join control with Tab alone, from wherever it is in the panel, as a
   * keyboard user would; fails if Tab never gets there.
   */
  async tabToJoinLock(maxPresses = 12): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
      const here = await this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
      if (here === 'share.joinLock') return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab did not reach the join control in ${maxPresses} presses`);
  }

  /** Switches joining with the keyboard and waits until the panel shows the new state. */
  async toggleJoiningWith(key: 'Enter' | 'Space'): Promise<boolean> {
    const before = await this.joinLocked();
    await this.tabToJoinLock();
    await this.page.keyboard.press(key);
    await this.page.locator(`[data-testid="share.joinState"][data-locked="${String(!before)}"]`).waitFor();
    return !before;
  }

  async codeText(): Promise<string> {
    await this.code.waitFor();
    return (await this.code.innerText()).trim();
  }

  async linkText(): Promise<string> {
    await this.link.waitFor();
    return (await this.link.innerText()).trim();
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await this.root.waitFor({ state: 'hidden' });
  }

  async reopen(): Promise<void> {
    await this.reopenButton.click();
    await this.root.waitFor();
  }
}
