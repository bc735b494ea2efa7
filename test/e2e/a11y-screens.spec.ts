// axe on every screen at both laptop sizes, signed out and signed in as an agent who sees them all:
// zero violations of WCAG 2.0/2.1 A and AA, of any impact. A screen is checked once it has settled
// (no progress indicator left), with a caller open on the Caller screen.
import type { Page } from '@playwright/test';
import { axeViolations, screenTitle } from './a11y';
import { callPanel, openCallByUpn } from './callerFlow';
import { expect, signInThroughDemoPage, test } from './fixtures';

const SIZES = [
  [1366, 768],
  [1024, 700],
] as const;
const SCREENS = ['Caller', 'History', 'Self-service', 'Registration', 'Policy', 'Settings'];

async function violations(page: Page, where: string): Promise<string[]> {
  await expect(page.locator('[role="progressbar"]')).toHaveCount(0, { timeout: 15_000 });
  return (await axeViolations(page)).map(
    (v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('no axe violation on any screen at 1366×768 and 1024×700', async ({ demo }) => {
  test.setTimeout(240_000);
  const { page } = demo;
  const found: string[] = [];
  // The check itself sees a violation: an image without a text alternative, planted and then removed.
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  await page.evaluate(() => document.querySelector('main')!.append(Object.assign(new Image(1, 1), { id: 'planted' })));
  expect((await violations(page, 'planted')).join('\n')).toContain('planted: image-alt (critical) at #planted');
  await page.evaluate(() => document.getElementById('planted')!.remove());
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
    found.push(...(await violations(page, `${width} signed out`)));
  }
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    for (const [i, screen] of SCREENS.entries()) {
      await page.keyboard.press(`Control+${i + 1}`);
      await expect(screenTitle(page)).toHaveText(screen === 'Self-service' ? /Self-service/ : screen);
      found.push(...(await violations(page, `${width} ${screen}`)));
    }
    await page.keyboard.press('Control+1');
    if ((await callPanel(page, 'Alex Cloud').count()) === 0) await openCallByUpn(page, 'alex.cloud@contoso.com');
    await expect(callPanel(page, 'Alex Cloud')).toBeVisible();
    found.push(...(await violations(page, `${width} Caller with a call`)));
  }
  expect(found).toEqual([]);
});
