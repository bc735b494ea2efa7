// History's Trends charts and its virtualized table, over the browser host and the real SQLite
// file: the figures a screen reader gets (summaries and figure tables) are exactly what `audit:stats`
// computes from seeded calls, the range follows the filter's dates, and a 5,000-row trail scrolls to
// its oldest row with only the windows in view fetched.
import type { Page } from '@playwright/test';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { expectNoSeriousViolations } from './a11y';
import { expect, signInThroughDemoPage, test, type DemoFixture, type HostFixture } from './fixtures';

/** History is for a signed-in agent (main refuses it to a signed-out window): the helpdesk's own screen. */
const signIn = (demo: DemoFixture) => signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

const at = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m, 0);
const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';
const adele = { targetUpn: 'adele.vance@contoso.example', targetName: 'Adele Vance' };

/** Three calls on 5–6 January 2026: two hand-overs (after 6 and 10 minutes), one failed reset. */
function seedCalls(host: HostFixture) {
  const call = (callId: string, agentUpn: string) => ({ callId, agentUpn, ...adele });
  const events: AuditEventInput[] = [
    { ...call('c1', ALICE), occurredAt: at(5, 9), action: 'call.opened', outcome: 'info' },
    { ...call('c1', ALICE), occurredAt: at(5, 9, 5), action: 'reset.password', outcome: 'success' },
    { ...call('c1', ALICE), occurredAt: at(5, 9, 6), action: 'handover.shown', outcome: 'success' },
    {
      ...call('c1', ALICE),
      occurredAt: at(5, 9, 8),
      action: 'call.closed',
      outcome: 'success',
      verification: { required: 1, passed: ['sms'], failed: [] },
    },
    { ...call('c2', ALICE), occurredAt: at(5, 10), action: 'call.opened', outcome: 'info' },
    { ...call('c2', ALICE), occurredAt: at(5, 10, 2), action: 'reset.tap', outcome: 'failure' },
    {
      ...call('c2', ALICE),
      occurredAt: at(5, 10, 3),
      action: 'call.closed',
      outcome: 'failure',
      verification: { required: 2, passed: ['email'], failed: ['sms'] },
    },
    { ...call('c3', BOB), occurredAt: at(6, 11), action: 'call.opened', outcome: 'info' },
    { ...call('c3', BOB), occurredAt: at(6, 11, 4), action: 'reset.password', outcome: 'success' },
    { ...call('c3', BOB), occurredAt: at(6, 11, 10), action: 'handover.sent', outcome: 'success' },
    {
      ...call('c3', BOB),
      occurredAt: at(6, 11, 12),
      action: 'call.closed',
      outcome: 'success',
      verification: { required: 1, passed: ['manager'], failed: [] },
    },
  ];
  appendAuditEvents(host.host.runtime.db, events);
}

function trends(page: Page) {
  return page.getByRole('region', { name: 'Trends' });
}

/** A figure table's rows as text, header first. */
async function figureRows(page: Page, name: string): Promise<string[][]> {
  const table = page.getByRole('table', { name, exact: true });
  const rows = await table.getByRole('row').all();
  return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())));
}

async function openTrends(page: Page) {
  await page.getByRole('button', { name: 'Trends' }).click();
  await expect(trends(page).getByText(/the last 30 days when it has none/)).toBeVisible();
}

