// The renderer frame through the browser host: navigation, About over the real HTTP transport, the
// session key's life in the tab, History's audit trail and chain status, and accessibility.
import type { Page, Route } from '@playwright/test';
import { appendAuditEvents } from '../../src/main/core/audit';
import { expect, openApp, signInThroughDemoPage, test, type DemoFixture } from './fixtures';
import { expectNoSeriousViolations, screenTitle } from './a11y';

/** The screens behind sign-in read through main, which answers only a signed-in agent: a helpdesk one. */
const signIn = (demo: DemoFixture) => signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

const SCREENS = ['Caller', 'History', 'Self-service', 'Registration', 'Policy', 'Settings'] as const;

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Screens' });
}

function aboutValue(page: Page, term: string) {
  return page.getByRole('dialog', { name: 'About Resetline' }).locator(`dt:text-is("${term}") + dd`);
}

/** Answers one channel from the test instead of the host, to drive states a fresh host cannot reach. */
async function answer(page: Page, channel: string, handler: (route: Route, input: unknown) => Promise<void>) {
  await page.route(`**/api/${encodeURIComponent(channel)}`, async (route) => {
    const body = route.request().postDataJSON() as { input?: unknown };
    await handler(route, body.input);
  });
}

test('renders the frame with six screens reachable by mouse, arrow keys and Ctrl+1..6', async ({ page, demo }) => {
  await signIn(demo);

  await expect(page.getByRole('banner')).toContainText('Resetline');
  for (const name of SCREENS) await expect(nav(page).getByRole('button', { name, exact: true })).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Caller', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(screenTitle(page)).toHaveText('Caller');
  await expect(page.getByRole('main').getByRole('searchbox')).toBeVisible();

  await nav(page).getByRole('button', { name: 'Policy', exact: true }).click();
  await expect(screenTitle(page)).toHaveText('Policy');
  await expect(nav(page).getByRole('button', { name: 'Policy', exact: true })).toHaveAttribute('aria-current', 'page');

  // The nav is one Tab stop with arrow keys inside it.
  await nav(page).getByRole('button', { name: 'Policy', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(nav(page).getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(screenTitle(page)).toHaveText('Settings');

  await page.keyboard.press('Control+2');
  await expect(screenTitle(page)).toHaveText('History');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Control+4');
  await expect(screenTitle(page)).toHaveText('Registration');
  await page.keyboard.press('Control+1');
  await expect(screenTitle(page)).toHaveText('Caller');
});

test('About shows app:get-info from the browser host over HTTP with the session key', async ({ host, page }) => {
  const infoCall = page.waitForRequest((req) => req.url() === `${host.origin}/api/app%3Aget-info`);
  await page.goto(host.url);
  const request = await infoCall;
  expect(request.method()).toBe('POST');
  // The tab's own session key, traded for its address's one-time token.
  expect(request.headers()['x-resetline-secret']).toMatch(/^[0-9a-f]{64}$/);

  // What the host itself reports, read outside the page, is what the page must show.
  const direct = await page.request.post(`${host.origin}/api/app%3Aget-info`, {
    headers: { 'x-resetline-secret': host.secret, 'content-type': 'application/json', origin: host.origin },
    data: {},
  });
  const envelope = (await direct.json()) as {
    ok: true;
    value: { name: string; version: string; dataFolder: string; tenantMode: string; schemaVersion: number };
  };
  expect(envelope.ok).toBe(true);
  expect(envelope.value.dataFolder).toBe(host.dataDir);
  const tenantText = envelope.value.tenantMode === 'demo' ? 'Demo tenant' : 'Microsoft 365 tenant';

  await expect(page.getByRole('banner')).toContainText(tenantText);
  await nav(page).getByRole('button', { name: 'About' }).click();
  const about = page.getByRole('dialog', { name: 'About Resetline' });
  await expect(about).toBeVisible();
  await expect(aboutValue(page, 'Data folder')).toHaveText(host.dataDir);
  await expect(aboutValue(page, 'Tenant mode')).toHaveText(tenantText);
  await expect(aboutValue(page, 'Name')).toHaveText(envelope.value.name);
  await expect(aboutValue(page, 'Version')).toHaveText(envelope.value.version);
  await expect(aboutValue(page, 'Host')).toHaveText('Browser host');
  await expect(aboutValue(page, 'Database schema')).toHaveText(String(envelope.value.schemaVersion));

  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();
  await page.keyboard.press('Control+Shift+A');
  await expect(aboutValue(page, 'Data folder')).toHaveText(host.dataDir);
});

test('About shows loading, then the error code and message when app:get-info fails, and recovers on retry', async ({
  host,
  page,
}) => {
  // The answer is held back until the loading state has been seen, then fails like a dead proxy would.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await answer(page, 'app:get-info', async (route) => {
    await held;
    await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' });
  });
  await openApp(page, host.url);
  await page.keyboard.press('Control+Shift+A');
  const about = page.getByRole('dialog', { name: 'About Resetline' });
  await expect(about.getByText('Loading app information…')).toBeVisible();
  release();
  await expect(about).toContainText('Could not load app information');
  await expect(about).toContainText('unavailable');
  await expect(about).toContainText('HTTP 502');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('banner')).toContainText('Tenant unknown');

  // Reopening retries by itself (still failing here); "Try again" retries in place once the host answers.
  await page.keyboard.press('Control+Shift+A');
  await expect(about).toContainText('HTTP 502');
  await page.unrouteAll();
  await about.getByRole('button', { name: 'Try again' }).click();
  await expect(aboutValue(page, 'Data folder')).toHaveText(host.dataDir);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('banner')).toContainText('Demo tenant');
});

