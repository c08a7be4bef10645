import type { Locator, Page } from 'playwright-core';
import type { TemplateId } from '@balcony/shared';

/** The start screen: host a session, or join one with a code. */
export class StartPage {
  readonly hostTitle: Locator;
  readonly hostTemplate: Locator;
  readonly hostName: Locator;
  readonly hostSubmit: Locator;
  readonly joinCode: Locator;
  readonly joinName: Locator;
  readonly joinSubmit: Locator;
  readonly error: Locator;
  /** The file picker shown for "Use my own template…". */
  readonly hostTemplateFile: Locator;
  /** What the chosen file holds: its name, frames, and phases with their minutes. */
  readonly hostTemplatePreview: Locator;
  /** What is wrong with the file, or the server's word on the template in it (with its JSON path). */
  readonly hostTemplateError: Locator;
  /** The "Anonymous session" switch. */
  readonly hostAnonymous: Locator;

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    this.hostTitle = page.getByTestId('start.host.title');
    this.hostTemplate = page.getByTestId('start.host.template');
    this.hostName = page.getByTestId('start.host.name');
    this.hostSubmit = page.getByTestId('start.host.submit');
    this.joinCode = page.getByTestId('start.join.code');
    this.joinName = page.getByTestId('start.join.name');
    this.joinSubmit = page.getByTestId('start.join.submit');
    this.error = page.getByTestId('start.error');
    this.hostTemplateFile = page.getByTestId('start.host.templateFile');
    this.hostTemplatePreview = page.getByTestId('start.host.templatePreview');
    this.hostTemplateError = page.getByTestId('start.host.templateError');
    this.hostAnonymous = page.getByTestId('start.host.anonymous');
  }

  /** An address on this server. */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** The `data-testid` of what has keyboard focus, or null. */
  async focusedTestId(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  }

  /** What a screen reader hears with a field besides its label: its `aria-describedby` text. */
  async description(field: Locator): Promise<string> {
    return field.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' | '),
    );
  }

  /** The error shown beside a field, if any. */
  fieldError(field: Locator): Locator {
    return field.locator('xpath=..').getByTestId('start.field-error');
  }

  /** What the polite live region of a field's length limit says. */
  async limitAnnouncement(field: Locator): Promise<string> {
    return (await field.locator('xpath=..').locator('[aria-live="polite"]').innerText()).trim();
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.joinCode.waitFor();
  }

  /** A `/join/CODE` link, as a participant would open it from a chat message. */
  async openJoinLink(link: string): Promise<void> {
    await this.page.goto(link);
    await this.joinCode.waitFor();
  }

  async host(opts: { title: string; template: TemplateId; name: string; anonymous?: boolean }): Promise<void> {
    await this.hostTitle.fill(opts.title);
    await this.hostTemplate.selectOption(opts.template);
    await this.hostName.fill(opts.name);
    if (opts.anonymous !== undefined) await this.setAnonymous(opts.anonymous);
    await this.hostSubmit.click();
  }

  /** Turns the "Anonymous session" switch on or off with the keyboard: focus, then Space. */
  async setAnonymous(on: boolean): Promise<void> {
    if ((await this.hostAnonymous.isChecked()) === on) return;
    await this.hostAnonymous.focus();
    await this.hostAnonymous.press('Space');
    await this.page.locator(`[data-testid="start.host.anonymous"]${on ? ':checked' : ':not(:checked)'}`).waitFor();
  }

  /** Hosts with the keyboard alone: Tab through the form, typing and choosing, then Enter. */
  async hostWithKeyboard(opts: { title: string; template: TemplateId; name: string; anonymous: boolean }): Promise<void> {
    await this.hostTitle.focus();
    await this.page.keyboard.type(opts.title);
    await this.hostTemplate.focus();
    await this.hostTemplate.selectOption(opts.template);
    await this.hostName.focus();
    await this.page.keyboard.type(opts.name);
    await this.page.keyboard.press('Tab');
    if ((await this.focusedTestId()) !== 'start.host.anonymous') throw new Error('Tab after the name does not reach the anonymous switch');
    await this.setAnonymous(opts.anonymous);
    await this.hostSubmit.focus();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Chooses "Use my own template…" and a file holding this template (any JSON, or text that is
   * not JSON), and waits until the form shows its preview or says what is wrong with the file.
   */
  async chooseOwnTemplate(template: unknown, fileName = 'template.json'): Promise<void> {
    await this.hostTemplate.selectOption('own');
    const text = typeof template === 'string' ? template : JSON.stringify(template, null, 2);
    await this.hostTemplateFile.setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
    await this.page.locator('[data-testid="start.host.templatePreview"], [data-testid="start.host.templateError"]').first().waitFor();
  }

  /** Hosts with a template of one's own; the server may refuse it (see hostTemplateError). */
  async hostWithOwnTemplate(opts: { title: string; template: unknown; name: string }): Promise<void> {
    await this.hostTitle.fill(opts.title);
    await this.chooseOwnTemplate(opts.template);
    await this.hostName.fill(opts.name);
    await this.hostSubmit.click();
  }

  /** Types the code key by key, so any formatting the input does as one types is exercised. */
  async join(opts: { code?: string; name: string }): Promise<void> {
    if (opts.code !== undefined) {
      await this.joinCode.fill('');
      await this.joinCode.pressSequentially(opts.code);
    }
    await this.joinName.fill(opts.name);
    await this.joinSubmit.click();
  }
}
