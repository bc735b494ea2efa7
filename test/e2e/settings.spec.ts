// Settings through the browser host: the tenant form checked with the contract's own zod schema
// (nothing reaches main when it fails), saving with the sign-out warning, who may change the tenant
// after first-run set-up (and what a refused agent reads), and the pointer to the tenant policy,
// which moved to the Policy screen (policy.spec.ts).
import { getTenantSettings, getVerificationPolicy } from '../../src/main/core/settings/settings';
import { DEFAULT_VERIFICATION_POLICY, TenantSettingsInput } from '../../src/shared/settings';
import { agentBadge, expect, openApp, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations, screenTitle } from './a11y';
import { callPanel, openCallByUpn } from './callerFlow';

const TENANT_GUID = '0b5a7c3e-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const CLIENT_GUID = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

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
  await openApp(page, host.url);
  // Signed out, Settings is still reachable so an admin can point the app at a tenant first.
  await page.keyboard.press('Control+6');
  await expect(screenTitle(page)).toHaveText('Settings');
  await expect(page.getByRole('radio', { name: /^Demo tenant/ })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Tenant id' })).toHaveCount(0); // demo needs no ids

  await page.getByRole('radio', { name: 'Microsoft Entra ID (global)' }).check();
  await page.getByRole('textbox', { name: 'Tenant id' }).fill('not a tenant');
  await page.getByRole('textbox', { name: 'Client id' }).fill('12345');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

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
  expect(getTenantSettings(host.host.runtime.settingsDb)).toEqual({ cloud: 'demo' });
  await expect(page.getByRole('banner')).toContainText('Demo tenant');
});

