import type { Page } from 'playwright-core';
import type { BoardPage } from './BoardPage.js';

/** Stars on one person's board: the toggle the presenter and facilitator have, the mark everyone sees. */
export class Stars {
  constructor(
    readonly page: Page,
    readonly board: BoardPage,
  ) {}

  /** Whether this person is offered the Star toggle on a note. */
  async offered(noteId: string): Promise<boolean> {
    return (await this.board.note(noteId).getByTestId('board.note.star').count()) > 0;
  }

  /** Presses a note's Star toggle; resolves once it says the new state. */
  async toggle(noteId: string): Promise<boolean> {
    const button = this.board.note(noteId).getByTestId('board.note.star');
    const before = await button.getAttribute('aria-pressed');
    await button.click();
    const after = before === 'true' ? 'false' : 'true';
    await this.page.locator(`[data-testid="board.note"][data-note-id="${noteId}"] [data-testid="board.note.star"][aria-pressed="${after}"]`).waitFor();
    return after === 'true';
  }

  /** Stars or unstars a note from its menu, as a keyboard or menu user would. */
  async toggleWithMenu(noteId: string): Promise<void> {
    await this.board.openMenu(noteId);
    await this.board.noteMenu.getByTestId('note.menu.star').click();
    await this.board.noteMenu.waitFor({ state: 'detached' });
  }

  /** Waits until this board draws a note as starred (or, with false, not). */
  async waitForStarred(noteId: string, starred = true, timeout = 15_000): Promise<void> {
    const note = `[data-testid="board.note"][data-note-id="${noteId}"]`;
    await this.page.locator(starred ? `${note}[data-starred="true"]` : `${note}:not([data-starred])`).waitFor({ timeout });
  }

  /** Whether the star mark shows on a note for someone who cannot star. */
  async markShown(noteId: string): Promise<boolean> {
    return this.board.note(noteId).getByTestId('board.note.starred').isVisible();
  }
}
