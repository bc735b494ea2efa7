// Shared page checks for the e2e specs.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe over WCAG 2.0/2.1 A and AA: no serious or critical violation on what the page shows now. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const found = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Fluent's focus manager (tabster) adds aria-hidden sentinels that are focusable on purpose: they pass
    // focus on at once and must stay silent to screen readers. A known axe false positive
    // (microsoft/tabster#288); only those sentinels are excluded, everything else is checked.
    .exclude('[data-tabster-dummy]')
    .analyze();
  const serious = found.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** The current screen's title (the one h1 in main). */
export function screenTitle(page: Page) {
  return page.getByRole('main').getByRole('heading', { level: 1 });
}
