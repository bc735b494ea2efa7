// Shared page checks for the e2e specs.
import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

type Axe = typeof axe;

/**
 * axe over WCAG 2.0/2.1 A and AA on what the page shows now: every violation, of any impact.
 *
 * The axe-core that @axe-core/playwright injects (its `source`), run as that package's legacy mode runs
 * it (`axe.run` in the page; the app has no frames), but injected once per document instead of on every
 * check: AxeBuilder re-parses its 1.5 MB source in the page, then again in a blank page it opens for
 * `finishRun`, about a second per check against about 0.2 s here (a11y-screens.spec.ts plants a
 * violation to show the check sees one).
 */
export async function axeViolations(page: Page): Promise<axe.Result[]> {
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axe.source);
  return page.evaluate(
    async ({ tags, exclude }) => {
      // What is checked is the page at rest: colours are read once finite transitions (a button's hover
      // or focus fade, a panel sliding in) have ended, at most a second. Spinners (infinite) keep going.
      const settling = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined));
      await Promise.race([Promise.all(settling), new Promise((done) => setTimeout(done, 1000))]);
      const { axe: inPage } = window as unknown as { axe: Axe };
      return (await inPage.run({ exclude }, { runOnly: { type: 'tag', values: tags } })).violations;
    },
    {
      tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      // Fluent's focus manager (tabster) adds aria-hidden sentinels that are focusable on purpose: they pass
      // focus on at once and must stay silent to screen readers. A known axe false positive
      // (microsoft/tabster#288); only those sentinels are excluded, everything else is checked.
      exclude: ['[data-tabster-dummy]'],
    },
  );
}

/** axe over WCAG 2.0/2.1 A and AA: no serious or critical violation on what the page shows now. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const serious = (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Each node by its selector and its opening tag: Fluent's generated class names alone do not say which.
    .map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

/** The current screen's title (the one h1 in main). */
export function screenTitle(page: Page) {
  return page.getByRole('main').getByRole('heading', { level: 1 });
}
