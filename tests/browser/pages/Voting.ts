import type { Locator, Page } from 'playwright-core';
import type { BoardPage } from './BoardPage.js';

const byTestId = (testId: string, attr?: [string, string]) =>
  attr ? `[data-testid="${testId}"][${attr[0]}="${attr[1]}"]` : `[data-testid="${testId}"]`;

export interface ResultOnScreen {
  targetId: string;
  votes: number;
  rank: number;
  label: string;
}

/** Dot-voting as one person sees it: the banner, the Vote buttons on notes, the results; and the console's Vote section. */
export class Voting {
  readonly banner: Locator;
  readonly left: Locator;
  /** Why the server refused the last dot. */
  readonly problem: Locator;
  readonly results: Locator;
  /** The facilitator console's Vote section. */
  readonly section: Locator;
  readonly castCount: Locator;

  constructor(
    readonly page: Page,
    readonly board: BoardPage,
  ) {
    this.banner = page.getByTestId('vote.banner');
    this.left = page.getByTestId('vote.banner.left');
    this.problem = page.getByTestId('vote.banner.problem');
    this.results = page.getByTestId('vote.results');
    this.section = page.getByTestId('console.vote');
    this.castCount = page.getByTestId('console.vote.cast');
  }

  /** Starts a vote from the console, with its form as a facilitator fills it. */
  async open(setup: { dots?: number; most?: number; targets?: 'notes' | 'themes'; phaseZones?: boolean } = {}): Promise<void> {
    if (setup.dots !== undefined) await this.section.getByTestId('console.vote.dots').fill(String(setup.dots));
    if (setup.most !== undefined) await this.section.getByTestId('console.vote.most').fill(String(setup.most));
    if (setup.targets) await this.section.getByTestId(`console.vote.targets.${setup.targets}`).check();
    if (setup.phaseZones) await this.section.getByTestId('console.vote.phaseZones').check();
    await this.section.getByTestId('console.vote.start').click();
    await this.castCount.waitFor();
  }

  async close(): Promise<void> {
    await this.section.getByTestId('console.vote.close').click();
    await this.section.getByTestId('console.vote.start').waitFor();
  }

  /** Whether the console draws the Vote section as this phase's (first, and marked). */
  async prominent(): Promise<boolean> {
    return (await this.section.getAttribute('data-prominent')) === 'true';
  }

  /** "N dots cast", as the facilitator sees it while the vote is open. */
  async waitForCast(n: number, timeout = 15_000): Promise<void> {
    await this.page.locator(byTestId('console.vote.cast', ['data-cast', String(n)])).waitFor({ timeout });
  }

  /** Waits until the banner says this many dots are left. */
  async waitForLeft(n: number, timeout = 15_000): Promise<void> {
    await this.page.locator(byTestId('vote.banner.left', ['data-left', String(n)])).waitFor({ timeout });
  }

  /** Puts one dot on a note with its Vote button, as a pointer user would; waits for the server's word. */
  async castOn(noteId: string): Promise<void> {
    const before = await this.left.getAttribute('data-left');
    const problemBefore = await this.problem.textContent();
    await this.board.note(noteId).getByTestId('board.vote.cast').click();
    await this.page.waitForFunction(
      ([b, p]) =>
        document.querySelector('[data-testid="vote.banner.left"]')?.getAttribute('data-left') !== b ||
        (document.querySelector('[data-testid="vote.banner.problem"]')?.textContent ?? '') !== p,
      [before, problemBefore] as const,
    );
  }

  /** Puts a dot on a note from the keyboard: focus the note, Tab to its Vote button, Enter. */
  async castWithKeyboard(noteId: string): Promise<void> {
    const before = await this.left.getAttribute('data-left');
    await this.board.select(noteId);
    const cast = this.board.note(noteId).getByTestId('board.vote.cast');
    for (let i = 0; i < 6 && !(await cast.evaluate((el) => el === document.activeElement)); i++) await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
    await this.page.waitForFunction((b) => document.querySelector('[data-testid="vote.banner.left"]')?.getAttribute('data-left') !== b, before);
  }

  /** Takes one of one's dots back off a note. */
  async retractOn(noteId: string): Promise<void> {
    const before = await this.left.getAttribute('data-left');
    await this.board.note(noteId).getByTestId('board.vote.mine').click();
    await this.page.waitForFunction((b) => document.querySelector('[data-testid="vote.banner.left"]')?.getAttribute('data-left') !== b, before);
  }

  /** This person's own dots on a note, as drawn on it. */
  async myDotsOn(noteId: string): Promise<number> {
    const mine = this.board.note(noteId).getByTestId('board.vote.mine');
    return (await mine.count()) ? Number(await mine.getAttribute('data-count')) : 0;
  }

  /** Counts on notes drawn on this board (only once a vote has closed). */
  async countsOnNotes(): Promise<Record<string, number>> {
    return this.page.locator('[data-testid="board.note"]:has([data-testid="board.vote.count"])').evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('data-note-id') ?? '', Number(el.querySelector('[data-testid="board.vote.count"]')?.getAttribute('data-votes'))]),
      ),
    );
  }

  async resultsOnScreen(timeout = 15_000): Promise<ResultOnScreen[]> {
    await this.results.waitFor({ timeout });
    return this.results.getByTestId('vote.result').evaluateAll((els) =>
      els.map((el) => ({
        targetId: el.getAttribute('data-target-id') ?? '',
        votes: Number(el.getAttribute('data-votes')),
        rank: Number(el.getAttribute('data-rank')),
        label: el.querySelector('.vote-result-label')?.textContent?.trim() ?? '',
      })),
    );
  }
}
