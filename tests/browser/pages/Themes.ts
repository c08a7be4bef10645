import type { Locator, Page } from 'playwright-core';
import type { BoardPage } from './BoardPage.js';

const byTestId = (testId: string, attr?: [string, string]) =>
  attr ? `[data-testid="${testId}"][${attr[0]}="${attr[1]}"]` : `[data-testid="${testId}"]`;

export interface ThemeOnScreen {
  id: string;
  zone: string;
  title: string;
  notes: number;
}

/** Themes on one person's board: grouping notes by drag, by keyboard and by menu, naming, moving, ungrouping. */
export class Themes {
  readonly all: Locator;
  readonly titleInput: Locator;
  readonly groupButton: Locator;
  readonly groupDialog: Locator;

  constructor(
    readonly page: Page,
    readonly board: BoardPage,
  ) {
    this.all = page.getByTestId('board.theme');
    this.titleInput = page.getByTestId('board.theme.titleInput');
    this.groupButton = page.getByTestId('board.group');
    this.groupDialog = page.getByTestId('groupDialog');
  }

  theme(themeId: string): Locator {
    return this.page.locator(byTestId('board.theme', ['data-theme-id', themeId]));
  }

  async themesOnScreen(): Promise<ThemeOnScreen[]> {
    const themes = await this.all.evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-theme-id') ?? '',
        zone: el.getAttribute('data-zone-id') ?? '',
        title: el.querySelector('[data-testid="board.theme.title"]')?.textContent?.trim() ?? '',
        notes: Number(el.getAttribute('data-notes')),
      })),
    );
    return themes.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The theme a note is in, as this person's board draws it; null when it is in none. */
  async themeOf(noteId: string): Promise<string | null> {
    return this.board.note(noteId).getAttribute('data-theme-id');
  }

  /** Waits until a note is in a theme (or, with null, in none) on this board; returns the theme. */
  async waitForThemeOf(noteId: string, themeId: string | null | 'any', timeout = 15_000): Promise<string | null> {
    const note = this.board.note(noteId);
    if (themeId === null) await this.page.locator(`${byTestId('board.note', ['data-note-id', noteId])}:not([data-theme-id])`).waitFor({ timeout });
    else if (themeId === 'any') await this.page.locator(`${byTestId('board.note', ['data-note-id', noteId])}[data-theme-id]`).waitFor({ timeout });
    else await this.page.locator(`${byTestId('board.note', ['data-note-id', noteId])}[data-theme-id="${themeId}"]`).waitFor({ timeout });
    return note.getAttribute('data-theme-id');
  }

  /** Waits until a theme is drawn with this name (and, if given, in this zone). */
  async waitForTitle(themeId: string, title: string, zoneId?: string, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      ([id, t, z]) => {
        const el = document.querySelector(`[data-testid="board.theme"][data-theme-id="${id}"]`);
        const shown = el?.querySelector('[data-testid="board.theme.title"]')?.textContent?.trim();
        return shown === t && (!z || el?.getAttribute('data-zone-id') === z);
      },
      [themeId, title, zoneId ?? ''] as const,
      { timeout },
    );
  }

  async waitForGone(themeId: string, timeout = 15_000): Promise<void> {
    await this.theme(themeId).waitFor({ state: 'detached', timeout });
  }

  /** Drags a note by its body and drops it on the middle of another note, or on a theme's head. */
  async dragNoteOnto(noteId: string, target: Locator, at: 'middle' | 'head' = 'middle'): Promise<void> {
    const from = await this.board.noteCenter(noteId);
    const b = await this.board.box(target);
    const to = { x: b.x + b.width / 2, y: at === 'middle' ? b.y + b.height / 2 : b.y + 10 };
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(from.x + 8, from.y + 8, { steps: 4 });
    await mouse.move(to.x, to.y, { steps: 15 });
    await mouse.up();
  }

  /** Drops one note on another: a new theme of the two; its name field takes focus. Returns the theme. */
  async groupByDrag(noteId: string, ontoNoteId: string): Promise<string> {
    const before = await this.board.note(ontoNoteId).getAttribute('data-theme-id');
    await this.dragNoteOnto(noteId, this.board.note(ontoNoteId));
    const themeId = await this.waitForThemeOf(noteId, 'any');
    if (!themeId || themeId === before) throw new Error('the drop made no new theme');
    return themeId;
  }

  /** Drops a note on a theme's head: it joins the theme. */
  async joinByDrag(noteId: string, themeId: string): Promise<void> {
    await this.dragNoteOnto(noteId, this.theme(themeId), 'head');
    await this.waitForThemeOf(noteId, themeId);
  }

  /** Writes the name of a theme whose name field is open, and keeps it with Enter. */
  async typeName(title: string): Promise<void> {
    await this.titleInput.waitFor();
    await this.titleInput.fill(title);
    await this.titleInput.press('Enter');
    await this.titleInput.waitFor({ state: 'detached' });
  }

  /** Picks a note for grouping with Ctrl+Space, as a keyboard user would. */
  async pickWithKeyboard(noteId: string): Promise<void> {
    const note = await this.board.select(noteId);
    await note.press('Control+Space');
    await this.page.locator(`${byTestId('board.note', ['data-note-id', noteId])}[data-picked="true"]`).waitFor();
  }

  /** Alt+G on a note: groups the picked notes; returns the new theme of the note. */
  async groupPickedWithKeyboard(noteId: string): Promise<string> {
    await this.board.note(noteId).press('Alt+g');
    const themeId = await this.waitForThemeOf(noteId, 'any');
    if (!themeId) throw new Error('Alt+G made no theme');
    return themeId;
  }

  /** "Group with…" by keyboard (Alt+G on a note with none picked), choosing a theme to join. */
  async joinWithKeyboard(noteId: string, themeId: string): Promise<void> {
    const note = await this.board.select(noteId);
    await note.press('Alt+g');
    await this.groupDialog.waitFor();
    const choice = this.groupDialog.locator(byTestId('groupDialog.theme', ['data-theme-id', themeId]));
    await choice.focus();
    await choice.press('Enter');
    await this.groupDialog.waitFor({ state: 'hidden' });
    await this.waitForThemeOf(noteId, themeId);
  }

  /** Renames a theme from the keyboard: focus it, Enter, type, Enter. */
  async renameWithKeyboard(themeId: string, title: string): Promise<void> {
    await this.theme(themeId).focus();
    await this.theme(themeId).press('Enter');
    await this.typeName(title);
  }

  /** Starts renaming by the Rename button, then Escape: the name stays as it was. */
  async startRenameAndCancel(themeId: string, typed: string): Promise<void> {
    await this.pointAtHead(themeId);
    await this.theme(themeId).getByTestId('board.theme.rename').click();
    await this.titleInput.waitFor();
    await this.titleInput.fill(typed);
    await this.titleInput.press('Escape');
    await this.titleInput.waitFor({ state: 'detached' });
  }

  /** Moves a focused theme with an arrow key, a number of times. */
  async nudge(themeId: string, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', times: number): Promise<void> {
    const theme = this.theme(themeId);
    await theme.focus();
    for (let i = 0; i < times; i++) await theme.press(key);
  }

  /** Drags a theme by its head into a zone. */
  async dragToZone(themeId: string, zoneId: string): Promise<void> {
    const b = await this.board.box(this.theme(themeId));
    const from = { x: b.x + 8, y: b.y + 8 };
    const zone = await this.board.box(this.board.zone(zoneId));
    const to = { x: zone.x + zone.width / 2 - b.width / 2 + 8, y: zone.y + zone.height / 2 - b.height / 2 + 8 };
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(from.x + 8, from.y + 8, { steps: 4 });
    await mouse.move(to.x, to.y, { steps: 15 });
    await mouse.up();
  }

  /** Takes a note out of its theme from the note's menu. */
  async takeOutWithMenu(noteId: string): Promise<void> {
    await this.board.openMenu(noteId);
    await this.board.noteMenu.getByTestId('note.menu.ungroup').click();
    await this.waitForThemeOf(noteId, null);
  }

  /** Rename and Ungroup show on a theme pointed at: the pointer rests on its head. */
  async pointAtHead(themeId: string): Promise<void> {
    await this.theme(themeId).hover({ position: { x: 12, y: 10 } });
  }

  async ungroupWithButton(themeId: string): Promise<void> {
    await this.pointAtHead(themeId);
    await this.theme(themeId).getByTestId('board.theme.ungroup').click();
    await this.waitForGone(themeId);
  }

  async ungroupWithKeyboard(themeId: string): Promise<void> {
    await this.theme(themeId).focus();
    await this.theme(themeId).press('Delete');
    await this.waitForGone(themeId);
  }

  /** The centre of a theme's block on screen. */
  async centre(themeId: string): Promise<{ x: number; y: number }> {
    const b = await this.board.box(this.theme(themeId));
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }
}
