import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Result = AxeResults['violations'][number];

/** The rule sets of WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const BLOCKING = new Set(['serious', 'critical']);

function describe(violations: Result[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}

/**
 * Runs axe-core with the WCAG 2.2 AA rules on the page, or on the part of it that `include`
 * selects, and throws listing every serious or critical violation. Minor and moderate ones are
 * returned for the caller to look at, not failed on.
 */
export async function expectNoSeriousA11yViolations(page: Page, include?: string): Promise<AxeResults> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_22_AA_TAGS);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length > 0) throw new Error(`Accessibility violations on ${include ?? page.url()}:\n${describe(blocking)}`);
  return results;
}

/**
 * Zero violations of any impact: the board's screens are held to this, at every size and state.
 * `include` narrows the check to one part of the page.
 */
export async function expectNoA11yViolations(page: Page, include?: string): Promise<void> {
  const results = await expectNoSeriousA11yViolations(page, include);
  if (results.violations.length > 0) throw new Error(`Accessibility violations on ${include ?? page.url()}:\n${describe(results.violations)}`);
}
