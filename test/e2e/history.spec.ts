// History over the browser host: the filter bar narrows through `audit:list` (the virtualized
// table sized by `audit:count`, its windows fetched by offset), a row opens its call's timeline, the CSV export runs as a job with progress and cancel and downloads
// exactly the filtered rows, and the screen stays accessible.
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { expect, signInThroughDemoPage, test, type DemoFixture, type HostFixture } from './fixtures';
import { expectNoSeriousViolations } from './a11y';

async function answer(page: Page, channel: string, handler: (route: Route) => Promise<void>) {
  await page.route(`**/api/${encodeURIComponent(channel)}`, handler);
}

/** Main's answer to jobs:get, shown as a job still running at 1 of 3. */
async function holdAtOneOfThree(route: Route) {
  const response = await route.fetch();
  const answer = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
  const held = { ...answer.value, state: 'running', progress: { done: 1, total: 3 }, result: null, finishedAt: null };
  await route.fulfill({ response, json: { ...answer, value: held } });
}

const day = (d: number, h: number) => Date.UTC(2026, 0, d, h, 0, 0);
const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';
const CAROL = 'carol@contoso.example';
const adele = { targetUpn: 'adele.vance@contoso.example', targetName: 'Adele Vance' };
const megan = { targetUpn: 'megan.bowen@contoso.example', targetName: 'Megan Bowen' };

/** Two calls, a settings change and 120 filler rows by Carol; returns each named event's id. */
function seed(host: HostFixture) {
  const named = {
    aOpened: {
      occurredAt: day(5, 9),
      callId: 'call-a',
      agentUpn: ALICE,
      ...adele,
      action: 'call.opened',
      outcome: 'info',
    },
    aSent: {
      occurredAt: day(5, 10),
      callId: 'call-a',
      agentUpn: ALICE,
      ...adele,
      action: 'verify.challenge-sent',
      outcome: 'pending',
      detail: { type: 'sms' },
    },
    aPassed: {
      occurredAt: day(5, 11),
      callId: 'call-a',
      agentUpn: ALICE,
      ...adele,
      action: 'verify.challenge-passed',
      outcome: 'success',
      verification: { required: 1, passed: ['sms'], failed: [] },
    },
    aTap: {
      occurredAt: day(5, 12),
      callId: 'call-a',
      agentUpn: ALICE,
      ...adele,
      action: 'reset.tap',
      outcome: 'success',
      ticketRef: 'INC-100',
      notes: 'locked out after holiday',
      detail: { graphRequestId: 'req-abc-123' },
    },
    aShown: {
      occurredAt: day(5, 13),
      callId: 'call-a',
      agentUpn: ALICE,
      ...adele,
      action: 'handover.shown',
      outcome: 'success',
      detail: { channel: 'screen' },
    },
    bOpened: {
      occurredAt: day(7, 9),
      callId: 'call-b',
      agentUpn: BOB,
      ...megan,
      action: 'call.opened',
      outcome: 'info',
    },
    bFailed: {
      occurredAt: day(7, 10),
      callId: 'call-b',
      agentUpn: BOB,
      ...megan,
      action: 'verify.challenge-failed',
      outcome: 'failure',
      verification: { required: 2, passed: [], failed: ['email'] },
    },
    bClosed: {
      occurredAt: day(7, 11),
      callId: 'call-b',
      agentUpn: BOB,
      ...megan,
      action: 'call.closed',
      outcome: 'refused',
      ticketRef: 'INC-200',
      notes: 'caller could not verify',
      detail: { outcome: 'not-verified' },
    },
    settings: { occurredAt: day(9, 9), agentUpn: ALICE, action: 'settings.changed', outcome: 'info' },
  } satisfies Record<string, AuditEventInput>;
  const keys = Object.keys(named) as (keyof typeof named)[];
  const ids = appendAuditEvents(host.host.runtime.db, Object.values(named));
  const id = {} as Record<keyof typeof named, number>;
  keys.forEach((key, i) => {
    const value = ids[i];
    if (value === undefined) throw new Error(`no id for ${key}`);
    id[key] = value;
  });
  appendAuditEvents(
    host.host.runtime.db,
    Array.from({ length: 120 }, (_, i) => ({
      occurredAt: day(3, 0) + i * 60_000,
      agentUpn: CAROL,
      targetUpn: `filler${i}@contoso.example`,
      action: 'reset.password' as const,
      outcome: 'success' as const,
    })),
  );
  return id;
}

function table(page: Page) {
  return page.getByRole('table', { name: 'Audit events' });
}

/** The table's body rows (the virtualized table renders those in view, in order). */
function bodyRows(page: Page) {
  return table(page).locator('[role="rowgroup"]').nth(1).getByRole('row');
}

/** The ids in the table's first column, as shown (newest first). */
async function shownIds(page: Page): Promise<number[]> {
  const cells = await bodyRows(page).locator('[role="cell"]:first-child').allTextContents();
  return cells.map(Number);
}

