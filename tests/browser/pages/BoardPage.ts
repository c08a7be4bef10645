import type { Locator, Page } from 'playwright-core';

export interface NoteOnScreen {
  id: string;
  zone: string;
  text: string;
  author: string;
}

export interface PersonOnScreen {
  participantId: string;
  online: boolean;
  text: string;
}

type Box = { x: number; y: number; width: number; height: number };

const byTestId = (testId: string, attr?: [string, string]) =>
  attr ? `[data-testid="${testId}"][${attr[0]}="${attr[1]}"]` : `[data-testid="${testId}"]`;

/** One person's view of a session's board, with the moves a person makes on it. */
export class BoardPage {
  readonly canvas: Locator;
  readonly title: Locator;
  readonly connection: Locator;
  readonly presence: Locator;
  readonly people: Locator;
  readonly offlineBanner: Locator;
  readonly notes: Locator;
  readonly editor: Locator;
  readonly addNoteButton: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly moveDialog: Locator;
  readonly zoneLabels: Locator;
  readonly remoteCursors: Locator;
  /** The open note menu (one at a time). */
  readonly noteMenu: Locator;
  /** The polite live region: what a screen reader hears. */
  readonly announcement: Locator;
  /** The scrolling area the frame in view is drawn in; `data-frame-id` names that frame. */
  readonly viewport: Locator;
  /** The frame tabs (a template of several frames only). */
  readonly frameTabs: Locator;
  /** "Side by side", on the cultural web's webs. */
  readonly sideBySideButton: Locator;
  /** Shown in the toolbar instead of the writing tools while this person may not write; `data-code` says why. */
  readonly readOnly: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('board.canvas');
    this.title = page.getByTestId('topbar.title');
    this.connection = page.getByTestId('topbar.connection');
    this.presence = page.getByTestId('topbar.presence');
    this.people = page.getByTestId('presence.person');
    this.offlineBanner = page.getByTestId('banner.offline');
    this.notes = page.getByTestId('board.note');
    this.editor = page.getByTestId('board.note.editor');
    this.addNoteButton = page.getByTestId('board.addNote');
    this.undoButton = page.getByTestId('board.undo');
    this.redoButton = page.getByTestId('board.redo');
    this.moveDialog = page.getByTestId('moveDialog');
    this.zoneLabels = page.getByTestId('board.zone.label');
    this.remoteCursors = page.getByTestId('cursor.remote');
    this.noteMenu = page.getByTestId('note.menu');
    this.announcement = page.getByTestId('board.announcement');
    this.viewport = page.getByTestId('board.viewport');
    this.frameTabs = page.getByTestId('frames.tabs');
    this.sideBySideButton = page.getByTestId('frames.sideBySide');
    this.readOnly = page.getByTestId('board.readOnly');
  }

  frameTab(frameId: string): Locator {
    return this.page.getByTestId(`frames.tab.${frameId}`);
  }

  /** The frame drawn now (the first of two side by side). */
  async frameInView(): Promise<string | null> {
    return this.viewport.getAttribute('data-frame-id');
  }

  /** Waits until this frame is the one in view. */
  async waitForFrame(frameId: string, timeout = 15_000): Promise<void> {
    await this.page.locator(byTestId('board.viewport', ['data-frame-id', frameId])).waitFor({ timeout });
  }

  /** Shows a frame by its tab, as a pointer user would. */
  async showFrame(frameId: string): Promise<void> {
    await this.frameTab(frameId).click();
    await this.waitForFrame(frameId);
  }

  /** Shows a frame with the keyboard: focus on the tabs, then arrow keys until it is selected. */
  async showFrameWithKeyboard(frameId: string, maxPresses = 8): Promise<void> {
    await this.page.locator('[data-testid^="frames.tab."][aria-selected="true"]').focus();
    for (let i = 0; i < maxPresses; i++) {
      if ((await this.frameTab(frameId).getAttribute('aria-selected')) === 'true') return;
      await this.page.keyboard.press('ArrowRight');
    }
    throw new Error(`the arrow keys did not reach the tab of ${frameId}`);
  }

  async setSideBySide(on: boolean): Promise<void> {
    if ((await this.sideBySideButton.getAttribute('aria-pressed')) !== String(on)) await this.sideBySideButton.click();
    await this.page.locator(`[data-testid="frames.sideBySide"][aria-pressed="${String(on)}"]`).waitFor();
  }

  /** The frames drawn now, in order (two when side by side). */
  async framesOnScreen(): Promise<string[]> {
    return this.canvas.evaluateAll((els) => els.map((el) => el.getAttribute('data-frame-id') ?? ''));
  }

  /** How a zone is drawn in this phase: `focus`, `dim` or `plain`. */
  async zoneEmphasis(zoneId: string): Promise<string | null> {
    return this.zone(zoneId).getAttribute('data-emphasis');
  }

  /** Waits until the board is read-only for this person (or, with false, writable again). */
  async waitForReadOnly(readOnly = true, timeout = 15_000): Promise<void> {
    await this.readOnly.waitFor({ state: readOnly ? 'visible' : 'detached', timeout });
  }

  zone(zoneId: string): Locator {
    return this.page.locator(byTestId('board.zone', ['data-zone-id', zoneId]));
  }

  note(noteId: string): Locator {
    return this.page.locator(byTestId('board.note', ['data-note-id', noteId]));
  }

  person(participantId: string): Locator {
    return this.page.locator(byTestId('presence.person', ['data-participant-id', participantId]));
  }

  /** The board is on screen and its document connection is up. */
  async waitUntilConnected(timeout = 20_000): Promise<void> {
    await this.canvas.first().waitFor({ timeout });
    await this.page.locator(byTestId('topbar.connection', ['data-state', 'connected'])).waitFor({ timeout });
  }

  async connectionState(): Promise<string | null> {
    return this.connection.getAttribute('data-state');
  }

  /** Every note as this person sees it, ordered by id so that two views compare directly. */
  async notesOnScreen(): Promise<NoteOnScreen[]> {
    const notes = await this.notes.evaluateAll((elements) =>
      elements.map((el) => {
        const part = (testId: string) => el.querySelector(`[data-testid="${testId}"]`);
        const editor = part('board.note.editor') as HTMLTextAreaElement | null;
        return {
          id: el.getAttribute('data-note-id') ?? '',
          zone: el.getAttribute('data-zone-id') ?? '',
          text: editor ? editor.value : (part('board.note.text')?.textContent ?? ''),
          author: part('board.note.author')?.textContent?.trim() ?? '',
        };
      }),
    );
    return notes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async peopleOnScreen(): Promise<PersonOnScreen[]> {
    return this.people.evaluateAll((elements) =>
      elements.map((el) => ({
        participantId: el.getAttribute('data-participant-id') ?? '',
        online: el.getAttribute('data-online') === 'true',
        text: (el as HTMLElement).innerText.trim(),
      })),
    );
  }

  /** Labels of the zones that are actually inside the viewport. */
  async zoneLabelsOnScreen(): Promise<string[]> {
    return this.zoneLabels.evaluateAll((elements) =>
      elements
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const visible = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
          return visible && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
        })
        .map((el) => (el.textContent ?? '').trim()),
    );
  }

  /**
   * The size note text is drawn at on screen, transforms included: the computed font size times
   * how much larger the element is drawn than its layout size. The smallest over every note.
   */
  async renderedNoteTextPx(): Promise<number> {
    const sizes = await this.page.getByTestId('board.note.text').evaluateAll((elements) =>
      elements.map((el) => {
        // The layout width unrounded (offsetWidth rounds to whole pixels).
        const style = getComputedStyle(el);
        const drawn = el.getBoundingClientRect().width / parseFloat(style.width);
        // To a hundredth of a pixel: the board's scale and the note's zoom multiply back to 1 only so closely.
        return Math.round(parseFloat(style.fontSize) * drawn * 100) / 100;
      }),
    );
    if (sizes.length === 0) throw new Error('no note text on the board');
    return Math.min(...sizes);
  }

  /** Whether a note says it holds more words than it shows. */
  async noteSaysMore(noteId: string): Promise<boolean> {
    return this.note(noteId).evaluate((el) => {
      const footer = el.querySelector('.note-footer');
      const marker = footer ? getComputedStyle(footer, '::before').content : 'none';
      return el.getAttribute('data-more') === 'true' && marker !== 'none' && marker !== 'normal';
    });
  }

  /** Whether every word of the note's text is in view inside the note. */
  async noteShowsAll(noteId: string): Promise<boolean> {
    return this.note(noteId)
      .getByTestId('board.note.text')
      .evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
  }

  async box(locator: Locator): Promise<Box> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element has no box (not rendered)');
    return box;
  }

  async noteCenter(noteId: string): Promise<{ x: number; y: number }> {
    const b = await this.box(this.note(noteId));
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }

  /**
   * Adds a note to a zone and types its text, the way a person would: Enter with the zone focused,
   * the Add note button after focusing the zone, or a double-click in the zone. Returns its id.
   */
  async addNote(zoneId: string, text: string, via: 'key' | 'button' | 'dblclick' = 'key'): Promise<string> {
    const zone = this.zone(zoneId);
    if (via === 'dblclick') {
      const b = await this.box(zone);
      // Low in the column, clear of the label, the prompt and notes placed near the top.
      await zone.dblclick({ position: { x: b.width / 2, y: b.height * 0.7 } });
    } else {
      await zone.focus();
      if (via === 'key') await zone.press('Enter');
      else await this.addNoteButton.click();
    }
    await this.editor.waitFor();
    const editing = this.page.locator(`${byTestId('board.note')}:has(${byTestId('board.note.editor')})`);
    const id = await editing.getAttribute('data-note-id');
    if (!id) throw new Error('the note being edited has no data-note-id');
    await this.editor.pressSequentially(text);
    await this.editor.press('Escape');
    await this.editor.waitFor({ state: 'hidden' });
    return id;
  }

  /**
   * Double-clicks a note's words, as a pointer user opens it for writing. The pointer comes from
   * clear of the notes: one left resting on a note keeps that note open over its neighbours.
   */
  async dblclickNote(noteId: string): Promise<void> {
    await this.page.mouse.move(0, 0);
    await this.note(noteId).getByTestId('board.note.text').dblclick();
  }

  /** Focus selects a note: keyboard moves then apply to it. */
  async select(noteId: string): Promise<Locator> {
    const note = this.note(noteId);
    await note.focus();
    await this.page.locator(`${byTestId('board.note', ['data-note-id', noteId])}[data-selected="true"]`).waitFor();
    return note;
  }

  async nudge(noteId: string, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', times: number): Promise<void> {
    const note = await this.select(noteId);
    for (let i = 0; i < times; i++) await note.press(key);
  }

  /** Alt+M opens "move to zone…"; the zone is then chosen with the keyboard too. */
  async moveWithKeyboard(noteId: string, zoneId: string): Promise<void> {
    const note = await this.select(noteId);
    await note.press('Alt+m');
    await this.moveDialog.waitFor();
    const choice = this.moveDialog.locator(byTestId('moveDialog.zone', ['data-zone-id', zoneId]));
    await choice.focus();
    await choice.press('Enter');
    await this.moveDialog.waitFor({ state: 'hidden' });
  }

  /**
   * Drags a note by its body so that its centre lands at a point well inside the target zone.
   * Several intermediate moves, as a hand would make, so that drag thresholds are crossed.
   * Resolves with the pointer still down; call the returned function to drop the note.
   */
  async startDrag(noteId: string, zoneId: string): Promise<() => Promise<void>> {
    const from = await this.noteCenter(noteId);
    const zone = await this.box(this.zone(zoneId));
    const to = { x: zone.x + zone.width / 2, y: zone.y + zone.height * 0.45 };
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(from.x + 8, from.y + 8, { steps: 4 });
    await mouse.move(to.x, to.y, { steps: 15 });
    return () => mouse.up();
  }

  async dragNoteToZone(noteId: string, zoneId: string): Promise<void> {
    const drop = await this.startDrag(noteId, zoneId);
    await drop();
  }

  async edit(noteId: string, text: string): Promise<void> {
    const note = await this.select(noteId);
    await note.press('Enter');
    const editor = note.getByTestId('board.note.editor');
    await editor.waitFor();
    await editor.fill(text);
    await editor.press('Escape');
    await editor.waitFor({ state: 'hidden' });
  }

  /** Appends at the end of the note's text, as typing after the last word does. */
  async appendText(noteId: string, text: string): Promise<void> {
    const note = await this.select(noteId);
    await note.press('Enter');
    const editor = note.getByTestId('board.note.editor');
    await editor.waitFor();
    await editor.press('End');
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await editor.pressSequentially(text);
    await editor.press('Escape');
    await editor.waitFor({ state: 'hidden' });
  }

  /** Opens a note's menu with its button, as a pointer user would. */
  async openMenu(noteId: string): Promise<Locator> {
    const note = await this.select(noteId);
    await note.getByTestId('board.note.menu').click();
    await this.noteMenu.waitFor();
    return this.noteMenu;
  }

  /** What the open note menu offers, by the parts a test names. */
  menuItem(item: 'edit' | 'move' | 'delete' | 'color' | 'owner'): Locator {
    return this.noteMenu.getByTestId(`note.menu.${item}`);
  }

  async closeMenu(): Promise<void> {
    await this.noteMenu.press('Escape');
    await this.noteMenu.waitFor({ state: 'detached' });
  }

  /** Picks a colour from the note's menu. */
  async recolor(noteId: string, hex: string): Promise<void> {
    await this.openMenu(noteId);
    await this.noteMenu.locator(byTestId('note.menu.color', ['data-color', hex])).click();
    await this.noteMenu.waitFor({ state: 'detached' });
  }

  /** The note's accessible description, as a screen reader reads it after the note's words. */
  async noteDescription(noteId: string): Promise<string> {
    return this.note(noteId).evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
    });
  }

  async noteColor(noteId: string): Promise<string | null> {
    return this.note(noteId).getAttribute('data-color');
  }

  /**
   * Does something and returns what the live region says next. Each announcement changes the
   * region's text (a repeated sentence alternates a trailing no-break space), so a new one shows
   * even when the words are the same as before.
   */
  async announcementAfter(action: () => Promise<void>): Promise<string> {
    const before = await this.announcement.textContent();
    await action();
    await this.page.waitForFunction(
      ([selector, previous]) => document.querySelector(selector)?.textContent !== previous,
      [byTestId('board.announcement'), before] as const,
    );
    return ((await this.announcement.textContent()) ?? '').trim();
  }

  /** Presses a key on a selected note, as a keyboard user would. */
  async pressOnNote(noteId: string, key: string): Promise<void> {
    const note = await this.select(noteId);
    await note.press(key);
  }

  async remove(noteId: string): Promise<void> {
    const note = await this.select(noteId);
    await note.press('Delete');
    await note.waitFor({ state: 'detached' });
  }

  /** Ctrl+Z from a zone: undo is a board-wide key, not tied to a note that may be gone. */
  async undoFrom(zoneId: string): Promise<void> {
    await this.zone(zoneId).press('Control+z');
  }

  /** The note being written now, or null. */
  async editingNoteId(): Promise<string | null> {
    const editing = this.page.locator(`${byTestId('board.note')}:has(${byTestId('board.note.editor')})`);
    return (await editing.count()) ? editing.getAttribute('data-note-id') : null;
  }

  /**
   * Focuses a zone and types on it key by key, as a person types a sentence there; returns the
   * note that typing opened (the editor stays open, with focus).
   */
  async typeOnZone(zoneId: string, text: string): Promise<string | null> {
    await this.zone(zoneId).focus();
    await this.page.keyboard.type(text);
    return this.editingNoteId();
  }

  /** Selects a note and types on it key by key, as a person would with the note chosen. */
  async typeOnNote(noteId: string, text: string): Promise<void> {
    await this.select(noteId);
    await this.page.keyboard.type(text);
  }

  /** What has focus: a zone, a note, the note editor, a dialog's or a menu's item, or something else. */
  async focused(): Promise<{ testId: string | null; noteId: string | null; zoneId: string | null; tag: string }> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        testId: el?.getAttribute('data-testid') ?? null,
        noteId: el?.closest<HTMLElement>('[data-note-id]')?.dataset.noteId ?? null,
        zoneId: el?.getAttribute('data-zone-id') ?? null,
        tag: el?.tagName.toLowerCase() ?? '',
      };
    });
  }

  /** The text in the open note editor. */
  async editorText(): Promise<string> {
    return this.editor.inputValue();
  }

  /** Pastes text into the open note editor from the clipboard, as Ctrl+V does. */
  async pasteIntoEditor(text: string): Promise<void> {
    await this.editor.evaluate((el: HTMLTextAreaElement, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      // A paste that fits is left to the browser; a synthetic event inserts nothing, so do it here.
      if (el.dispatchEvent(event)) {
        el.setRangeText(pasted, el.selectionStart, el.selectionEnd, 'end');
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, text);
  }

  /** The status line of the toolbar, where a toast says what just happened. */
  toast(): Locator {
    return this.page.getByTestId('board.status');
  }

  /** "Anonymous session", shown to everyone in an anonymous session. */
  anonymousBadge(): Locator {
    return this.page.getByTestId('privacy.anonymous');
  }

  /** Says that writing is private in this phase. */
  privatePhaseLine(): Locator {
    return this.page.getByTestId('privacy.private');
  }

  /** One's own notes still on the private board outside a private phase; `data-count` says how many. */
  leftovers(): Locator {
    return this.page.getByTestId('privacy.leftovers');
  }

  revealMineButton(): Locator {
    return this.page.getByTestId('privacy.revealMine');
  }

  /** Why the last "Reveal mine" did not go through. */
  privacyStatus(): Locator {
    return this.page.getByTestId('privacy.status');
  }

  /** Whether a note is drawn as one only this person sees. */
  async isPrivate(noteId: string): Promise<boolean> {
    return (await this.note(noteId).getAttribute('data-private')) === 'true';
  }

  /** The ids of the notes drawn as private. */
  async privateNoteIds(): Promise<string[]> {
    return this.page.locator(`${byTestId('board.note')}[data-private="true"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-note-id') ?? ''));
  }

  /** The accessible name of a note, as a screen reader says it first. */
  async noteName(noteId: string): Promise<string> {
    return (await this.note(noteId).getAttribute('aria-label')) ?? '';
  }

  /** Presses "Reveal mine" with the keyboard and waits until no note of this person is private. */
  async revealMine(timeout = 15_000): Promise<void> {
    await this.revealMineButton().focus();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`${byTestId('board.note')}[data-private="true"]`).first().waitFor({ state: 'detached', timeout });
  }

  /** The names drawn on other people's cursors (an empty string for an unnamed one). */
  async cursorNames(): Promise<string[]> {
    return this.remoteCursors.evaluateAll((els) => els.map((el) => el.querySelector('.remote-cursor-name')?.textContent?.trim() ?? ''));
  }
}
