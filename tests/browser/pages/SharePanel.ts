import type { Locator, Page } from 'playwright-core';

/** What the facilitator sees after creating a session: the code to read out and the link to send. */
export class SharePanel {
  readonly root: Locator;
  readonly code: Locator;
  readonly link: Locator;
  readonly copy: Locator;
  readonly closeButton: Locator;
  readonly reopenButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('share.panel');
    this.code = page.getByTestId('share.code');
    this.link = page.getByTestId('share.link');
    this.copy = page.getByTestId('share.copy');
    this.closeButton = page.getByTestId('share.close');
    this.reopenButton = page.getByTestId('topbar.share');
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
