import type { Locator, Page } from 'playwright-core';

/** One session as the library shows it. */
export interface LibraryItemOnScreen {
  sessionId: string;
  title: string;
  /** `ready`, `loading`, `gone` or `unreachable`. */
  state: string;
  access: string;
  template: string;
  status: string;
  actions: string;
  /** `shown`, `loading` or `failed` for a picture of the board; `none` without a snapshot. */
  thumbnail: string;
}

/** The library page (`/library`): the sessions this browser keeps, their search and their dialogs. */
export class LibraryView {
  readonly list: Locator;
  readonly items: Locator;
  readonly chains: Locator;
  readonly search: Locator;
  readonly template: Locator;
  readonly count: Locator;
  readonly followUpDialog: Locator;
  readonly forgetDialog: Locator;

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    this.list = page.getByTestId('library.list');
    this.items = page.getByTestId('library.item');
    this.chains = page.getByTestId('library.chain');
    this.search = page.getByTestId('library.search');
    this.template = page.getByTestId('library.template');
    this.count = page.getByTestId('library.count');
    this.followUpDialog = page.getByTestId('followUpDialog');
    this.forgetDialog = page.getByTestId('forgetDialog');
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/library`);
    await this.list.waitFor();
  }

  item(sessionId: string): Locator {
    return this.page.locator(`[data-testid="library.item"][data-session-id="${sessionId}"]`);
  }

  /** Waits until the server has answered about every session listed. */
  async waitUntilRead(timeout = 15_000): Promise<void> {
    await this.list.waitFor({ timeout });
    await this.page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="library.item"]')].every((el) => el.getAttribute('data-status') !== 'loading'),
      undefined,
      { timeout },
    );
  }

  /** Every session listed, in the order shown. */
  async onScreen(): Promise<LibraryItemOnScreen[]> {
    return this.items.evaluateAll((els) =>
      els.map((el) => {
        const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
        const thumb = el.querySelector('[data-testid="library.thumbnail"]');
        return {
          sessionId: el.getAttribute('data-session-id') ?? '',
          title: text('library.item.title'),
          state: el.getAttribute('data-status') ?? '',
          access: text('library.item.access'),
          template: text('library.item.template'),
          status: text('library.item.status'),
          actions: text('library.item.actions'),
          thumbnail: thumb ? (thumb.getAttribute('data-state') ?? '') : 'none',
        };
      }),
    );
  }

  /** The ids of the sessions listed, in order. */
  async ids(): Promise<string[]> {
    return (await this.onScreen()).map((i) => i.sessionId);
  }

  /** The sessions of each chain of follow-ups, in the order shown. */
  async chainIds(): Promise<string[][]> {
    return this.chains.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('[data-testid="library.item"]')].map((i) => i.getAttribute('data-session-id') ?? '')),
    );
  }

  /** Presses Tab until the element has focus, as a keyboard user would; throws if it never does. */
  async tabTo(target: Locator, presses = 40): Promise<void> {
    for (let i = 0; i < presses; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error('Tab never reached the element');
  }
}
