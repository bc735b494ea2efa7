// The three windowed tables (History, Registration's users, Password age) through the one virtual-table
// shell (components/VirtualTable.tsx), over the browser host and the demo tenant: in each, the rows are one
// tab stop, ArrowDown moves the active row and Enter opens the row's drawer; History fits its screen
// without scrolling sideways at 1366×768 and at 1024×700 (fewer default columns when narrow). Screenshots
// of each table at both sizes are attached to the test output.
import type { Locator, Page } from '@playwright/test';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { expectNoSeriousViolations, screenTitle } from './a11y';
import { expect, signInThroughDemoPage, test } from './fixtures';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
] as const;

/** The table's body rows (only those in view are rendered, in order). */
function bodyRows(table: Locator) {
  return table.locator('[role="rowgroup"]').nth(1).getByRole('row');
}

/** How far the element scrolls sideways (≤ 0: it does not). */
async function overflowX(table: Locator): Promise<number> {
  return table.evaluate((el) => el.scrollWidth - el.clientWidth);
}

/** The first body row takes focus; ArrowDown makes the second one the focused (active) row. */
async function arrowDownFromFirst(page: Page, table: Locator) {
  const first = table.locator('[role="row"][aria-rowindex="2"]');
  await expect(first).not.toHaveAttribute('aria-busy', 'true');
  await first.focus();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('ArrowDown');
  const second = table.locator('[role="row"][aria-rowindex="3"]');
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('tabindex', '0');
  await expect(first).toHaveAttribute('tabindex', '-1');
  return second;
}

/** 150 calls of 2 events each by three agents, newest with the longest caller names. */
function seedCalls(): AuditEventInput[] {
  const start = Date.UTC(2026, 0, 5, 8);
  return Array.from({ length: 150 }, (_, i) => {
    const callId = `call-${i}`;
    const who = {
      callId,
      agentUpn: ['alice.longname@contoso.example', 'bob@contoso.example', 'carol@contoso.example'][i % 3]!,
      targetUpn: `caller.with.a.long.name${i}@contoso.example`,
      targetName: `Caller Longname ${i}`,
    };
    return [
      { occurredAt: start + i * 600_000, ...who, action: 'call.opened' as const, outcome: 'info' as const },
      {
        occurredAt: start + i * 600_000 + 60_000,
        ...who,
        action: 'reset.password' as const,
        outcome: 'success' as const,
        ticketRef: `INC-${1000 + i}`,
      },
    ];
  }).flat();
}

test('History fits 1366×768 and 1024×700 without scrolling sideways; ArrowDown and Enter work', async ({
  host,
  demo,
}) => {
  const { page } = demo;
  appendAuditEvents(host.host.runtime.db, seedCalls());
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+2');
  const table = page.getByRole('table', { name: 'Audit events' });
  await expect(table).toHaveAttribute('aria-rowcount', String(1 + 300));

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect(bodyRows(table).first()).not.toHaveAttribute('aria-busy', 'true');
    // The layout settles on the new width (the default columns follow it).
    await expect.poll(() => overflowX(table)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The time, the caller and what happened always show.
    for (const name of ['Time', 'Caller', 'Action', 'Result']) {
      await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({ path: test.info().outputPath(`history-${size.width}x${size.height}.png`) });
  }
  await expectNoSeriousViolations(page);

  // The column chooser shows what the narrow table left out, and adding it back scrolls inside the table.
  await page.getByRole('button', { name: 'Columns' }).click();
  const ticket = page.getByRole('menuitemcheckbox', { name: 'Ticket' });
  await expect(ticket).toHaveAttribute('aria-checked', 'false');
  await ticket.click();
  await page.keyboard.press('Escape');
  await expect(table.getByRole('columnheader', { name: 'Ticket' })).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  const second = await arrowDownFromFirst(page, table);
  await expect(second).toContainText('Caller Longname 149');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('Caller Longname 149');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('Registration’s users and password age: ArrowDown moves the active row, Enter opens the user', async ({
  demo,
}) => {
  test.setTimeout(120_000);
  const { page } = demo;
  await page.setViewportSize(SIZES[0]);
  await signInThroughDemoPage(demo, demo.agent('Global Reader'));
  await page.keyboard.press('Control+4');
  await expect(screenTitle(page)).toHaveText('Registration');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByText(/^Snapshot of [\d,]+ users taken/)).toBeVisible({ timeout: 30_000 });

  const users = page.getByRole('table', { name: 'Users and their registered methods' });
  await expect(bodyRows(users).first()).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await users.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`registration-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
  const userRow = await arrowDownFromFirst(page, users);
  const name = (await userRow.getByRole('button').textContent()) ?? '';
  expect(name).not.toBe('');
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(userRow).toBeFocused();
  await expectNoSeriousViolations(page);

  await page.getByRole('tab', { name: 'Password age' }).click();
  const ages = page.getByRole('table', { name: 'Password age of users' });
  await expect(bodyRows(ages).first()).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await ages.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`password-age-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
  const ageRow = await arrowDownFromFirst(page, ages);
  const ageName = (await ageRow.getByRole('cell').first().locator('span').first().textContent()) ?? '';
  expect(ageName).not.toBe('');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: ageName })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectNoSeriousViolations(page);
});