/** Scrolls the table to the very end, the way a user drags the scrollbar down. */
async function scrollToEnd(page: Page) {
  await table(page).evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

/** History is for a signed-in agent (main refuses it to a signed-out window): the helpdesk's own screen. */
async function openHistory(demo: DemoFixture) {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+2');
  await expect(page.getByText('Audit trail intact (129 rows)')).toBeVisible();
  // The header row plus every matching row, though only those in view are rendered.
  await expect(table(page)).toHaveAttribute('aria-rowcount', String(1 + 129));
}

/** Shows columns the table hides by default, through the column chooser. */
async function showColumns(page: Page, names: string[]) {
  for (const name of names) {
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name }).click();
    await page.keyboard.press('Escape');
  }
}

async function applyFilter(page: Page, fill: () => Promise<void>, expected: number[]) {
  await page.getByRole('button', { name: 'Clear' }).click();
  await fill();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => shownIds(page)).toEqual([...expected].sort((a, b) => b - a));
}

test('each History filter narrows the table to exactly the matching rows, and scrolling keeps the filter', async ({
  host,
  page,
  demo,
}) => {
  const id = seed(host);
  await openHistory(demo);
  await showColumns(page, ['Row number']);
  const select = async (label: string, value: string) => {
    await page.getByLabel(label, { exact: true }).selectOption(value);
  };
  const fill = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

  await applyFilter(page, async () => {
    await fill('From (UTC)', '2026-01-07');
    await fill('To (UTC)', '2026-01-07');
  }, [id.bOpened, id.bFailed, id.bClosed]);
  await applyFilter(page, () => fill('Agent UPN', ALICE), [
    id.aOpened,
    id.aSent,
    id.aPassed,
    id.aTap,
    id.aShown,
    id.settings,
  ]);
  await applyFilter(page, () => fill('Caller name or UPN', 'megan'), [id.bOpened, id.bFailed, id.bClosed]);
  await applyFilter(page, () => fill('Caller name or UPN', 'adele.v'), [
    id.aOpened,
    id.aSent,
    id.aPassed,
    id.aTap,
    id.aShown,
  ]);
  await applyFilter(page, () => select('Action', 'reset.tap'), [id.aTap]);
  await applyFilter(page, () => select('Result', 'refused'), [id.bClosed]);
  await applyFilter(page, () => select('Verification', 'email'), [id.bFailed]);
  await applyFilter(page, async () => {
    await select('Verification', 'sms');
    await select('Verification result', 'passed');
  }, [id.aPassed]);
  await applyFilter(page, () => fill('Ticket or notes', 'holiday'), [id.aTap]);
  await applyFilter(page, async () => {
    await fill('Agent UPN', BOB);
    await select('Result', 'failure');
  }, [id.bFailed]);

  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Ticket or notes').fill('no-such-word');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No events match the filter')).toBeVisible();

  // Carol's 120 rows span two windows: the second window must come from the same filter.
  await page.getByRole('button', { name: 'Clear' }).click();
  await fill('Agent UPN', CAROL);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table(page)).toHaveAttribute('aria-rowcount', String(1 + 120));
  await expect(page.getByText('120 events — newest first')).toBeVisible();
  await expect(bodyRows(page).first()).toContainText('filler119@contoso.example');
  // Rows 101 and 102 are the seam between the first window and the second (the 100th and 101st newest).
  await table(page).evaluate((el) => {
    el.scrollTop = 95 * 36;
  });
  await expect(table(page).locator('[role="row"][aria-rowindex="101"]')).toContainText('filler20@contoso.example');
  await expect(table(page).locator('[role="row"][aria-rowindex="102"]')).toContainText('filler19@contoso.example');
  await scrollToEnd(page);
  await expect(table(page).locator('[role="row"][aria-rowindex="121"]')).toContainText('filler0@contoso.example');
  await expect(bodyRows(page).filter({ hasText: ALICE })).toHaveCount(0);
  await expect(bodyRows(page).filter({ hasText: 'Loading row' })).toHaveCount(0);
  await expect(page.getByText('Audit trail intact (129 rows)')).toBeVisible(); // the chain banner stays
});

