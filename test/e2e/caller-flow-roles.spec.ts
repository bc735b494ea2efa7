// The caller flow by target and by agent role: a synced user's reset is pending (followed by its
// password-writeback job) until writeback finishes; an Authentication Administrator issues a TAP; a reader is offered the self-service
// deflection for a caller who could reset the password themselves.
import { expect, signInThroughDemoPage, test } from './fixtures';
import {
  callPanel,
  expectNoSecretsStored,
  expectNoSeriousViolations,
  openCallByUpn,
  verifyBySmsAndKnowledge,
} from './callerFlow';
// The self-service page Microsoft hosts for every tenant.
const SELF_SERVICE_URL = 'https://passwordreset.microsoftonline.com/';

const ALEX = 'alex.cloud@contoso.com';
const SAM = 'sam.synced@contoso.com';

test('a synced user’s reset shows pending at once, is followed until done, and only then is handed over (by SMS to the proved phone)', async ({
  demo,
}) => {
  test.setTimeout(90_000);
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, SAM);
  const panel = callPanel(page, 'Sam Synced');
  await verifyBySmsAndKnowledge(page, tenant, 'Sam Synced', SAM);
  // Writeback stays "running" until the test lets the on-premises agent finish: main answers pending at
  // once and follows it as a job, which the page must show and follow.
  tenant.knobs.set({
    faults: [{ pattern: 'resetPassword$', fault: { kind: 'reset-operation-hangs' }, times: 1 }],
  });
  await panel.getByRole('button', { name: /^Run/ }).click();

  const reset = panel
    .getByRole('list', { name: 'Action results' })
    .getByRole('listitem')
    .filter({ hasText: 'Reset password' });
  await expect(reset).toHaveAttribute('data-status', 'pending');
  await expect(reset).toContainText('Accepted, not yet confirmed');
  await expect(panel.getByRole('button', { name: 'Stop waiting' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Reveal' })).toBeDisabled();
  await expect(panel).toContainText('Available once the action is done.');
  const user = tenant.directory.findUserByUpn(SAM)!;
  const operation = [...tenant.directory.operations.values()].find((op) => op.userId === user.id);
  expect(operation?.applied).toBe(false);
  operation!.outcome = 'succeed';
  // Followed without the agent doing anything, until the on-premises agent reports success.
  await expect(reset).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(panel.getByRole('button', { name: 'Stop waiting' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Reveal' })).toBeEnabled();
  // The caller proved this phone in the call, so the password can go there instead of being read out.
  const before = tenant.outbox.list({ kind: 'sms' }).length;
  await panel.getByRole('button', { name: 'Send by SMS' }).click();
  await expect(panel.getByRole('status').filter({ hasText: /^Sent to / })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  const sent = tenant.outbox.list({ kind: 'sms' }).slice(before);
  expect(sent).toHaveLength(1);
  const password = sent[0]!.body
    .split(/\s+/)
    .map((w) => w.replace(/[.,;]$/, ''))
    .find((w) => tenant.directory.checkPassword(user.id, w));
  expect(password).toBeDefined();
  // The page never showed it: it went to the phone only.
  expect((await panel.textContent()) ?? '').not.toContain(password);
});

test('an Authentication Administrator issues a one-time TAP within policy, hands it over once, and nothing is stored', async ({
  demo,
  host,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  const code = await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);

  // A typed password is scored live by main; a weak one cannot be run.
  const run = panel.getByRole('button', { name: /^Run/ });
  await panel.getByRole('radio', { name: 'Type one' }).check();
  await panel.getByRole('textbox', { name: 'Password to set' }).fill('password1');
  await expect(panel.getByText(/Too easy to guess/)).toBeVisible();
  await expect(run).toBeDisabled();
  await panel.getByRole('textbox', { name: 'Password to set' }).fill('Granite-Lantern-Orbit-59');
  await expect(panel.getByText(/meets Microsoft's rules/)).toBeVisible();
  await expect(run).toBeEnabled();
  await panel.getByRole('checkbox', { name: 'Reset password' }).uncheck();

  // A destructive action asks first; Esc backs out and nothing runs.
  await panel.getByRole('checkbox', { name: /Sign out everywhere/ }).check();
  await page.keyboard.press('Control+Enter');
  const confirm = page.getByRole('dialog', { name: 'Confirm' });
  await expect(confirm).toContainText('cannot be undone');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByRole('list', { name: 'Action results' })).toHaveCount(0);
  await panel.getByRole('checkbox', { name: /Sign out everywhere/ }).uncheck();

  await panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass' }).check();
  await expect(panel.getByRole('checkbox', { name: 'Usable once' })).toBeChecked();
  await panel.getByLabel('Lifetime (minutes)').fill('60');
  await page.keyboard.press('Control+Enter');
  const tapResult = panel.getByRole('list', { name: 'Action results' }).getByRole('listitem');
  await expect(tapResult).toHaveCount(1);
  await expect(tapResult).toContainText('Done');
  const handover = panel.getByRole('group', { name: 'Temporary Access Pass' });
  await handover.getByRole('button', { name: 'Reveal' }).click();
  const tap = (await handover.getByTestId('revealed-secret').textContent())!;
  const user = tenant.directory.findUserByUpn(ALEX)!;
  expect(tenant.directory.usableTemporaryAccessPass(user.id)?.temporaryAccessPass).toBe(tap);
  await expectNoSeriousViolations(page);

  await panel.getByRole('button', { name: 'Close call' }).click();
  await expect(panel).toHaveCount(0);
  await expectNoSecretsStored(page, host.dataDir, [tap, code]);
});

test('a reader agent is offered the self-service deflection for an SSPR-capable caller, and one click closes the call', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Global Reader'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  const banner = panel.getByText('Alex Cloud can reset the password themselves');
  await expect(banner).toBeVisible();
  await expect(panel.getByRole('link', { name: SELF_SERVICE_URL })).toHaveAttribute('href', SELF_SERVICE_URL);
  await expectNoSeriousViolations(page);
  const writes = tenant.directory.audits.length;
  await panel.getByRole('button', { name: 'Caller will self-serve' }).click();
  await expect(panel).toHaveCount(0);
  expect(tenant.directory.audits.length).toBe(writes);
  await page.keyboard.press('Control+2');
  // The History table (not the filter's options, which name every action) shows the deflection.
  await expect(
    page
      .getByRole('main')
      .getByRole('table')
      .getByText(/self-serv/i)
      .first(),
  ).toBeVisible();
});