test('keeps the session key only in memory: gone from the address bar, storage, and a reload', async ({
  host,
  page,
}) => {
  const url = host.url;
  const bootstrap = new URL(url).hash.replace('#bootstrap=', '');
  expect(bootstrap).toMatch(/^[0-9a-f]{64}$/);
  const firstCall = page.waitForRequest((req) => req.url().includes('/api/'));
  await page.goto(url);
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  const sessionKey = (await firstCall).headers()['x-resetline-secret'] ?? '';
  expect(sessionKey).toMatch(/^[0-9a-f]{64}$/);

  expect(page.url()).toBe(`${host.origin}/`);
  const stored = await page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    history: String(history.state),
  }));
  for (const value of Object.values(stored)) {
    expect(value).not.toContain(bootstrap);
    expect(value).not.toContain(sessionKey);
  }

  // Nothing kept it anywhere, so a reloaded tab cannot call the host and says how to get back in.
  await page.reload();
  await expect(
    page.getByText('This tab has no session key (a reload or a new tab forgets it). Press Enter in the window'),
  ).toBeVisible();
  await expect(nav(page)).toHaveCount(0);
});

test('History shows the empty trail and that the chain is intact', async ({ page, demo }) => {
  await signIn(demo);
  await nav(page).getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByText('No calls recorded yet')).toBeVisible();
  await expect(page.getByText('Audit trail intact (0 rows)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('History scrolls through real audit rows and names the first tampered row', async ({ host, page, demo }) => {
  const db = host.host.runtime.db;
  const start = Date.UTC(2026, 0, 5, 9, 0, 0);
  appendAuditEvents(
    db,
    Array.from({ length: 130 }, (_, i) => ({
      occurredAt: start + i * 60_000,
      agentUpn: 'agent@contoso.example',
      targetUpn: `caller${i + 1}@contoso.example`,
      targetName: `Caller ${i + 1}`,
      action: 'reset.password' as const,
      outcome: 'success' as const,
      verification: { required: 2, passed: ['sms' as const, 'knowledge' as const], failed: [] },
      ticketRef: `INC-${i + 1}`,
    })),
  );

  await signIn(demo);
  await page.keyboard.press('Control+2');
  await expect(page.getByText('Audit trail intact (130 rows)')).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit events' });
  const rows = table.getByRole('row');
  await expect(table).toHaveAttribute('aria-rowcount', String(1 + 130)); // header + every row, virtualized
  await expect(rows.nth(1)).toContainText('caller130@contoso.example');
  await expect(rows.nth(1)).toContainText('INC-130');

  // The second window (by offset) must continue the first: no repeats, nothing skipped.
  await table.evaluate((el) => {
    el.scrollTop = 95 * 36; // rows 100 and 101, the seam between the windows, in view
  });
  await expect(table.locator('[role="row"][aria-rowindex="101"]')).toContainText('caller31@contoso.example');
  await expect(table.locator('[role="row"][aria-rowindex="102"]')).toContainText('caller30@contoso.example');
  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(rows.last()).toContainText('caller1@contoso.example');
  await expect(page.getByText('130 events — newest first')).toBeVisible();

  // Edit a row with raw SQL, past the trigger that forbids it: the screen must name that row.
  db.exec('DROP TRIGGER audit_events_no_update');
  db.prepare('UPDATE audit_events SET ticket_ref = ? WHERE id = ?').run('INC-forged', 42);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText(/^Audit trail broken at row #42: /)).toBeVisible();
  await expect(page.getByText(/Audit trail intact/)).toHaveCount(0);
});

test('History shows a failed audit:list as its code and message, not a crash', async ({ page, demo }) => {
  await answer(page, 'audit:list', (route) =>
    route.fulfill({ status: 200, json: { ok: false, error: { code: 'internal', message: 'disk full' } } }),
  );
  await signIn(demo);
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('main')).toContainText('Could not load the history');
  await expect(page.getByRole('main')).toContainText('internal: disk full');
  await expect(page.getByText('Audit trail intact (0 rows)')).toBeVisible();
});

test('has no serious or critical accessibility violations on the frame, History and About', async ({
  host,
  page,
  demo,
}) => {
  // A few rows of each outcome, so the table and its coloured badges are checked, not just the empty state.
  const outcomes = ['success', 'failure', 'pending', 'refused', 'info'] as const;
  appendAuditEvents(
    host.host.runtime.db,
    outcomes.map((outcome, i) => ({
      agentUpn: 'agent@contoso.example',
      targetUpn: `caller${i}@contoso.example`,
      targetName: `Caller ${i}`,
      action: 'reset.password' as const,
      outcome,
      ticketRef: `INC-${i}`,
    })),
  );
  await signIn(demo);
  await expect(page.getByRole('banner')).toContainText(/Demo tenant|Microsoft 365 tenant/);
  await expectNoSeriousViolations(page);

  await page.keyboard.press('Control+2');
  await expect(page.getByText('Audit trail intact (5 rows)')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Audit events' }).getByRole('row')).toHaveCount(1 + 5);
  await expectNoSeriousViolations(page);

  await page.keyboard.press('Control+Shift+A');
  await expect(aboutValue(page, 'Data folder')).toHaveText(host.dataDir);
  await expectNoSeriousViolations(page);

  // The dark theme follows the system; its contrast is checked too.
  await page.keyboard.press('Escape');
  // Wait until the dialog has gone and the page is back in the accessibility tree (Fluent un-hides it a
  // moment later); a fading dialog would skew the contrast check.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('main')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('.fui-FluentProvider').first()).toHaveCSS('background-color', 'rgb(41, 41, 41)');
  await expectNoSeriousViolations(page);
});
