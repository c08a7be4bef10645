import type { Locator, Page } from 'playwright-core';

export interface ComparedNote {
  side: string;
  change: string;
  mark: string;
  text: string;
}

/** The compare page: two snapshots side by side. */
export class ComparePage {
  readonly root: Locator;
  readonly result: Locator;
  readonly summary: Locator;
  readonly pickBefore: Locator;
  readonly pickAfter: Locator;
  readonly catalogStatus: Locator;
  readonly download: Locator;
  readonly downloadStatus: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('compare.page');
    this.result = page.getByTestId('compare.result');
    this.summary = page.getByTestId('compare.summary');
    this.pickBefore = page.getByTestId('compare.pick.a');
    this.pickAfter = page.getByTestId('compare.pick.b');
    this.catalogStatus = page.getByTestId('compare.catalog.status');
    this.download = page.getByTestId('compare.download');
    this.downloadStatus = page.getByTestId('compare.download.status');
  }

  async open(baseUrl: string, a?: string, b?: string): Promise<void> {
    const query = new URLSearchParams({ ...(a ? { a } : {}), ...(b ? { b } : {}) });
    await this.page.goto(`${baseUrl}/compare${query.size > 0 ? `?${query}` : ''}`);
    await this.root.waitFor();
  }

  problem(which: 'a' | 'b' | 'templates'): Locator {
    return this.page.getByTestId(`compare.problem.${which}`);
  }

  zone(zoneId: string): Locator {
    return this.page.locator(`[data-testid="compare.zone"][data-zone-id="${zoneId}"]`);
  }

  /** A zone's notes as its two columns show them: side, change, the mark's words and the note's. */
  async notesIn(zoneId: string): Promise<ComparedNote[]> {
    return this.zone(zoneId)
      .getByTestId('compare.note')
      .evaluateAll((els) =>
        els.map((el) => ({
          side: el.getAttribute('data-side') ?? '',
          change: el.getAttribute('data-change') ?? '',
          mark: (el.querySelector('[data-testid="compare.mark"]') as HTMLElement | null)?.innerText.trim() ?? '',
          text: el.querySelector('.compare-text')?.textContent ?? '',
        })),
      );
  }

  /** Each action row: its words, status then and now, and what changed. */
  async actions(): Promise<string[][]> {
    return this.page.getByTestId('compare.action').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));
  }

  /** Waits until every known session's snapshots have been read. */
  async waitForCatalog(): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="compare.catalog.status"]')?.textContent?.startsWith('Reading'));
  }
}
