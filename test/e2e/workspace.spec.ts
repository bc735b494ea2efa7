// The caller workspace's layout in real Chromium: at 1366×768 the whole main path (verify, Run, Reveal,
// close) without scrolling the page — checked from the layout before each click, so Playwright's own
// scrolling cannot hide a button below the fold; at 1024×700 the navigation folds to icons and the card
// keeps its width; screenshots at 1366×768, 1024×700 and 1920×1080 attached. And the card saying what to
// do: an expired password, a disabled account the agent cannot enable, one notice of what the agent's
// roles keep off the card.
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, signInThroughDemoPage, test } from './fixtures';
import { callPanel, expectNoSeriousViolations, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';
const DAY_MS = 86_400_000;

function callerCard(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `Caller card: ${name}` });
}

/** How far the page and `main` (the frame's scrolling element, Frame.tsx) are scrolled. */
async function scrollOffsets(page: Page): Promise<{ page: number; main: number }> {
  return page.evaluate(() => ({
    page: document.scrollingElement?.scrollTop ?? 0,
    main: document.getElementById('main')?.scrollTop ?? -1,
  }));
}

/** The element is wholly inside the viewport as laid out now, and nothing has been scrolled to get there. */
async function expectOnScreenUnscrolled(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'laid out').not.toBeNull();
  expect(box!.y, 'top inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box!.x, 'left inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'bottom inside the viewport').toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width, 'right inside the viewport').toBeLessThanOrEqual(viewport.width);
  expect(await scrollOffsets(page)).toEqual({ page: 0, main: 0 });
}

async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

test('at 1366×768 the main path needs no page scroll; at 1024×700 the nav folds to icons and the card keeps its width', async ({
  demo,
}, testInfo) => {
  const { page, tenant } = demo;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  const nav = page.getByRole('navigation', { name: 'Screens' });
  // Wide enough: the navigation shows its labels.
  expect((await nav.boundingBox())!.width).toBeGreaterThan(150);

  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  const card = callerCard(page, 'Alex Cloud');
  await expect(card.getByTestId('caller-upn')).toHaveText(ALEX);
  // The result list folds to one line once the caller is chosen; the search box stays.
  await expect(page.getByRole('list', { name: 'Search results' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show the results' })).toBeVisible();
  await expect(page.getByRole('searchbox')).toBeVisible();
  await expectOnScreenUnscrolled(page, panel.getByRole('heading', { name: '1. Verify the caller' }));
  await expectNoSeriousViolations(page);
  await attachShot(page, testInfo, '1366x768-opened');

  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  const run = panel.getByRole('button', { name: /^Run/ });
  await expect(run).toBeEnabled();
  await expectOnScreenUnscrolled(page, run);
  await attachShot(page, testInfo, '1366x768-verified');
  await run.click();

  const reveal = panel.getByRole('button', { name: 'Reveal' });
  await expect(reveal).toBeEnabled();
  await expectOnScreenUnscrolled(page, reveal);
  await attachShot(page, testInfo, '1366x768-ran');
  await reveal.click();
  await expect(panel.getByTestId('revealed-secret')).not.toBeEmpty();
  await expectOnScreenUnscrolled(page, panel.getByTestId('revealed-secret'));
  // Handed over: closing is the open step, its button on screen too.
  await expectOnScreenUnscrolled(page, panel.getByRole('button', { name: 'Close call' }));
  await expectNoSeriousViolations(page);
  await attachShot(page, testInfo, '1366x768-revealed');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectOnScreenUnscrolled(page, panel.getByRole('button', { name: 'Close call' }));
  await attachShot(page, testInfo, '1920x1080-revealed');

  await page.setViewportSize({ width: 1024, height: 700 });
  // Icons only, each still named (and its shortcut given) for screen readers and on hover.
  await expect.poll(async () => (await nav.boundingBox())!.width).toBeLessThan(100);
  const callerItem = nav.getByRole('button', { name: 'Caller', exact: true });
  await expect(callerItem).toBeVisible();
  await expect(callerItem).toHaveAttribute('aria-keyshortcuts', 'Control+1');
  await callerItem.hover();
  await expect(page.getByRole('tooltip')).toHaveText('Caller (Ctrl+1)');
  // The card is not crushed to a few letters a line.
  const heading = card.getByRole('heading', { name: 'Alex Cloud' });
  const headingBox = (await heading.boundingBox())!;
  expect(headingBox.width).toBeGreaterThanOrEqual(300);
  expect((await card.getByTestId('caller-upn').boundingBox())!.height).toBeLessThan(30);
  expect((await panel.boundingBox())!.width).toBeGreaterThanOrEqual(300);
  await expectNoSeriousViolations(page);
  await attachShot(page, testInfo, '1024x700-revealed');
});

test('the card says what to do: an expired password, a disabled account the agent cannot enable, one notice of what the roles keep off it', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

  // One notice, not one per section: what a Helpdesk Administrator cannot see or do here, and the roles.
  await openCallByUpn(page, ALEX);
  const alex = callerCard(page, 'Alex Cloud');
  const limits = alex.getByTestId('caller-limits');
  await expect(limits).toBeVisible();
  await expect(limits).toContainText('authentication methods');
  await expect(limits).toContainText('a Temporary Access Pass');
  await expect(limits).toContainText(
    'Recommended roles: agents, Helpdesk Administrator or Password Administrator, plus Authentication Administrator',
  );
  await expect(alex.locator('.fui-MessageBar').filter({ visible: true })).toHaveCount(1);
  // Why, and who can, on demand.
  await limits.getByRole('button', { name: 'Why, and who can' }).click();
  await expect(limits.getByRole('list', { name: 'Why not, and who can' })).toContainText(
    'Issue a Temporary Access Pass: Your role cannot issue a Temporary Access Pass. Who can: Authentication Administrator',
  );
  await expect(alex.locator('dt:text-is("Password expiry") + dd')).toHaveText(
    /^Expires in \d+ days \(the domain allows 90 days\)$/,
  );
  await expectNoSeriousViolations(page);

  // 200 days since the last change under the domain's 90: expired, and said so in days.
  const evan = tenant.directory.findUserByUpn('evan.expired@contoso.com')!;
  const expiredDays = Math.floor((Date.now() - Date.parse(evan.lastPasswordChangeDateTime) - 90 * DAY_MS) / DAY_MS);
  expect(expiredDays).toBeGreaterThan(30);
  await openCallByUpn(page, 'evan.expired@contoso.com');
  const evanCard = callerCard(page, 'Evan Expired');
  await expect(evanCard.getByTestId('caller-password-expired')).toContainText(
    new RegExp(`^Password expired (${expiredDays}|${expiredDays + 1}) days ago`),
    // A second card within 10 s may wait out the reports limit (5 requests per 10 s).
    { timeout: 30_000 },
  );

  // Disabled, and a Helpdesk Administrator cannot enable it: whom to ask.
  await openCallByUpn(page, 'dana.disabled@contoso.com');
  const dana = callerCard(page, 'Dana Disabled').getByTestId('caller-disabled');
  await expect(dana).toContainText('Disabled', { timeout: 30_000 });
  await expect(dana).toContainText(
    'Your role cannot enable it; ask: Authentication Administrator, User Administrator, Privileged Authentication Administrator, Global Administrator.',
  );
  await expectNoSeriousViolations(page);
});
