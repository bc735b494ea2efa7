// History's Trends charts and its virtualized table, over the browser host and the real SQLite
// file: the figures a screen reader gets (summaries and figure tables) are exactly what `audit:get-stats`
// computes from seeded calls, the range follows the filter's dates, and a 5,000-row trail scrolls to
// its oldest row with only the windows in view fetched.
import type { Page } from '@playwright/test';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { expectNoSeriousViolations } from './a11y';
import { expectChartMatchesFigures } from './charts';
import { expect, signInThroughDemoPage, test, type DemoFixture, type HostFixture } from './fixtures';

/** History is for a signed-in agent (main refuses it to a signed-out window): the helpdesk's own screen. */
const signIn = (demo: DemoFixture) => signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

const at = (d: number, h: number, m = 0, s = 0) => Date.UTC(2026, 0, d, h, m, s);
const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';
const adele = { targetUpn: 'adele.vance@contoso.example', targetName: 'Adele Vance' };

/**
 * Three calls on 5–6 January 2026: two hand-overs (after 6 and 10 minutes), two confirmed password
 * resets (one synced, accepted first), a failed TAP, and a TAP and a session revocation that are
 * actions, not resets.
 */
function seedCalls(host: HostFixture) {
  const call = (callId: string, agentUpn: string) => ({ callId, agentUpn, ...adele });
  const events: AuditEventInput[] = [
    { ...call('c1', ALICE), occurredAt: at(5, 9), action: 'call.opened', outcome: 'info' },
    { ...call('c1', ALICE), occurredAt: at(5, 9, 5), action: 'reset.password', outcome: 'success' },
    { ...call('c1', ALICE), occurredAt: at(5, 9, 5, 10), action: 'reset.revoke-sessions', outcome: 'success' },
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
    { ...call('c3', BOB), occurredAt: at(6, 11, 3), action: 'reset.password', outcome: 'pending' },
    { ...call('c3', BOB), occurredAt: at(6, 11, 4), action: 'reset.password', outcome: 'success' },
    { ...call('c3', BOB), occurredAt: at(6, 11, 5), action: 'reset.tap', outcome: 'success' },
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
  const details = page.locator('details', { has: page.locator(`table[aria-label="${name}"]`) });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const table = page.getByRole('table', { name, exact: true });
  const rows = await table.getByRole('row').all();
  return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())));
}

const RESETS = 'Resets (passwords Microsoft confirmed)';

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
  await expect(page.getByText('Audit trail intact (15 rows)')).toBeVisible();
  await openTrends(page);

  await expect(figure(page, 'Calls opened')).toHaveText('1');
  await expect(figure(page, RESETS)).toHaveText('0');
  await expect(trends(page)).toContainText('No password resets in this range.');

  await page.getByLabel('From (UTC)', { exact: true }).fill('2026-01-05');
  await page.getByLabel('To (UTC)', { exact: true }).fill('2026-01-06');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(figure(page, 'Calls opened')).toHaveText('3');
  // The two confirmed password resets; the TAPs, the revocation and the pending row are not resets.
  await expect(figure(page, RESETS)).toHaveText('2');
  await expect(figure(page, 'Median search to hand-over')).toHaveText('6 min');
  await expect(figure(page, '90th percentile search to hand-over')).toHaveText('10 min');
  await expect(figure(page, 'Calls that reached a hand-over')).toHaveText('2');
  await expect(trends(page)).toContainText('3 password resets over 2 days: 2 success, 1 accepted, not yet confirmed.');

  // The day as the page's locale writes it (format.ts formatDayLong).
  const day = (d: number) =>
    page.evaluate(
      (ms) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms),
      Date.UTC(2026, 0, d),
    );
  const [day5, day6] = [await day(5), await day(6)];
  expect(await figureRows(page, 'Password resets per day by result (figures)')).toEqual([
    ['Day (UTC)', 'Success', 'Accepted, not yet confirmed', 'Total'],
    [day5, '1', '0', '1'],
    [day6, '1', '1', '2'],
  ]);
  expect(await figureRows(page, 'Verification by check type (figures)')).toEqual([
    ['Check', 'Passed', 'Failed'],
    ['SMS code', '1', '1'],
    ['Email code', '1', '0'],
    ['Manager code', '1', '0'],
    ['Knowledge questions', '0', '0'],
  ]);
  expect(await figureRows(page, 'Volume per agent (figures)')).toEqual([
    ['Agent', 'Calls', 'Resets'],
    [ALICE, '2', '1'],
    [BOB, '1', '1'],
  ]);
  await expectNoSeriousViolations(page);

  // "List these resets": the table shows the same resets, with the same dates.
  await trends(page).getByRole('button', { name: 'List these resets' }).click();
  await expect(page.getByLabel('Action', { exact: true })).toHaveValue('reset.password');
  await expect(page.getByText(/^2 events — newest first/)).toBeVisible();
});

test('every Trends chart writes the labels and numbers its figures table gives', async ({ host, page, demo }) => {
  seedCalls(host);
  // Many agents with long names, and a chart per day: labels must not be dropped or shifted.
  const agents = Array.from({ length: 7 }, (_, i) => `agent.number.${i + 1}.with.a.long.name@contoso.example`);
  appendAuditEvents(
    host.host.runtime.db,
    agents.flatMap((agentUpn, i) =>
      Array.from({ length: i + 1 }, (_, k) => [
        {
          occurredAt: at(2 + (k % 3), 8, i),
          callId: `a${i}-${k}`,
          agentUpn,
          action: 'call.opened' as const,
          outcome: 'info' as const,
        },
        {
          occurredAt: at(2 + (k % 3), 8, i, 30),
          callId: `a${i}-${k}`,
          agentUpn,
          action: 'reset.password' as const,
          outcome: k % 2 === 0 ? ('success' as const) : ('failure' as const),
        },
      ]).flat(),
    ),
  );
  await signIn(demo);
  await page.keyboard.press('Control+2');
  await page.getByLabel('From (UTC)', { exact: true }).fill('2026-01-01');
  await page.getByLabel('To (UTC)', { exact: true }).fill('2026-01-06');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await openTrends(page);
  for (const [w, h] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const id of ['trend-resets', 'trend-verification', 'trend-agents']) {
      const drawn = await expectChartMatchesFigures(page.getByTestId(id));
      expect(drawn.series.length).toBeGreaterThan(0);
    }
    // All nine agents by name (the chart draws up to ten).
    await expect(page.getByTestId('trend-agents').locator('[data-chart-label]')).toHaveCount(agents.length + 2);
    // Every label is inside the page's width: none drawn off screen or under another.
    for (const label of await trends(page).locator('[data-chart-label]').all()) {
      const box = (await label.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(w);
    }
    await expectNoSeriousViolations(page);
    await trends(page).screenshot({ path: test.info().outputPath(`trends-${w}.png`) });
  }
});

test('Trends shows a failed audit:get-stats as its code and message, with a retry', async ({ page, demo }) => {
  await page.route(`**/api/${encodeURIComponent('audit:get-stats')}`, (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'stats broke' } } }),
  );
  await signIn(demo);
  await page.keyboard.press('Control+2');
  await page.getByRole('button', { name: 'Trends' }).click();
  await expect(trends(page)).toContainText('Could not compute the trends');
  await expect(trends(page)).toContainText('internal: stats broke');
  await page.unroute(`**/api/${encodeURIComponent('audit:get-stats')}`);
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
  // The row number is off by default (the defaults fit 1366 px); the column chooser adds it first.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Row number' }).click();
  await page.keyboard.press('Escape');
  await expect(table.getByRole('columnheader').first()).toHaveText('#');
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
