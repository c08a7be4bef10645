import type { Locator, Page } from 'playwright-core';

export interface ActionOnScreen {
  text: string;
  owner: string;
  due: string;
  status: string;
}

export interface NewAction {
  text: string;
  /** A person of the session, by the name the select shows; or `{ other }` for a name typed in. */
  owner?: string | { other: string };
  /** YYYY-MM-DD */
  due?: string;
  element?: string;
  stakeholder?: string;
}

/** The actions panel on one person's board. */
export class ActionsPanel {
  readonly root: Locator;
  readonly toggle: Locator;
  readonly addButton: Locator;
  readonly form: Locator;
  readonly items: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('actions.panel');
    this.toggle = page.getByTestId('topbar.actions');
    this.addButton = page.getByTestId('actions.add');
    this.form = page.getByTestId('actions.form');
    this.items = page.getByTestId('actions.item');
    this.problem = page.getByTestId('actions.form.problem');
  }

  async open(): Promise<void> {
    if (await this.root.isVisible()) return;
    await this.toggle.click();
    await this.root.waitFor();
  }

  async prominent(): Promise<boolean> {
    return (await this.root.getAttribute('class'))?.includes('is-prominent') ?? false;
  }

  /** Adds an action by pointer and fills; resolves once the list holds one more. */
  async add(a: NewAction): Promise<void> {
    const before = await this.items.count();
    await this.addButton.click();
    await this.form.getByTestId('actions.form.text').fill(a.text);
    if (typeof a.owner === 'string') await this.form.getByTestId('actions.form.owner').selectOption({ label: a.owner });
    else if (a.owner) {
      await this.form.getByTestId('actions.form.owner').selectOption('other');
      await this.form.getByTestId('actions.form.ownerName').fill(a.owner.other);
    }
    if (a.due) await this.form.getByTestId('actions.form.due').fill(a.due);
    if (a.element) await this.form.getByTestId('actions.form.element').selectOption({ label: a.element });
    if (a.stakeholder) await this.form.getByTestId('actions.form.stakeholder').fill(a.stakeholder);
    await this.form.getByTestId('actions.form.submit').click();
    await this.waitForCount(before + 1);
  }

  async waitForCount(n: number, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction((count) => document.querySelectorAll('[data-testid="actions.item"]').length === count, n, { timeout });
  }

  async onScreen(): Promise<ActionOnScreen[]> {
    return this.items.evaluateAll((els) =>
      els.map((el) => {
        const part = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
        return { text: part('actions.item.text'), owner: part('actions.item.owner'), due: part('actions.item.due'), status: part('actions.item.status') };
      }),
    );
  }
}
