// Registration over the browser host against the demo tenant: a reader takes a snapshot through
// the UI, and every preset, filter, search, the drill-down, the CSV export and the password-age counts
// agree with the demo tenant's own data; a tenant without P1 gets the licence message and the $batch
// fallback with its cost first; a cancelled ingest keeps the previous snapshot; a role that cannot read
// the report is told who can.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { DemoTenant } from '../../src/demo-tenant/server';
import { registrationDetails } from '../../src/demo-tenant/graph/reports';
import { expectNoSeriousViolations, screenTitle } from './a11y';
import { expect, signInThroughDemoPage, test, type DemoFixture } from './fixtures';

const DAY_MS = 86_400_000;
const count = (n: number) => n.toLocaleString('en-US');
const matches = (n: number) =>
  n === 0 ? 'No users match the filter.' : `${count(n)} ${n === 1 ? 'user matches' : 'users match'}`;

/** What the report says of each user, with the directory's department (the table joins the two). */
function expectedRows(tenant: DemoTenant) {
  const dir = tenant.directory;
  return dir.users.map((u) => ({ ...registrationDetails(dir, u), department: u.department }));
}
type Expected = ReturnType<typeof expectedRows>[number];

const PHISHING_RESISTANT = /^(fido2|windowsHelloForBusiness|passKeyDeviceBound|x509Certificate|certificateBased)/i;
const PRESETS: Record<string, (r: Expected) => boolean> = {
  all: () => true,
  'not-sspr-capable': (r) => !r.isSsprCapable,
  'not-mfa-capable': (r) => !r.isMfaCapable,
  'no-methods': (r) => r.methodsRegistered.length === 0,
  'admin-not-phishing-resistant': (r) => r.isAdmin && !r.methodsRegistered.some((m) => PHISHING_RESISTANT.test(m)),
};

async function openRegistration(demo: DemoFixture, role: string) {
  const { page } = demo;
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInThroughDemoPage(demo, demo.agent(role));
  await page.keyboard.press('Control+4');
  await expect(screenTitle(page)).toHaveText('Registration');
}

/** Takes a snapshot from the empty state and waits until the table shows it. */
async function takeSnapshot(page: Page, users: number) {
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByText(`Snapshot of ${count(users)} users taken`)).toBeVisible({ timeout: 30_000 });
}

function usersTable(page: Page) {
  return page.getByRole('table', { name: 'Users and their registered methods' });
}

async function expectMatches(page: Page, n: number) {
  await expect(page.getByText(matches(n), { exact: true })).toBeVisible();
  if (n > 0) await expect(usersTable(page)).toHaveAttribute('aria-rowcount', String(n + 1));
}

/** The first field of each CSV data line (the UPN), quoted or not. */
function csvFirstColumn(csv: string): { header: string; upns: string[] } {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split(/\r?\n/);
  const first = (line: string) => (line.startsWith('"') ? line.slice(1, line.indexOf('"', 1)) : line.split(',')[0]!);
  return { header: lines[0] ?? '', upns: lines.slice(1).map(first) };
}