test('saving another tenant while signed in warns, signs the agent out, and the sign-in screen names the new tenant', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+6');
  await page.getByRole('radio', { name: 'Microsoft Entra ID (global)' }).check();
  await page.getByRole('textbox', { name: 'Tenant id' }).fill(` ${TENANT_GUID} `);
  await page.getByRole('textbox', { name: 'Client id' }).fill(CLIENT_GUID);
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const confirm = page.getByRole('dialog', { name: 'Change the tenant and sign out?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(getTenantSettings(host.host.runtime.settingsDb)).toEqual({ cloud: 'demo' });
  await expect(agentBadge(page)).toBeVisible();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await confirm.getByRole('button', { name: 'Save and sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(agentBadge(page)).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('Microsoft 365 tenant');
  // Main trimmed the id; the form shows what was stored.
  await expect(page.getByRole('textbox', { name: 'Tenant id' })).toHaveValue(TENANT_GUID);
  expect(getTenantSettings(host.host.runtime.settingsDb)).toEqual({
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

test('after first-run set-up, neither an agent nor anyone signed out can change the tenant, and both are told who can', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+6');
  // First-run set-up: the tenant in use saved by the first agent who signed in to it.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    'only a Global Administrator, Privileged Authentication Administrator or Authentication Policy Administrator signed in to it can change it',
  );

  const tryGlobal = async () => {
    await page.getByRole('radio', { name: 'Microsoft Entra ID (global)' }).check();
    await page.getByRole('textbox', { name: 'Tenant id' }).fill(TENANT_GUID);
    await page.getByRole('textbox', { name: 'Client id' }).fill(CLIENT_GUID);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
  };
  const refusal = page.getByRole('main').getByText('Only an administrator signed in to this tenant can change it');

  await tryGlobal();
  await page
    .getByRole('dialog', { name: 'Change the tenant and sign out?' })
    .getByRole('button', { name: 'Save and sign out' })
    .click();
  await expect(refusal).toBeVisible();
  await expect(page.getByRole('main')).toContainText('holds none of these roles. Nothing was changed.');
  await expect(agentBadge(page)).toBeVisible();
  await expectNoSeriousViolations(page);
  expect(getTenantSettings(host.host.runtime.settingsDb)).toEqual({ cloud: 'demo' });

  await agentBadge(page).getByRole('button', { name: 'Agent menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out…' }).click();
  await page.getByRole('dialog', { name: 'Sign out of Resetline?' }).getByRole('button', { name: 'Sign out' }).click();
  // Settings stays reachable signed out (first-run set-up needs it).
  await expect(agentBadge(page)).toHaveCount(0);
  await page.keyboard.press('Control+6');
  await tryGlobal();
  await expect(refusal).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    'Only a Global Administrator, Privileged Authentication Administrator or Authentication Policy Administrator signed in to the tenant Resetline works on now can change the tenant. Sign in as one of them first.',
  );
  expect(getTenantSettings(host.host.runtime.settingsDb)).toEqual({ cloud: 'demo' });
  await expect(page.getByRole('banner')).toContainText('Demo tenant');
});

test('saving the demo tenant again keeps the agent signed in and the app usable', async ({ demo, host }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+6');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // The same tenant changes nothing, so there is nothing to confirm.
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(agentBadge(page)).toBeVisible();
  expect(host.host.runtime.session.state().status).toBe('signed-in');

  await page.keyboard.press('Control+k');
  await page.getByRole('searchbox').fill('Alex Cloud');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('alex.cloud@contoso.com');
});

test('Settings no longer shows the tenant policy and points to the Policy screen', async ({ demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+6');
  await expect(screenTitle(page)).toHaveText('Settings');
  await expect(page.getByRole('main').getByRole('region', { name: 'Temporary Access Pass' })).toHaveCount(0);
  // A helpdesk agent may not change the checks they are held to: the reason, not the form.
  await expect(page.getByRole('form', { name: 'Verification policy' })).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText('Only a Global Administrator, Privileged Authentication');
  await page.getByRole('button', { name: 'Policy (Ctrl+5)' }).click();
  await expect(screenTitle(page)).toHaveText('Policy');
  // What the policy section proved here (each part's age, Refresh, parts a role cannot read) is in policy.spec.ts.
  await expect(page.getByRole('main').getByRole('region', { name: 'Temporary Access Pass' })).toBeVisible();
});

test('the verification policy is edited here, checked with the contract’s schema, and Policy shows it', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  await page.keyboard.press('Control+6');
  const form = page.getByRole('form', { name: 'Verification policy' });
  await expect(form.getByRole('radio', { name: '2 checks' })).toBeChecked();

  // One kind of check is not enough (admins always need two): the schema's message, nothing saved.
  for (const kind of ['Email code', 'Manager code', 'Knowledge questions']) {
    await form.getByRole('checkbox', { name: kind }).uncheck();
  }
  await form.getByRole('button', { name: 'Save verification policy' }).click();
  await expect(form.getByRole('group', { name: 'Checks agents may use' })).toHaveAccessibleDescription(
    'Allow at least two verification types: admin callers always need two.',
  );
  expect(getVerificationPolicy(host.host.runtime.db)).toEqual(DEFAULT_VERIFICATION_POLICY);

  await form.getByRole('checkbox', { name: 'Knowledge questions' }).check();
  await form.getByRole('radio', { name: '1 check' }).check();
  await form.getByRole('spinbutton', { name: /^Code length/ }).fill('8');
  await form.getByRole('checkbox', { name: /^Closing a call needs a ticket reference/ }).check();
  await form.getByRole('button', { name: 'Save verification policy' }).click();
  await expect(form.getByRole('status')).toHaveText('Verification policy saved.');
  expect(getVerificationPolicy(host.host.runtime.db)).toMatchObject({
    requiredChecks: 1,
    allowedTypes: ['sms', 'knowledge'],
    codeLength: 8,
    ticketRequired: true,
  });
  await expectNoSeriousViolations(page);

  await page.keyboard.press('Control+5');
  const shown = page.getByRole('main').getByRole('region', { name: 'Resetline’s verification policy' });
  await expect(shown.locator('dt:text-is("Checks required") + dd')).toContainText('1 check for a user');
  await expect(shown.locator('dt:text-is("Allowed checks") + dd')).toHaveText('SMS code, Knowledge questions');
  await expect(shown.locator('dt:text-is("Code length") + dd')).toHaveText('8 digits');

  // The Close step says a ticket is needed before main would refuse; ending as abandoned needs none.
  await page.keyboard.press('Control+1');
  await openCallByUpn(page, 'alex.cloud@contoso.com');
  const panel = callPanel(page, 'Alex Cloud');
  await panel.getByRole('button', { name: '4. Close the call' }).click();
  const close = panel.getByRole('region', { name: '4. Close the call' });
  await close.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Escalated' });
  const closeButton = close.getByRole('button', { name: 'Close call' });
  await expect(closeButton).toBeDisabled();
  await expect(close).toContainText('the verification policy asks for one to close a call');
  await close.getByRole('textbox', { name: /Ticket reference/ }).fill('INC-77');
  await expect(closeButton).toBeEnabled();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
