// The SMS provider form (Settings) through the browser host with the real main behind it. A real
// tenant's provider can only be set by an administrator signed in to that tenant, which no test here
// can be; so the test signs in to the demo tenant as its Global Administrator and then points the
// stored tenant selection (in the real tenant's store, runtime.settingsDb) at a real cloud underneath
// the live session (settings:update would sign out). Everything after that is real: the form, main's
// admin check, the ACS host check, the sealed/in-memory key store, the view.
import { setTenantSettings } from '../../src/main/core/settings/settings';
import { expect, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations } from './a11y';

const KEY = Buffer.alloc(32, 5).toString('base64');
const CONNECTION = `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${KEY}`;
const ELSEWHERE = `endpoint=https://sms.example.net/;accesskey=${KEY}`;

test('an administrator sets the ACS provider; the key never comes back and is not stored in plaintext', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  await page.keyboard.press('Control+6');
  const section = page.getByRole('region', { name: 'Text messages (SMS codes)' });
  await expect(section).toContainText('The demo tenant sends text messages to its own outbox');

  setTenantSettings(host.host.runtime.settingsDb, {
    cloud: 'global',
    tenantId: 'contoso.onmicrosoft.com',
    clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
  });
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+6');
  await expect(section).toContainText('No SMS provider: agents cannot send codes by text message');

  const form = section.getByRole('form', { name: 'SMS provider' });
  // Without a key and with a malformed number: the schema's words, nothing sent.
  await form.getByRole('textbox', { name: 'Sender number (E.164)' }).fill('0800 555');
  await form.getByRole('button', { name: 'Save SMS provider' }).click();
  await expect(form.getByRole('textbox', { name: 'Sender number (E.164)' })).toHaveAccessibleDescription(
    'A phone number in E.164 form, e.g. +18005550100.',
  );

  // An endpoint that is not an Azure Communication Services host of the tenant's cloud: refused by main,
  // its words under the field, nothing stored.
  await form.getByLabel('Azure Communication Services connection string').fill(ELSEWHERE);
  await form.getByRole('textbox', { name: 'Sender number (E.164)' }).fill('+18005550100');
  await form.getByRole('button', { name: 'Save SMS provider' }).click();
  await expect(form.getByLabel('Azure Communication Services connection string')).toHaveAccessibleDescription(
    /^The endpoint must be an Azure Communication Services resource in Microsoft Entra ID \(global\), https:\/\/<resource>\.communication\.azure\.com; sms\.example\.net is not one\./,
  );
  await expect(section).toContainText('No SMS provider');

  await form.getByLabel('Azure Communication Services connection string').fill(CONNECTION);
  await form.getByRole('button', { name: 'Save SMS provider' }).click();
  await expect(form.getByRole('status')).toHaveText('SMS provider saved.');
  const shown = section.getByRole('definition');
  await expect(shown.first()).toHaveText('contoso-acs.communication.azure.com');
  await expect(section).toContainText('kept in memory only');
  await expect(form.getByLabel('Azure Communication Services connection string')).toHaveValue('');
  await expect(page.locator('body')).not.toContainText(KEY);
  await expectNoSeriousViolations(page);

  // Nothing in the database holds the key; the number is there.
  const db = host.host.runtime.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db.prepare('SELECT value FROM settings').all() as { value: string }[];
  expect(JSON.stringify(rows)).not.toContain(KEY);
  expect(JSON.stringify(rows)).toContain('+18005550100');
});

test('an agent sees the provider but no form', async ({ demo, host }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  setTenantSettings(host.host.runtime.settingsDb, {
    cloud: 'global',
    tenantId: 'contoso.onmicrosoft.com',
    clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
  });
  await page.keyboard.press('Control+6');
  const section = page.getByRole('region', { name: 'Text messages (SMS codes)' });
  await expect(section).toContainText('Only a Global Administrator, Privileged Authentication Administrator or');
  await expect(section.getByRole('form', { name: 'SMS provider' })).toHaveCount(0);
});
