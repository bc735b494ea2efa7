// Self-service activity over the browser host against the demo tenant: a Reports Reader
// sees the seeded SSPR events from Entra's audit log, narrows them by activity, and the summary's
// counts match the list; a Refresh is a job whose progress (audit entries read) shows as it runs and that
// the agent can cancel; the caller card says what a caller tried on their own; an agent whose role cannot
// read audit logs is told what is missing. Accessible throughout.
import type { Page } from '@playwright/test';
import type { DemoAuditEntry, DemoUser } from '../../src/demo-tenant/model-types';
import type { DemoTenant } from '../../src/demo-tenant/server';
import { expectNoSeriousViolations, screenTitle } from './a11y';
import { callPanel, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';
import { expectChartMatchesFigures } from './charts';
import { expect, signInThroughDemoPage, test } from './fixtures';

// These tests are not about Microsoft's throttling: the audit logs' documented limit (5 requests per
// 10 s, concepts/throttling-limits.md) is scaled to 1 s on both sides, keeping its shape, so fetching a
// month of pages does not sit through real windows. The limit and the app's budget for it are tested in
// test/unit/demo-tenant/rules-throttling.test.ts, test/unit/graph/budget.test.ts and
// test/integration/graph/throttle-reports.test.ts.
test.use({ demoTenantOptions: { knobs: { throttlingTimeScale: 0.1 } }, graphTimeScale: 0.1 });

const SSPR_SERVICE = 'Self-service Password Management';
const DAY = 86_400_000;

function relevant(a: DemoAuditEntry): boolean {
  return a.loggedByService === SSPR_SERVICE || a.activityDisplayName === 'Reset password (by admin)';
}

/** The label the screen gives each of Entra's activity names (features/sspr/labels.ts). */
const LABELS: Record<string, string> = {
  'Reset password (self-service)': 'Self-service reset',
  'Blocked from self-service password reset': 'Blocked from self-service',
  'User registered for self-service password reset': 'Registered for self-service',
  'Unlock user account (self-service)': 'Self-service unlock',
  'Self-service password reset flow activity progress': 'Self-service flow progress',
  'Change password (self-service)': 'Self-service password change',
  'Reset password (by admin)': 'Admin reset (any tool)',
};

async function openSelfService(page: Page) {
  await page.keyboard.press('Control+3');
  await expect(screenTitle(page)).toHaveText('Self-service activity');
}

/** Clicks "Load more" until every page of the current filter is shown; returns the row count. */
async function loadAll(page: Page): Promise<number> {
  const more = page.getByRole('button', { name: 'Load more' });
  const count = page.getByTestId('sspr-count');
  while (await more.isVisible()) {
    const before = (await count.textContent()) ?? '';
    await more.click();
    // Each page grows the count ("Showing 100 events"); the last one also removes the button.
    await expect(count).not.toHaveText(before);
  }
  await expect(count).not.toContainText('more are available');
  return (await page.getByRole('table', { name: 'Self-service events' }).getByRole('row').count()) - 1;
}

function selfServiceEntry(
  tenant: DemoTenant,
  u: DemoUser,
  activity: string,
  result: 'success' | 'failure',
  at: number,
) {
  tenant.directory.addAudit({
    category: 'UserManagement',
    correlationId: `e2e-${at}`,
    result,
    resultReason: result === 'failure' ? 'User exceeded the number of reset attempts allowed in 24 hours' : '',
    activityDisplayName: activity,
    activityDateTime: new Date(at).toISOString(),
    loggedByService: SSPR_SERVICE,
    operationType: 'Update',
    initiatedBy: {
      user: { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName },
      app: null,
    },
    targetResources: [
      {
        id: u.id,
        displayName: u.displayName,
        type: 'User',
        userPrincipalName: u.userPrincipalName,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  });
}

test('a Reports Reader sees the seeded self-service activity, filters it, and the summary matches the list', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  // A helpdesk reset, as Entra logs it under Core Directory, for the deflection figures.
  const helpdeskAgent = demo.agent('Helpdesk Administrator');
  const erin = tenant.directory.findUserByUpn('erin.everything@contoso.com')!;
  tenant.directory.addAudit({
    category: 'UserManagement',
    correlationId: 'e2e-admin-reset',
    result: 'success',
    resultReason: '',
    activityDisplayName: 'Reset password (by admin)',
    activityDateTime: new Date(Date.now() - 3_600_000).toISOString(),
    loggedByService: 'Core Directory',
    operationType: 'Update',
    initiatedBy: {
      user: { id: tenant.directory.findUserByUpn(helpdeskAgent.upn)!.id, userPrincipalName: helpdeskAgent.upn },
      app: null,
    },
    targetResources: [
      {
        id: erin.id,
        displayName: erin.displayName,
        type: 'User',
        userPrincipalName: erin.userPrincipalName,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  });
  await signInThroughDemoPage(demo, demo.agent('Reports Reader'));
  await openSelfService(page);
  const table = page.getByRole('table', { name: 'Self-service events' });
  await expect(table).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Fetched from Entra' })).toContainText(/just now|min/);

  // The newest seeded events of the last 7 days are listed with their user and activity.
  const now = Date.now();
  const seeded = tenant.directory.audits
    .filter((a) => relevant(a) && Date.parse(a.activityDateTime) > now - 6 * DAY)
    .sort((a, b) => (a.activityDateTime < b.activityDateTime ? 1 : -1))
    .slice(0, 3);
  expect(seeded.length).toBeGreaterThan(0);
  for (const a of seeded) {
    const name = a.targetResources?.[0]?.displayName ?? '';
    await expect(
      table.getByRole('row').filter({ hasText: name }).filter({ hasText: LABELS[a.activityDisplayName]! }).first(),
    ).toBeVisible();
  }
  await expectNoSeriousViolations(page);

  // Filter by activity: every row is a block, and there are as many as the summary counts.
  await page.getByRole('combobox', { name: 'Activity' }).selectOption({ label: 'Blocked from self-service' });
  await expect(page.getByTestId('sspr-count')).toBeVisible();
  const blockedRows = await loadAll(page);
  const blocked = table.getByRole('row').filter({ hasText: 'Blocked from self-service' });
  await expect(blocked).toHaveCount(blockedRows);
  await expect(page.getByTestId('sspr-blocked')).toHaveText(String(blockedRows));
  expect(blockedRows).toBeGreaterThan(0);

  // One user's events: the row's filter button narrows the list to them (and the User field says so).
  const firstBlock = tenant.directory.audits
    .filter((a) => a.activityDisplayName === 'Blocked from self-service password reset')
    .sort((a, b) => (a.activityDateTime < b.activityDateTime ? 1 : -1))[0]!;
  const blockedName = firstBlock.targetResources![0]!.displayName!;
  const blockedUpn = firstBlock.targetResources![0]!.userPrincipalName!;
  await table
    .getByRole('row')
    .filter({ hasText: blockedUpn })
    .getByRole('button', { name: `Show only ${blockedName}` })
    .first()
    .click();
  await expect(page.getByRole('combobox', { name: 'User' })).toHaveValue(firstBlock.targetResources![0]!.id!);
  await expect(page.getByTestId('sspr-count')).toBeVisible();
  const theirs = await loadAll(page);
  await expect(table.getByRole('row').filter({ hasText: blockedUpn })).toHaveCount(theirs);
  await page.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Any user' });

  // Self-service resets: the summary counts the successful ones the list shows.
  await page.getByRole('combobox', { name: 'Activity' }).selectOption({ label: 'Self-service reset' });
  await expect(page.getByTestId('sspr-count')).toBeVisible();
  const resetRows = await loadAll(page);
  const succeeded = await table.getByRole('row').filter({ hasText: 'Success' }).count();
  expect(resetRows).toBeGreaterThanOrEqual(succeeded);
  await expect(page.getByTestId('sspr-self-service')).toHaveText(String(succeeded));

  // Admin resets in Entra's log (by any tool): the one added above, with its actor. They are not
  // Resetline's helpdesk resets (none were done here), which History counts the same way.
  await page.getByRole('combobox', { name: 'Activity' }).selectOption({ label: 'Admin reset (any tool)' });
  await expect(page.getByTestId('sspr-count')).toBeVisible();
  expect(await loadAll(page)).toBeGreaterThan(0);
  const adminResets = await table.getByRole('row').filter({ hasText: 'Success' }).count();
  await expect(table.getByRole('row').filter({ hasText: erin.displayName })).toContainText(helpdeskAgent.upn);
  await expect(page.getByTestId('sspr-entra-admin')).toHaveText(String(adminResets));
  await expect(page.getByTestId('sspr-helpdesk')).toHaveText('0');
  await expect(page.getByTestId('sspr-share')).toHaveText(succeeded > 0 ? '100%' : '—');
});

test('Refresh fetches a preset range, and keeps the cached activity on screen when Entra cannot be reached', async ({
  demo,
}) => {
  test.setTimeout(180_000);
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Reports Reader'));
  await openSelfService(page);
  const table = page.getByRole('table', { name: 'Self-service events' });
  const fetched = page.getByRole('status').filter({ hasText: 'Fetched from Entra' });
  await expect(fetched).toBeVisible();

  // A preset fetches its own range: the 30-day one lists events older than a week.
  await page.getByRole('radio', { name: 'Last 30 days' }).check();
  await expect(page.getByRole('radio', { name: 'Last 30 days' })).toBeChecked();
  // The refresh is a job: its progress counts the audit entries read so far, with a Cancel beside it.
  const progress = page
    .getByRole('status')
    .filter({ hasText: "Fetching self-service activity from Entra's audit log" });
  await expect(progress).toContainText(/[1-9][\d,]* events? read/, { timeout: 30_000 });
  await expect(progress.getByRole('button', { name: 'Cancel refresh' })).toBeVisible();
  // A refresh is background work (x-ms-throttle-priority: low) under the audit logs' documented limit of
  // 5 requests per 10 s (concepts/throttling-limits.md), with room kept for the caller flow: a month of
  // pages takes tens of seconds.
  await expect(fetched).toBeVisible({ timeout: 90_000 });
  await page.getByRole('combobox', { name: 'Activity' }).selectOption({ label: 'Registered for self-service' });
  await expect(page.getByTestId('sspr-count')).toBeVisible();
  const week = Date.now() - 7 * DAY;
  const older = tenant.directory.audits.filter(
    (a) =>
      a.activityDisplayName === 'User registered for self-service password reset' &&
      Date.parse(a.activityDateTime) < week - DAY &&
      Date.parse(a.activityDateTime) > Date.now() - 25 * DAY,
  );
  expect(older.length).toBeGreaterThan(0);
  const listed = await loadAll(page);
  // More than one page: after each refresh below, the list read again shows its first page with "Load more"
  // before loadAll takes every page (a click on the old list's button would be overtaken by that read).
  expect(listed).toBeGreaterThan(50); // the screen's page (SSPR_PAGE_SIZE in ssprSlice.ts)
  const readAgain = () => expect(page.getByTestId('sspr-count')).toContainText('more are available');
  await expect(
    table.getByRole('row').filter({ hasText: older[0]!.targetResources![0]!.userPrincipalName! }).first(),
  ).toBeVisible();

  // A slow audit log: the agent cancels the refresh; what was fetched before stays on screen.
  tenant.knobs.set({
    faults: [{ pattern: '^GET /auditLogs/directoryAudits', fault: { kind: 'slow', delayMs: 1500 } }],
  });
  try {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel refresh' }).click();
    await expect(page.getByText('Refresh cancelled: the activity below is what the cache already held.')).toBeVisible();
    // The 30-day range fetched before is still the one shown, with its age.
    await expect(fetched).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await readAgain();
    expect(await loadAll(page)).toBe(listed);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByText('Refresh cancelled')).toHaveCount(0);
    await expect(fetched).toBeVisible();
  } finally {
    tenant.knobs.set({ faults: [] });
  }

  // Entra unreachable: Refresh fails, the cached activity stays on screen with its age and the reason.
  tenant.knobs.set({ faults: [{ pattern: '^GET /auditLogs/directoryAudits', fault: { kind: 'connection-reset' } }] });
  try {
    await page.getByRole('button', { name: 'Refresh' }).click();
    const offline = page.getByTestId('sspr-offline');
    await expect(offline).toContainText('showing cached activity');
    await expect(offline).toContainText('network');
    await expect(offline).toContainText(/The cache was fetched (just now|\d+ min)/);
    // The same cached events as before the failed refresh, every page of them.
    await readAgain();
    expect(await loadAll(page)).toBe(listed);
    await expectNoSeriousViolations(page);
  } finally {
    tenant.knobs.set({ faults: [] });
  }
});

test('the caller card says what the caller tried on their own', async ({ demo }) => {
  const { page, tenant } = demo;
  const now = Date.now();
  const minutesToday = Math.floor((now - Math.floor(now / DAY) * DAY) / 60_000);
  const ago = (minutes: number) => now - Math.min(minutes, minutesToday) * 60_000;
  const alex = tenant.directory.findUserByUpn('alex.cloud@contoso.com')!;
  selfServiceEntry(tenant, alex, 'Self-service password reset flow activity progress', 'failure', ago(40));
  selfServiceEntry(tenant, alex, 'Reset password (self-service)', 'failure', ago(30));
  selfServiceEntry(tenant, alex, 'Blocked from self-service password reset', 'failure', ago(20));
  const nora = tenant.directory.findUserByUpn('nora.nomethods@contoso.com')!;
  selfServiceEntry(tenant, nora, 'Reset password (self-service)', 'success', now - 2 * 3_600_000);

  await signInThroughDemoPage(demo, demo.agent('Reports Reader'));
  await openCallByUpn(page, 'alex.cloud@contoso.com');
  const alexCard = page.getByRole('region', { name: 'Caller card: Alex Cloud' });
  await expect(alexCard.getByTestId('caller-sspr')).toContainText('Tried self-service 3 times today — blocked');
  await expectNoSeriousViolations(page);

  await openCallByUpn(page, 'nora.nomethods@contoso.com');
  const noraCard = page
    .getByRole('region', { name: /^Caller card: / })
    .filter({ hasText: 'nora.nomethods@contoso.com' });
  await expect(noraCard.getByTestId('caller-sspr')).toContainText(/Reset their own password 2 hr?\.? ago/);
});

test('an agent whose role cannot read audit logs is told what is missing, and the caller card still opens', async ({
  demo,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openSelfService(page);
  const notice = page.getByTestId('sspr-access');
  await expect(notice).toContainText(/missing directory role/i);
  await expect(notice).toContainText('Reports Reader');
  await expect(notice).toContainText('Global Reader');
  // Nothing was ever fetched: no zeros or empty list that would read as "no activity".
  await expect(page.getByTestId('sspr-blocked')).toHaveCount(0);
  await expect(page.getByText('No self-service activity in this range')).toHaveCount(0);
  await expectNoSeriousViolations(page);

  await page.keyboard.press('Control+1');
  await openCallByUpn(page, 'alex.cloud@contoso.com');
  const card = page.getByRole('region', { name: 'Caller card: Alex Cloud' });
  await expect(card.getByTestId('caller-upn')).toHaveText('alex.cloud@contoso.com');
  await expect(card.getByTestId('caller-sspr-unavailable')).toContainText('Reports Reader');
});

test('reset counts equal across Trends, History and Self-service', async ({ demo }) => {
  test.setTimeout(180_000);
  const { page, tenant } = demo;
  // Resets a password and can read Entra's audit log.
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));

  // One real call: a password reset and a Temporary Access Pass. Only the reset is a reset.
  await openCallByUpn(page, 'alex.cloud@contoso.com');
  const panel = callPanel(page, 'Alex Cloud');
  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', 'alex.cloud@contoso.com');
  await expect(panel.getByRole('checkbox', { name: 'Reset password' })).toBeChecked();
  await panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass' }).check();
  await page.keyboard.press('Control+Enter');
  const results = panel.getByRole('list', { name: 'Action results' }).getByRole('listitem');
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: 'Reset password' })).toContainText('Done');
  await expect(results.filter({ hasText: 'Temporary Access Pass' })).toContainText('Done');

  // Trends.
  await page.keyboard.press('Control+2');
  await page.getByRole('button', { name: 'Trends' }).click();
  const trendsResets = page.getByTestId('trends-resets');
  await expect(trendsResets).toHaveText('1');
  await expectChartMatchesFigures(page.getByTestId('trend-resets'));
  await expectChartMatchesFigures(page.getByTestId('trend-agents'));
  const onTrends = Number(await trendsResets.textContent());

  // History: the table filtered to those resets.
  await page.getByRole('button', { name: 'List these resets' }).click();
  await expect(page.getByText(/^\d+ events? — newest first/)).toHaveText(`${onTrends} event — newest first`);
  const table = page.getByRole('table', { name: 'Audit events' });
  await expect(table).toHaveAttribute('aria-rowcount', String(onTrends + 1));
  await expect(table.locator('[role="rowgroup"]').nth(1).getByRole('row')).toContainText(['Password reset']);

  // Self-service: the helpdesk's resets, and its charts' labels against their figures.
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('status').filter({ hasText: 'Fetched from Entra' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sspr-helpdesk')).toHaveText(String(onTrends));
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expectChartMatchesFigures(page.getByTestId('sspr-chart-resets'));
    await expectChartMatchesFigures(page.getByTestId('sspr-chart-blocked'));
    await expectNoSeriousViolations(page);
  }
  // Entra logged the same reset as an admin reset (with whatever else the demo tenant holds).
  expect(Number(await page.getByTestId('sspr-entra-admin').textContent())).toBeGreaterThanOrEqual(onTrends);
  await expectNoSeriousViolations(page);
});