test('a reader takes a snapshot; presets, filters, search, drill-down and export agree with the tenant', async ({
  demo,
}) => {
  test.setTimeout(120_000);
  const { page, tenant } = demo;
  const rows = expectedRows(tenant);
  await openRegistration(demo, 'Global Reader');
  await expect(page.getByRole('heading', { name: 'No snapshot yet' })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Slow Graph down a little so the progress can be seen on its way.
  tenant.knobs.set({ latencyMs: 500 });
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(/of 2,000 users/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel snapshot' })).toBeVisible();
  await expect(page.getByText(`Snapshot of ${count(rows.length)} users taken`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('from the registration report')).toBeVisible();
  tenant.knobs.set({ latencyMs: 0 });
  await expectMatches(page, rows.length);
  await expectNoSeriousViolations(page);

  for (const [preset, keep] of Object.entries(PRESETS)) {
    await page.getByLabel('Show', { exact: true }).selectOption(preset);
    await expectMatches(page, rows.filter(keep).length);
  }

  // A method, then a department inside it, narrow the table.
  await page.getByLabel('Show', { exact: true }).selectOption('all');
  const withFido = rows.filter((r) => r.methodsRegistered.includes('fido2'));
  await page.getByLabel('Method', { exact: true }).selectOption('fido2');
  await expectMatches(page, withFido.length);
  const department = withFido.find((r) => r.department !== null)!.department!;
  await page.getByLabel('Department', { exact: true }).selectOption(department);
  const narrowed = withFido.filter((r) => r.department === department);
  expect(narrowed.length).toBeLessThan(withFido.length);
  await expectMatches(page, narrowed.length);
  const cells = usersTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(cells).toHaveCount(Math.min(narrowed.length, await cells.count()));
  for (const row of await cells.all()) await expect(row).toContainText(department);

  // Sorting in main: the name header toggles to descending.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectMatches(page, rows.length);
  const nameHeader = usersTable(page).getByRole('columnheader', { name: 'Name / UPN' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  const last = rows
    .map((r) => r.userDisplayName.toLowerCase())
    .sort()
    .at(-1)!;
  await expect(usersTable(page).getByRole('row').nth(1).getByRole('button')).toHaveText(
    new RegExp(`^${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'),
  );
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

  // Search: any word of the display name, or of the UPN before its "@", starting with the text; "/" jumps to the box.
  await page.getByRole('heading', { name: 'Users', exact: true }).click();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search name or UPN')).toBeFocused();
  const starts = (r: Expected, text: string) =>
    `${r.userDisplayName} ${r.userPrincipalName.split('@')[0]}`
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((word) => word.startsWith(text));
  await page.getByLabel('Search name or UPN').fill('nora');
  await expectMatches(page, rows.filter((r) => starts(r, 'nora')).length);
  await page.getByLabel('Search name or UPN').fill('erin.everything');
  await expectMatches(page, 1);

  // Drill-down: the user's methods as Graph lists them now.
  const erin = tenant.directory.findUserByUpn('erin.everything@contoso.com')!;
  await usersTable(page).getByRole('button', { name: erin.displayName }).click();
  const drawer = page.getByRole('dialog', { name: erin.displayName });
  const methods = drawer.getByRole('list', { name: 'Authentication methods' }).getByRole('listitem');
  await expect(methods.first()).toBeVisible();
  expect(await methods.count()).toBeGreaterThanOrEqual(erin.methods.length);
  await expect(drawer).toContainText('In the snapshot');
  await expectNoSeriousViolations(page);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // Export of the current filter: exactly its rows.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Show', { exact: true }).selectOption('not-mfa-capable');
  await page.getByLabel('Department', { exact: true }).selectOption(department);
  const exported = rows.filter((r) => !r.isMfaCapable && r.department === department);
  await expectMatches(page, exported.length);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const csv = csvFirstColumn(readFileSync(await download.path(), 'utf8'));
  expect(csv.header).toMatch(/^"?userPrincipalName"?,/);
  expect(csv.upns.sort()).toEqual(exported.map((r) => r.userPrincipalName).sort());
  await expect(page.getByText(`Exported ${exported.length} rows`)).toBeVisible();
});

test('password age counts match the seeded users and the department filter narrows them', async ({ demo }) => {
  test.setTimeout(90_000);
  const { page, tenant } = demo;
  await openRegistration(demo, 'Global Reader');
  await takeSnapshot(page, tenant.directory.users.length);
  await page.getByRole('tab', { name: 'Password age' }).click();

  const now = Date.now();
  const validity = new Map(
    tenant.directory.tenant.domains.map((d) => [d.id.toLowerCase(), d.passwordValidityPeriodInDays]),
  );
  const stateOf = (u: (typeof tenant.directory.users)[number]) => {
    if (u.onPremisesSyncEnabled === true) return 'on-premises';
    const days = validity.get(u.userPrincipalName.split('@')[1]!.toLowerCase()) ?? 90;
    if ((u.passwordPolicies ?? '').includes('DisablePasswordExpiration') || days >= 2147483647) return 'never-expires';
    const expires = Date.parse(u.lastPasswordChangeDateTime) + days * DAY_MS;
    return expires <= now ? 'expired' : expires <= now + 14 * DAY_MS ? 'expiring' : 'ok';
  };
  const states = tenant.directory.users.map((u) => ({ u, state: stateOf(u) }));
  const tally = (list: typeof states, s: string) => list.filter((x) => x.state === s).length;
  const tabs = page.getByRole('tablist', { name: 'Password state' });
  const labels = {
    expired: 'Expired',
    expiring: 'Expiring',
    ok: 'OK',
    'never-expires': 'Never expires',
    'on-premises': 'On-premises',
  };
  for (const [state, label] of Object.entries(labels)) {
    await expect(tabs.getByRole('tab', { name: `${label} (${count(tally(states, state))})` })).toBeVisible();
  }
  await expect(tabs.getByRole('tab', { name: `All (${count(states.length)})` })).toBeVisible();
  await expectNoSeriousViolations(page);

  const department = tenant.directory.users.find((u) => u.department !== null)!.department!;
  await page.getByLabel('Department', { exact: true }).selectOption(department);
  const inDeptUpns = states.filter((x) => x.u.department === department).map((x) => x.u.userPrincipalName);
  await expect(page.getByText(matches(inDeptUpns.length), { exact: true })).toBeVisible();

  // The export shows its progress and can be cancelled (held at "1 of N" here), then runs for real.
  // Main's answers to jobs:get, read as a job still running at 1 of 3.
  const held = `**/api/${encodeURIComponent('jobs:get')}`;
  await page.route(held, async (route) => {
    const response = await route.fetch();
    const answer = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
    const value = {
      ...answer.value,
      state: 'running',
      progress: { done: 1, total: 3 },
      result: null,
      finishedAt: null,
    };
    await route.fulfill({ response, json: { ...answer, value } });
  });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText('1 of 3 rows written')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled; no file was kept.')).toBeVisible();
  await page.unroute(held);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = csvFirstColumn(readFileSync(await (await downloading).path(), 'utf8'));
  expect(csv.upns.sort()).toEqual(inDeptUpns.sort());

  const inDept = states.filter((x) => x.u.department === department);
  // The tabs count the whole snapshot; the list narrows to the department.
  await expect(tabs.getByRole('tab', { name: `All (${count(states.length)})` })).toBeVisible();
  const table = page.getByRole('table', { name: 'Password age of users' });
  await expect(page.getByText(matches(inDept.length), { exact: true })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(inDept.length + 1));
  await tabs.getByRole('tab', { name: /^Expiring/ }).click();
  const expiring = tally(inDept, 'expiring');
  await expect(page.getByText(matches(expiring), { exact: true })).toBeVisible();
  if (expiring > 0) {
    await expect(table).toHaveAttribute('aria-rowcount', String(expiring + 1));
    await expect(table.getByRole('row').nth(1)).toContainText('Expiring');
  }
});

test.describe('without Entra ID P1', () => {
  // Every user's methods count against the reports limit (5 requests per 10 s per app per tenant,
  // concepts/throttling-limits.md): as documented, 2,000 users take over an hour. This test is about
  // the fallback's flow, so a smaller tenant and both sides' windows 200 times shorter (same shape).
  test.use({ demoTenantOptions: { users: 300, knobs: { throttlingTimeScale: 0.005 } }, graphTimeScale: 0.005 });

  test('without Entra ID P1 the licence is named and the $batch fallback states its cost before it runs', async ({
    demo,
  }) => {
    test.setTimeout(120_000);
    const { page, tenant } = demo;
    tenant.directory.tenant.premium = false;
    await openRegistration(demo, 'Global Reader');
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    await expect(page.getByText('This tenant has no Microsoft Entra ID P1 licence')).toBeVisible({ timeout: 30_000 });
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Use the $batch fallback…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Build the snapshot through $batch?' });
    const users = tenant.directory.users.length;
    const cost = dialog.locator('dl');
    await expect(cost).toContainText('Estimated time');
    const figures = Object.fromEntries(
      await Promise.all(
        (await cost.getByRole('term').all()).map(async (term, i) => [
          await term.textContent(),
          Number((await cost.getByRole('definition').nth(i).textContent())!.replace(/[^0-9]/g, '')),
        ]),
      ),
    ) as Record<string, number>;
    expect(figures.Users).toBe(users);
    expect(figures['Graph requests']).toBeGreaterThanOrEqual(users);
    expect(figures['$batch calls (20 requests each)']).toBe(Math.ceil(figures['Graph requests']! / 20));
    expect(figures['Calls at once']).toBeGreaterThan(0);
    await expect(dialog).toContainText('Estimated time');
    await expectNoSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Start the $batch fallback' }).click();
    await expect(page.getByText(`Snapshot of ${count(users)} users taken`)).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('from the $batch fallback')).toBeVisible();
    await expect(page.getByText('This tenant has no Microsoft Entra ID P1 licence')).toHaveCount(0);
  });
});

test('cancelling an ingest keeps the previous snapshot, and it can be resumed', async ({ demo }) => {
  test.setTimeout(120_000);
  const { page, tenant } = demo;
  const users = tenant.directory.users.length;
  await openRegistration(demo, 'Reports Reader');
  await takeSnapshot(page, users);
  const age = page.getByText(`Snapshot of ${count(users)} users taken`);
  const before = await age.textContent();

  tenant.knobs.set({ latencyMs: 1500 });
  await page.getByRole('button', { name: 'Refresh snapshot' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel snapshot' }).click();
  await expect(page.getByText('The last snapshot did not finish')).toBeVisible({ timeout: 30_000 });
  await expect(age).toHaveText(before!);
  await expectMatches(page, users);

  tenant.knobs.set({ latencyMs: 0 });
  await page.getByRole('button', { name: 'Resume snapshot' }).click();
  await expect(page.getByText('The last snapshot did not finish')).toHaveCount(0, { timeout: 30_000 });
  await expect(age).not.toHaveText(before!);
});

test('a role that cannot read the report is refused the screen, told which roles can', async ({ demo }) => {
  const { page } = demo;
  await openRegistration(demo, 'Helpdesk Administrator');
  // Main refuses every registration channel to this role (a stored snapshot included): one refusal, no table.
  await expect(page.getByText('Your directory role cannot see the registration report')).toBeVisible();
  await expect(
    page.getByText(
      /Only a Reports Reader, Security Reader, Security Administrator, Global Reader or Global Administrator can see the registration report; helpdesk@/,
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /snapshot/ })).toHaveCount(0);
  await expect(usersTable(page)).toHaveCount(0);
  await expect(page.getByText(/Could not/)).toHaveCount(0);
  await expectNoSeriousViolations(page);
});

test('throttling injected mid-ingest is ridden out: the wait is shown and the snapshot is complete', async ({
  demo,
}) => {
  test.setTimeout(120_000);
  const { page, tenant } = demo;
  const users = tenant.directory.users.length;
  await openRegistration(demo, 'Global Reader');
  const before = tenant.knobs.stats().throttled;
  // Every second Graph request answers 429 with Retry-After: 2, and each page takes a while.
  tenant.knobs.set({ latencyMs: 200, throttle: { everyNth: 2, retryAfterSeconds: 2 } });
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(/Graph asked to slow down \d+×/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`Snapshot of ${count(users)} users taken`)).toBeVisible({ timeout: 90_000 });
  tenant.knobs.set({ latencyMs: 0, throttle: { everyNth: 0 } });
  expect(tenant.knobs.stats().throttled).toBeGreaterThan(before);
  // Nothing was lost to the 429s: every user is there, and a preset still agrees with the tenant.
  await expectMatches(page, users);
  const expected = expectedRows(tenant).filter((r) => r.methodsRegistered.length === 0).length;
  await page.getByLabel('Show', { exact: true }).selectOption('no-methods');
  await expectMatches(page, expected);
});