/** A figure's value, by its term. */
function figure(page: Page, term: string) {
  return trends(page).locator(`xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
}

test('Trends shows the seeded figures for the filter dates, and the last 30 days without them', async ({
  host,
  page,
  demo,
}) => {
  seedCalls(host);
  // One call yesterday: the only one in the default range.
  const yesterday = Date.now() - 86_400_000;
  appendAuditEvents(host.host.runtime.db, [
    { occurredAt: yesterday, callId: 'recent', agentUpn: BOB, action: 'call.opened', outcome: 'info' },
  ]);
  await signIn(demo);
  await page.keyboard.press('Control+2');
  await expect(page.getByText('Audit trail intact (12 rows)')).toBeVisible();
  await openTrends(page);

  await expect(figure(page, 'Calls opened')).toHaveText('1');
  await expect(figure(page, 'Successful resets')).toHaveText('0');
  await expect(trends(page)).toContainText('No resets in this range.');

  await page.getByLabel('From (UTC)', { exact: true }).fill('2026-01-05');
  await page.getByLabel('To (UTC)', { exact: true }).fill('2026-01-06');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(figure(page, 'Calls opened')).toHaveText('3');
  await expect(figure(page, 'Successful resets')).toHaveText('2');
  await expect(figure(page, 'Median search to hand-over')).toHaveText('6 min');
  await expect(figure(page, '90th percentile search to hand-over')).toHaveText('10 min');
  await expect(figure(page, 'Calls that reached a hand-over')).toHaveText('2');
  await expect(trends(page)).toContainText('3 resets over 2 days: 2 success, 1 failure.');

  for (const summary of await trends(page).locator('summary').all()) {
    if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
  }
  await expect
    .poll(() => figureRows(page, 'Resets per day by outcome'))
    .toEqual([
      ['Day (UTC)', 'Success', 'Failure', 'Total'],
      ['2026-01-05', '1', '1', '2'],
      ['2026-01-06', '1', '0', '1'],
    ]);
  expect(await figureRows(page, 'Verification by check type')).toEqual([
    ['Check', 'Passed', 'Failed'],
    ['SMS code', '1', '1'],
    ['email code', '1', '0'],
    ['manager', '1', '0'],
    ['knowledge check', '0', '0'],
  ]);
  expect(await figureRows(page, 'Volume per agent')).toEqual([
    ['Agent', 'Calls', 'Successful resets'],
    [ALICE, '2', '1'],
    [BOB, '1', '1'],
  ]);
  // The charts themselves are drawn and named.
  await expect(trends(page).locator('svg').first()).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('Trends shows a failed audit:stats as its code and message, with a retry', async ({ page, demo }) => {
  await page.route(`**/api/${encodeURIComponent('audit:stats')}`, (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'stats broke' } } }),
  );
  await signIn(demo);
  await page.keyboard.press('Control+2');
  await page.getByRole('button', { name: 'Trends' }).click();
  await expect(trends(page)).toContainText('Could not compute the trends');
  await expect(trends(page)).toContainText('internal: stats broke');
  await page.unroute(`**/api/${encodeURIComponent('audit:stats')}`);
  await trends(page).getByRole('button', { name: 'Try again' }).click();
  await expect(trends(page)).toContainText('No calls or resets in this range.');
});

test('the virtualized table holds 5,000 rows and shows the right ones far down', async ({ host, page, demo }) => {
  const N = 5000;
  const start = Date.UTC(2025, 5, 1);
  appendAuditEvents(
    host.host.runtime.db,
    Array.from({ length: N }, (_, i) => ({
      occurredAt: start + i * 60_000,
      agentUpn: ALICE,
      targetUpn: `user${i + 1}@contoso.example`,
      action: 'reset.password' as const,
      outcome: 'success' as const,
    })),
  );
  const lists: { offset?: number }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/api/${encodeURIComponent('audit:list')}`)) {
      lists.push((request.postDataJSON() as { input: { offset?: number } }).input);
    }
  });
  await signIn(demo);
  await page.keyboard.press('Control+2');
  const table = page.getByRole('table', { name: 'Audit events' });
  await expect(table).toHaveAttribute('aria-rowcount', String(N + 1));
  const rows = table.locator('[role="rowgroup"]').nth(1).getByRole('row');
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(rows.first().getByRole('cell').first()).toHaveText(String(N));
  // Only what is in view is in the DOM.
  expect(await rows.count()).toBeLessThan(60);

  // Every rendered row's id follows from its position: newest (id N) at row 2.
  const consistent = async () => {
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => [Number(el.getAttribute('aria-rowindex')), el.querySelector('[role="cell"]')?.textContent]),
    );
    return shown.every(([index, id]) => id === String(N - ((index as number) - 2)));
  };

  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(table.locator(`[role="row"][aria-rowindex="${N + 1}"] [role="cell"]`).first()).toHaveText('1');
  await expect(table.locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
  expect(await consistent()).toBe(true);

  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(table.locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
  expect(await consistent()).toBe(true);
  // Windows by offset, not every page from the top: far fewer than the 50 windows of the trail.
  expect(lists.some((input) => (input.offset ?? 0) >= 4900)).toBe(true);
  expect(lists.length).toBeLessThan(20);

  // Keyboard: Home and End move across the whole trail.
  await rows.first().focus();
  await page.keyboard.press('Home');
  await expect(table.locator('[role="row"][aria-rowindex="2"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(table.locator(`[role="row"][aria-rowindex="${N + 1}"]`)).toBeFocused();
  await expect(table.locator(`[role="row"][aria-rowindex="${N + 1}"] [role="cell"]`).first()).toHaveText('1');
});
