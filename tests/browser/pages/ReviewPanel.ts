import type { Locator, Page } from 'playwright-core';
import type { ReviewOutcome } from '@balcony/shared';

export interface ReviewItemOnScreen {
  text: string;
  owner: string;
  due: string;
  from: string;
  /** The outcome's words ("Done", "Carried on"), or "" while not reviewed. */
  outcome: string;
  note: string;
  by: string;
}

/** A follow-up's review of the actions carried over, first in the actions panel during its phase. */
export class ReviewPanel {
  readonly root: Locator;
  readonly items: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('review.panel');
    this.items = page.getByTestId('review.item');
    this.progress = page.getByTestId('review.progress');
  }

  item(text: string): Locator {
    return this.items.filter({ has: this.page.getByTestId('review.item.text').getByText(text, { exact: true }) });
  }

  choice(text: string, outcome: ReviewOutcome): Locator {
    return this.item(text).getByTestId(`review.choice.${outcome}`).locator('input');
  }

  async onScreen(): Promise<ReviewItemOnScreen[]> {
    return this.items.evaluateAll((els) =>
      els.map((el) => {
        const part = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
        return {
          text: part('review.item.text'),
          owner: part('actions.item.owner'),
          due: part('actions.item.due'),
          from: part('actions.item.from'),
          outcome: part('review.item.outcome'),
          note: part('review.item.note'),
          by: part('review.item.by'),
        };
      }),
    );
  }
}

/** The console's team links: making one, its address shown once, the list and revoking. */
export class TeamLinksPanel {
  readonly root: Locator;
  readonly label: Locator;
  readonly make: Locator;
  readonly url: Locator;
  readonly copy: Locator;
  readonly copied: Locator;
  readonly status: Locator;
  readonly links: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('console.teamLinks');
    this.label = page.getByTestId('console.teamLinks.label');
    this.make = page.getByTestId('console.teamLinks.make');
    this.url = page.getByTestId('console.teamLinks.url');
    this.copy = page.getByTestId('console.teamLinks.copy');
    this.copied = page.getByTestId('console.teamLinks.copied');
    this.status = page.getByTestId('console.teamLinks.status');
    this.links = page.getByTestId('console.teamLink');
  }

  async labels(): Promise<string[]> {
    return this.page.getByTestId('console.teamLink.label').allInnerTexts();
  }
}
