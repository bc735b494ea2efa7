// The Policy screen through the browser host against the demo tenant, signed in for real: every part
// shows what the demo tenant seeds (read as the agent through Graph) with its age, Refresh fetches
// again, writeback is readable by a Global Administrator only, and the SSPR policy Graph cannot read
// is recorded by the admin and kept.
import type { Page } from '@playwright/test';
import { getSsprRecord } from '../../src/main/core/settings/settings';
import { expect, openApp, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations, screenTitle } from './a11y';

function part(page: Page, title: string) {
  return page.getByRole('main').getByRole('region', { name: title });
}

/** A definition list's value for a term inside a part. */
function fact(page: Page, title: string, term: string) {
  return part(page, title).locator(`dt:text-is("${term}") + dd`);
}

function row(page: Page, title: string, firstCell: string) {
  return part(page, title)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: firstCell, exact: true }) });
}

test('a Global Administrator sees every part as the demo tenant seeds it, with its age, and Refresh fetches again', async ({
  demo,
  host,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  await page.keyboard.press('Control+5');
  await expect(screenTitle(page)).toHaveText('Policy');

  // Never fetched for this tenant: main starts a background refresh and the screen follows it.
  for (const title of [
    'Authentication methods',
    'Temporary Access Pass',
    'Password writeback',
    'Password expiry per domain',
    'Licences',
  ]) {
    await expect(part(page, title)).toContainText('fetched just now');
    await expect(part(page, title)).not.toContainText('Last refresh failed');
  }

  // Authentication methods: the seeded states, all targeted at all users.
  const methods = tenant.directory.policy.states;
  expect(methods.X509Certificate).toBe('disabled');
  await expect(row(page, 'Authentication methods', 'Temporary Access Pass')).toContainText('EnabledAll users');
  await expect(row(page, 'Authentication methods', 'SMS')).toContainText('EnabledAll users');
  await expect(row(page, 'Authentication methods', 'Certificate-based authentication')).toContainText('Disabled');
  await expect(part(page, 'Authentication methods').getByRole('row')).toHaveCount(1 + Object.keys(methods).length);

  // TAP: the seed's 60-minute default, 60–480 minutes, 8 characters, reusable.
  const tap = tenant.directory.policy.tap;
  expect(tap).toMatchObject({ defaultLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false });
  await expect(fact(page, 'Temporary Access Pass', 'State')).toHaveText('Enabled');
  await expect(fact(page, 'Temporary Access Pass', 'Default lifetime')).toHaveText('1 hour');
  await expect(fact(page, 'Temporary Access Pass', 'Allowed lifetime')).toHaveText('1 hour to 8 hours');
  await expect(fact(page, 'Temporary Access Pass', 'Length')).toHaveText('8 characters');
  await expect(fact(page, 'Temporary Access Pass', 'One-time use')).toContainText('No');

  // Password expiry: both seeded domains, 90 days with a 14-day warning.
  await expect(row(page, 'Password expiry per domain', 'contoso.com (default)')).toContainText(
    'After 90 days14 days before',
  );
  await expect(row(page, 'Password expiry per domain', 'contosodemo.onmicrosoft.com')).toContainText('After 90 days');

  // Licences: the premium demo tenant has Entra ID P1 (AAD_PREMIUM in SPE_E5), not P2.
  await expect(fact(page, 'Licences', 'Microsoft Entra ID P1')).toHaveText('Yes');
  await expect(fact(page, 'Licences', 'Microsoft Entra ID P2')).toHaveText('No');
  await expect(part(page, 'Licences').getByRole('list', { name: 'Subscriptions' })).toContainText(
    `SPE_E5 (${tenant.directory.tenant.skus[0]!.prepaidUnits} seats)`,
  );

  // Writeback: the demo tenant syncs and writes passwords back.
  // No documented tenant-wide writeback signal exists (onpremisesdirectorysynchronizationfeature.md): not shown.
  await expect(fact(page, 'Password writeback', 'Password writeback')).toContainText('Not shown');
  await expect(fact(page, 'Password writeback', 'Sync from on-premises')).toContainText('On, last sync');

  // Resetline's own verification policy: the defaults, with the way to edit them.
  const verification = part(page, 'Resetline’s verification policy');
  await expect(verification.locator('dt:text-is("Checks required") + dd')).toContainText('2 checks');
  await expect(verification.locator('dt:text-is("Allowed checks") + dd')).toHaveText(
    'SMS code, Email code, Manager code, Knowledge questions',
  );
  await expect(verification.locator('dt:text-is("Code length") + dd')).toHaveText('6 digits');
  await expectNoSeriousViolations(page);

  // Refresh goes to Graph again and every part's fetch time moves.
  const tapTime = part(page, 'Temporary Access Pass').locator('time').last();
  const before = await tapTime.getAttribute('datetime');
  const requests = tenant.knobs.stats().graphHttpRequests;
  const refresh = page.getByRole('button', { name: 'Refresh from Microsoft Graph' });
  await expect(refresh).toBeEnabled();
  await refresh.click();
  await expect(page.getByText('Refreshing…')).toHaveCount(0);
  await expect(tapTime).not.toHaveAttribute('datetime', before!);
  await expect.poll(() => tenant.knobs.stats().graphHttpRequests).toBeGreaterThanOrEqual(requests + 6);
  await expect(part(page, 'Password writeback')).toContainText('fetched just now');
  expect(host.host.runtime.session.state().status).toBe('signed-in');

  await verification.getByRole('button', { name: 'Edit in Settings' }).click();
  await expect(screenTitle(page)).toHaveText('Settings');
});

test('the SSPR policy Graph cannot read is recorded here and kept across a reload', async ({ demo, host }) => {
  const { page } = demo;
  const admin = demo.agent('Global Administrator');
  await signInThroughDemoPage(demo, admin);
  await page.keyboard.press('Control+5');
  const sspr = part(page, 'Self-service password reset');
  await expect(sspr).toContainText('Microsoft Graph has no way to read the self-service password reset policy');
  await expect(sspr).toContainText('Not recorded yet.');

  // A selected group needs its name: the contract's own message, and nothing is stored.
  await sspr.getByRole('radio', { name: 'A selected group' }).check();
  await sspr.getByRole('button', { name: 'Record' }).click();
  await expect(sspr.getByRole('textbox', { name: 'Group' })).toHaveAccessibleDescription(
    /Name the group SSPR is enabled for\./,
  );
  expect(getSsprRecord(host.host.runtime.db)).toBeNull();

  await sspr.getByRole('radio', { name: 'All users' }).check();
  await sspr.getByRole('radio', { name: '2 methods' }).check();
  await sspr.getByRole('button', { name: 'Record' }).click();
  await expect(sspr.getByRole('status')).toHaveText('Recorded.');
  await expect(sspr.locator('dt:text-is("Methods required") + dd')).toHaveText('2 methods required');
  await expect(sspr).toContainText(`by ${admin.upn}`);
  expect(getSsprRecord(host.host.runtime.db)).toMatchObject({ methodsRequired: 2, enabledFor: 'all' });
  await expectNoSeriousViolations(page);

  // A fresh page load (main keeps the agent signed in): the recorded value comes back from SQLite.
  await page.goto('about:blank');
  await openApp(page, host.url);
  await page.keyboard.press('Control+5');
  await expect(screenTitle(page)).toHaveText('Policy');
  await expect(sspr.locator('dt:text-is("Methods required") + dd')).toHaveText('2 methods required');
  await expect(sspr.locator('dt:text-is("Enabled for") + dd')).toHaveText('All users');
  await expect(sspr.getByRole('radio', { name: '2 methods' })).toBeChecked();
});

test('writeback says which permission and role it needs when the agent cannot read it', async ({ demo }) => {
  const { page } = demo;
  // Global Reader may read the TAP policy (temporaryaccesspassauthenticationmethodconfiguration-get.md)
  // but not directory synchronization (Global Administrator only).
  await signInThroughDemoPage(demo, demo.agent('Global Reader'));
  await page.keyboard.press('Control+5');
  const writeback = part(page, 'Password writeback');
  await expect(writeback).toContainText('Not known: Resetline could not read it.');
  await expect(writeback).toContainText(
    /Last refresh failed \(insufficient_role\): .*OnPremDirectorySynchronization\.Read\.All.*Global Administrator/,
  );
  // The other parts still arrive.
  await expect(part(page, 'Temporary Access Pass')).toContainText('fetched just now');
  await expect(fact(page, 'Temporary Access Pass', 'State')).toHaveText('Enabled');
});

test('parts the agent’s role cannot read say why beside their age', async ({ demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+5');
  // Helpdesk cannot read the authentication methods policy: never fetched, and why.
  const tap = part(page, 'Temporary Access Pass');
  await expect(tap).toContainText(/Last refresh failed \(\w+\): /);
  await expect(tap).toContainText('never fetched');
  await expect(part(page, 'Authentication methods')).toContainText('never fetched');
  // Domains and licences are readable by any agent.
  await expect(fact(page, 'Licences', 'Microsoft Entra ID P1')).toHaveText('Yes');
  // Recording the SSPR policy is an administrator's act: no form for a helpdesk agent (main refuses too).
  const sspr = part(page, 'Self-service password reset');
  await expect(sspr).toContainText('Only a Global Administrator, Privileged Authentication Administrator or');
  await expect(sspr.getByRole('button', { name: 'Record' })).toHaveCount(0);
  await expectNoSeriousViolations(page);
});

test('the undocumented writeback flag is never shown as the writeback status', async ({ demo }) => {
  const { page, tenant } = demo;
  // The demo tenant serves from its live model: the same directory, with writeback not configured.
  tenant.directory.tenant.writeback = false;
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  await page.keyboard.press('Control+5');
  // The policy is fetched in the background after sign-in: on a busy machine that can take a while.
  await expect(part(page, 'Password writeback')).toContainText('fetched just now', { timeout: 30_000 });
  // features.passwordWritebackEnabled "isn't in use" (onpremisesdirectorysynchronizationfeature.md):
  // flipping it changes nothing on screen.
  await expect(fact(page, 'Password writeback', 'Password writeback')).toContainText('Not shown');
  await expect(fact(page, 'Password writeback', 'Sync from on-premises')).toContainText('On');
});
