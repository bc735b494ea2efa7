// Settings through the browser host: the tenant form checked with the contract's own zod schema
// (nothing reaches main when it fails), saving with the sign-out warning, and the cached tenant
// policy with each part's age, read from the demo tenant as the signed-in agent.
import type { Page } from '@playwright/test';
import { getTenantSettings } from '../../src/main/core/settings/settings';
import { TenantSettingsInput } from '../../src/shared/settings';
import { agentBadge, expect, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations, screenTitle } from './a11y';

const TENANT_GUID = '0b5a7c3e-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const CLIENT_GUID = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function policyPart(page: Page, title: string) {
  return page.getByRole('region', { name: title });
}

/** What the contract's schema says about a value: the messages the form must show, word for word. */
function zodMessages(input: unknown): Record<string, string> {
  const parsed = TenantSettingsInput.safeParse(input);
  if (parsed.success) throw new Error('expected the schema to refuse this input');
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
}

test('a bad tenant id and client id show the schema’s messages under the fields and nothing is saved', async ({
  host,
  page,
}) => {
  const updates: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/settings%3Aupdate')) updates.push(r.postData() ?? '');
  });
  await page.goto(host.url);
  // Signed out, Settings is still reachable so an admin can point the app at a tenant first.
  await page.keyboard.press('Control+4');
  await expect(screenTitle(page)).toHaveText('Settings');
  await expect(page.getByRole('radio', { name: /^Demo tenant/ })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Tenant id' })).toHaveCount(0); // demo needs no ids

  await page.getByRole('radio', { name: 'Microsoft Entra ID (global)' }).check();
  await page.getByRole('textbox', { name: 'Tenant id' }).fill('not a tenant');
  await page.getByRole('textbox', { name: 'Client id' }).fill('12345');
  await page.getByRole('button', { name: 'Save' }).click();

  const expected = zodMessages({ cloud: 'global', tenantId: 'not a tenant', clientId: '12345' });
  expect(Object.keys(expected).sort()).toEqual(['clientId', 'tenantId']);
  await expect(page.getByRole('textbox', { name: 'Tenant id' })).toHaveAccessibleDescription(
    new RegExp(escape(expected.tenantId!)),
  );
  await expect(page.getByRole('textbox', { name: 'Client id' })).toHaveAccessibleDescription(
    new RegExp(escape(expected.clientId!)),
  );
  await expect(page.getByText(expected.tenantId!)).toBeVisible();
  await expect(page.getByText(expected.clientId!)).toBeVisible();
  await expectNoSeriousViolations(page);

  expect(updates).toEqual([]);
  expect(getTenantSettings(host.host.runtime.db)).toEqual({ cloud: 'demo' });
  await expect(page.getByRole('banner')).toContainText('Demo tenant');
});

test('saving another tenant while signed in warns, signs the agent out, and the sign-in screen names the new tenant', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+4');
  await page.getByRole('radio', { name: 'Microsoft Entra ID (global)' }).check();
  await page.getByRole('textbox', { name: 'Tenant id' }).fill(` ${TENANT_GUID} `);
  await page.getByRole('textbox', { name: 'Client id' }).fill(CLIENT_GUID);
  await page.getByRole('button', { name: 'Save' }).click();

  const confirm = page.getByRole('dialog', { name: 'Change the tenant and sign out?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(getTenantSettings(host.host.runtime.db)).toEqual({ cloud: 'demo' });
  await expect(agentBadge(page)).toBeVisible();

  await page.getByRole('button', { name: 'Save' }).click();
  await confirm.getByRole('button', { name: 'Save and sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(agentBadge(page)).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('Microsoft 365 tenant');
  // Main trimmed the id; the form shows what was stored.
  await expect(page.getByRole('textbox', { name: 'Tenant id' })).toHaveValue(TENANT_GUID);
  expect(getTenantSettings(host.host.runtime.db)).toEqual({
    cloud: 'global',
    tenantId: TENANT_GUID,
    clientId: CLIENT_GUID,
  });

  await page.keyboard.press('Control+1');
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  await expect(page.getByRole('main')).toContainText(
    `Signing in to: Tenant ${TENANT_GUID} · Microsoft Entra ID (global)`,
  );
  await expect(page.getByRole('main')).not.toContainText('demo accounts');
});

test('saving the demo tenant again keeps the agent signed in and the app usable', async ({ demo, host }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+4');
  await page.getByRole('button', { name: 'Save' }).click();
  // The same tenant changes nothing, so there is nothing to confirm.
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(agentBadge(page)).toBeVisible();
  expect(host.host.runtime.session.state().status).toBe('signed-in');

  await page.keyboard.press('Control+k');
  await page.getByRole('searchbox').fill('Alex Cloud');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('alex.cloud@contoso.com');
});

test('the tenant policy shows the TAP policy and every part with its age, and Refresh fetches again', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
  await page.keyboard.press('Control+4');

  // Never fetched for this tenant: main starts a background refresh and the section follows it.
  const tap = policyPart(page, 'Temporary Access Pass');
  await expect(tap).toContainText('fetched just now');
  await expect(tap).toContainText(/Lifetime \d+ min by default/);
  await expect(tap).toContainText(/One-time use|Usable more than once/);
  for (const title of ['Password expiry per domain', 'Licences', 'Authentication methods enabled']) {
    await expect(policyPart(page, title)).toContainText('fetched just now');
  }
  await expect(policyPart(page, 'Licences')).toContainText('Microsoft Entra ID P1: yes');
  await expect(policyPart(page, 'Password expiry per domain')).toContainText('contoso.com');
  await expectNoSeriousViolations(page);

  // Refresh goes to Graph again: the demo tenant counts the requests it answers.
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  const before = demo.tenant.knobs.stats().graphHttpRequests;
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('Refreshing…')).toHaveCount(0);
  await expect.poll(() => demo.tenant.knobs.stats().graphHttpRequests).toBeGreaterThanOrEqual(before + 4);
  await expect(tap).toContainText('fetched just now');
  expect(host.host.runtime.session.state().status).toBe('signed-in');
});

test('parts the agent’s role cannot read say why beside their age', async ({ demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+4');
  const tap = policyPart(page, 'Temporary Access Pass');
  await expect(tap).toContainText(/Last refresh failed \(\w+\): /);
  await expect(tap).toContainText('never fetched');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