test("clicking a row opens a drawer with its call's timeline", async ({ host, page, demo }) => {
  const id = seed(host);
  await openHistory(demo);
  await showColumns(page, ['Row number']);
  await page.getByLabel('Caller name or UPN', { exact: true }).fill('adele');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(bodyRows(page)).toHaveCount(5);

  await bodyRows(page).filter({ hasText: 'INC-100' }).getByRole('cell').nth(2).click();
  // Titled by the caller and when the call began, not by its id.
  const drawer = page.getByRole('dialog', { name: /^Adele Vance, .*20\d\d/ });
  await expect(drawer).toBeVisible();
  const items = drawer.getByRole('list', { name: 'Call events' }).getByRole('listitem');
  await expect(items).toHaveCount(5);
  await expect(items.first()).toContainText('Call opened');
  await expect(items.first()).toContainText(`row ${id.aOpened}`);
  await expect(items.nth(1)).toContainText('Challenge sent');
  await expect(items.nth(2)).toContainText('1 of 1 passed (SMS code)');
  await expect(items.nth(3)).toContainText('Temporary Access Pass');
  // Details as labelled fields in words, not key: value dumps.
  await expect(items.nth(3).getByRole('definition')).toContainText(['locked out after holiday', 'req-abc-123']);
  await expect(items.nth(3).getByRole('term')).toContainText(['Ticket', 'Notes', 'Microsoft request ID']);
  await expect(items.nth(4)).toContainText('Handed over byread out from the screen');
  await expect(drawer).not.toContainText('graphRequestId');
  await expect(drawer).not.toContainText('Megan');
  await expectNoSeriousViolations(page);

  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  // The pointer's other way in: the row's own button.
  await page
    .getByRole('button', { name: /^Open the timeline of the call with Adele Vance/ })
    .first()
    .click();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // The keyboard's: the rows are one tab stop; arrows move between them, Enter opens the call.
  // (The closed drawer hands focus back a moment later, at a time no event marks; should that land
  // inside the sequence, it starts again from the first row.)
  await expect(async () => {
    await bodyRows(page).first().focus();
    await expect(bodyRows(page).first()).toBeFocused({ timeout: 1_000 });
    await page.keyboard.press('End');
    await expect(bodyRows(page).last()).toBeFocused({ timeout: 1_000 });
    await page.keyboard.press('ArrowUp');
    await expect(bodyRows(page).nth(3)).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.press('Enter');
  await expect(drawer).toBeVisible();
  // Closed, the drawer hands focus back to the row that opened it, never to <body>.
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(bodyRows(page).nth(3)).toBeFocused();
});

test.describe('in the agent’s time zone', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('the table shows how each call ended and when, with the zone named and UTC on hover, fits 1366 px, and filters by call outcome', async ({
    host,
    page,
    demo,
  }) => {
    seed(host);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openHistory(demo);
    await expect(table(page).getByRole('columnheader')).toHaveText([
      'Time',
      'Agent',
      'Caller',
      'Action',
      'Result',
      'Call outcome',
      'Ticket',
      'Call',
    ]);
    // The default columns fit: the table does not scroll sideways, nor does the page.
    expect(await table(page).evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // Call B was closed as "not verified": every one of its rows says so; call A is still open.
    const megan = bodyRows(page).filter({ hasText: 'Megan Bowen' });
    await expect(megan).toHaveCount(3);
    for (const row of await megan.all()) await expect(row).toContainText('Not verified');
    await expect(bodyRows(page).filter({ hasText: 'Adele Vance' }).first()).not.toContainText('Not verified');

    // 11:00 UTC is noon in Berlin in January: local time with the zone named; UTC on hover.
    const closed = megan.filter({ hasText: 'Call closed' }).locator('time');
    await expect(closed).toHaveText(/12:00.*GMT\+1/);
    await expect(closed).toHaveAttribute('title', /2026-01-07 11:00:00 UTC/);
    await expectNoSeriousViolations(page);

    await page.getByLabel('Call outcome', { exact: true }).selectOption({ label: 'Not verified' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(table(page)).toHaveAttribute('aria-rowcount', '4');
    await expect(bodyRows(page).filter({ hasText: 'Megan Bowen' })).toHaveCount(3);
    await page.getByLabel('Call outcome', { exact: true }).selectOption({ label: 'Escalated' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('No events match the filter')).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();

    // More columns: the table scrolls sideways inside itself, the page still does not.
    await showColumns(page, ['Verification', 'Row number']);
    await expect(table(page).getByRole('columnheader', { name: 'Verification' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath('history-1366.png') });
    await page.setViewportSize({ width: 1024, height: 700 });
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: test.info().outputPath('history-1024.png') });
  });
});

test('exports the filtered rows as CSV with progress and cancel, and stays accessible', async ({
  host,
  page,
  demo,
}) => {
  const id = seed(host);
  await openHistory(demo);
  await expectNoSeriousViolations(page);
  await page.getByLabel('Agent UPN', { exact: true }).fill(BOB);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(bodyRows(page)).toHaveCount(3);

  // Hold the job at "1 of 3" (main's answers, read as still running) so the progress bar and Cancel
  // can be seen, then cancel it.
  await answer(page, 'jobs:get', holdAtOneOfThree);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText('1 of 3 rows written')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^0\.33/);
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled; no file was kept.')).toBeVisible();
  await page.unroute(`**/api/${encodeURIComponent('jobs:get')}`);

  // A real export, end to end: the downloaded file holds exactly the filtered rows.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^resetline-history-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  // The export's times stay UTC ISO 8601, and its header says so.
  expect(lines[0]).toMatch(/^id,occurred_at_utc,call_id,agent_upn,/);
  const rows = lines.slice(1).map((line) => line.split(','));
  expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual([id.bOpened, id.bFailed, id.bClosed]);
  expect(rows.every((r) => r[3] === BOB)).toBe(true);
  await expect(page.getByText('Exported 3 rows; the browser saved the file.')).toBeVisible();
});
