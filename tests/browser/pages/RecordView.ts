import type { Download, Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';

export interface RecordActionOnScreen {
  text: string;
  owner: string;
  due: string;
}

/** The record page of a session: its label, sections, actions and downloads. */
export class RecordView {
  readonly root: Locator;
  readonly label: Locator;
  readonly title: Locator;
  readonly sections: Locator;
  readonly downloadStatus: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('record.page');
    this.label = page.getByTestId('record.label');
    this.title = page.getByTestId('record.title');
    this.sections = page.getByTestId('record.section');
    this.downloadStatus = page.getByTestId('record.download.status');
  }

  async waitForOpen(timeout = 20_000): Promise<void> {
    await this.root.waitFor({ timeout });
  }

  async isFinal(): Promise<boolean> {
    return (await this.root.getAttribute('data-final')) === 'true';
  }

  async sectionIds(): Promise<string[]> {
    return this.sections.evaluateAll((els) => els.map((el) => el.getAttribute('data-section-id') ?? ''));
  }

  async actions(): Promise<RecordActionOnScreen[]> {
    return this.page.getByTestId('record.action').evaluateAll((els) =>
      els.map((el) => ({
        text: el.querySelector('th')?.firstChild?.textContent?.trim() ?? '',
        owner: el.querySelector('[data-testid="record.action.owner"]')?.textContent?.trim() ?? '',
        due: el.querySelector('[data-testid="record.action.due"]')?.textContent?.trim() ?? '',
      })),
    );
  }

  downloadButton(format: string): Locator {
    return this.page.getByTestId(`record.download.${format}`);
  }

  /** Downloads one format with a button press (Enter, when `keyboard`); resolves with its name and bytes. */
  async download(format: string, opts: { keyboard?: boolean } = {}): Promise<{ filename: string; bytes: Buffer }> {
    const waiting = this.page.waitForEvent('download', { timeout: 30_000 });
    const button = this.downloadButton(format);
    if (opts.keyboard) {
      await button.focus();
      await this.page.keyboard.press('Enter');
    } else await button.click();
    const download: Download = await waiting;
    const path = await download.path();
    return { filename: download.suggestedFilename(), bytes: await readFile(path) };
  }
}
