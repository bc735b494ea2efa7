// The caller flow end to end against the demo tenant: a Helpdesk Administrator verifies a cloud user
// by SMS and directory questions, resets the password and hands it over in at most seven actions;
// the user then signs in with it and must change it. Also: a refused admin target, a locked code,
// and that no secret is left in storage or on the clipboard.
import { expect, signInThroughDemoPage, test } from './fixtures';
import { agentActions, countAgentActions } from './agentActions';
import {
  callPanel,
  expectNoSecretsStored,
  expectNoSeriousViolations,
  openCallByUpn,
  verifyBySmsAndKnowledge,
} from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';

test('a Helpdesk Administrator verifies a caller by SMS and questions, resets and reveals in ≤ 7 actions, and the user must change the password', async ({
  demo,
}) => {
  const { page, tenant, context } = demo;
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  const user = tenant.directory.findUserByUpn(ALEX)!;

  // From here on every real input event Chromium delivers is counted (agentActions.ts), scrolls too.
  await countAgentActions(page);
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  await expect(panel).toContainText('2 checks required');
  // Helpdesk cannot read the registration report: no deflection offered on a guess.
  await expect(panel.getByRole('button', { name: 'Caller will self-serve' })).toHaveCount(0);
  // Helpdesk cannot read methods, so the code goes to the profile's mobile, and says so.
  await expect(panel.getByRole('group').filter({ hasText: 'SMS code' }).first()).toContainText('profile');
  // Nothing can run before verification (step 2 is folded until then: its controls are hidden).
  await expect(panel.getByRole('button', { name: /^Run/, includeHidden: true })).toBeDisabled();
  await expect(
    panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass', includeHidden: true }),
  ).toBeDisabled();
  // Helpdesk is not offered a TAP: the box is disabled, step 2 names it in one line, and the card's one
  // notice says why and who could issue one (not repeated under the box).
  await expect(panel.getByTestId('not-allowed-by-role')).toContainText('Issue a Temporary Access Pass');
  await expect(panel.getByTestId('not-allowed-issueTap')).toHaveCount(0);
  // Enabling an enabled account is nothing to ask anyone for.
  await expect(panel.getByTestId('not-allowed-enableAccount')).toHaveText('Not needed: the account is enabled.');
  await expect(page.getByTestId('caller-limits')).toContainText(
    /Issue a Temporary Access Pass: .*Who can: [^.]*Authentication Administrator/,
  );
  await expectNoSeriousViolations(page);

  const code = await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  await expect(panel.getByRole('checkbox', { name: 'Reset password' })).toBeChecked();
  await page.keyboard.press('Control+Enter');
  const results = panel.getByRole('list', { name: 'Action results' });
  await expect(results.getByRole('listitem').filter({ hasText: 'Reset password' })).toContainText('Done');
  await panel.getByRole('button', { name: 'Reveal' }).click();
  const revealed = panel.getByTestId('revealed-secret');
  await expect(revealed).not.toBeEmpty();
  const password = (await revealed.textContent())!;

  // Typing the search (+Enter), one click to send the code and ask, the code, two answers (a third
  // if one was missed), Ctrl+Enter, Reveal: counted from the input events, with no scroll among them.
  const actions = await agentActions(page);
  test.info().annotations.push({ type: 'agent actions', description: `${actions.length}: ${actions.join(', ')}` });
  expect(
    actions.filter((a) => a === 'scroll'),
    actions.join(', '),
  ).toEqual([]);
  expect(actions.length, actions.join(', ')).toBeLessThanOrEqual(7);
  expect(tenant.directory.checkPassword(user.id, password)).toBe(true);
  expect(user.forceChangePasswordNextSignIn).toBe(true);
  // Shown once: main refuses the value a second time, so no button offers it.
  await expect(panel.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // The caller signs in on the tenant's own page with the new password and is made to change it.
  const authorize = new URL(`${tenant.pagesOrigin}/${tenant.tenantId}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries({
    client_id: tenant.clientId,
    redirect_uri: 'http://localhost:9/',
    response_type: 'code',
    scope: 'openid profile',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(k, v);
  const userPage = await context.newPage();
  await userPage.goto(authorize.toString());
  await userPage.fill('#username', ALEX);
  await userPage.fill('#password', password);
  await userPage.click('#submit');
  await expect(userPage.getByRole('heading', { name: 'Update your password' })).toBeVisible();
  const chosen = `Caller-chosen ${Date.now()} Pass!`;
  await userPage.fill('#currentPassword', password);
  await userPage.fill('#newPassword', chosen);
  await userPage.fill('#confirmPassword', chosen);
  await userPage.click('#submit', { noWaitAfter: true });
  await expect.poll(() => tenant.directory.checkPassword(user.id, chosen)).toBe(true);
  expect(user.forceChangePasswordNextSignIn).toBe(false);
  await userPage.close();

  // Secrets reach the page only as the one revealed value, and are never logged.
  expect(console.filter((line) => line.includes(password) || line.includes(code))).toEqual([]);
});

test('after a call, the password and the code are in no storage, and the copied password leaves the clipboard after 30 s', async ({
  demo,
  host,
}) => {
  const { page, tenant, context } = demo;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  const code = await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  await panel.getByRole('button', { name: /^Run/ }).click();
  await panel.getByRole('button', { name: 'Reveal' }).click();
  const password = (await panel.getByTestId('revealed-secret').textContent())!;
  expect(password.length).toBeGreaterThan(8);

  await page.clock.install();
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  expect(await clipboard()).toBe(password);
  await page.clock.fastForward(29_000);
  expect(await clipboard()).toBe(password);
  await page.clock.fastForward(2_000);
  await expect.poll(clipboard).toBe('');

  await panel.getByLabel('Ticket reference').fill('INC-4242');
  await panel.getByRole('button', { name: 'Close call' }).click();
  await expect(panel).toHaveCount(0);
  // The revealed value left the page with the call.
  await expect(page.getByText(password)).toHaveCount(0);
  await expectNoSecretsStored(page, host.dataDir, [password, code]);
});

test('a Helpdesk Administrator is refused a Global Administrator target before any Graph write, with the reason and who can', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  const auditsBefore = tenant.directory.audits.length;
  await openCallByUpn(page, 'target.globaladministrator@contoso.com');
  const panel = callPanel(page, 'Target Globaladministrator');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('checkbox', { name: 'Reset password' })).toBeDisabled();
  await expect(panel.getByRole('checkbox', { name: 'Reset password' })).not.toBeChecked();
  await expect(panel.getByTestId('not-allowed-by-role')).toContainText('Reset password');
  await expect(page.getByTestId('caller-limits')).toContainText(
    /Reset password: .*Who can: [^.]*Privileged Authentication Administrator/,
  );
  await expect(panel).toContainText('2 checks required');
  // Nothing was written to the directory (Entra audits every write).
  expect(tenant.directory.audits.length).toBe(auditsBefore);
  expect(tenant.directory.findUserByUpn('target.globaladministrator@contoso.com')?.forceChangePasswordNextSignIn).toBe(
    false,
  );
});

test('five wrong codes lock the caller, the call says until when, and the History screen shows the failures', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  const sms = panel.getByRole('group').filter({ hasText: 'SMS code' }).first();
  await sms.getByRole('button', { name: /^Send code/ }).click();

  // A resend waits out its cool-down; the code's expiry counts down as text.
  const resend = sms.getByRole('button', { name: /^Resend in \d+:\d\d: Mobile/ });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^Resend in \d+:\d\d$/);
  await expect(sms.getByRole('timer')).toHaveText(/^Expires in (9|10):\d\d$/);

  // The tester reads the code in the demo outbox, as the caller would on the phone.
  await page.getByRole('button', { name: 'Demo outbox' }).click();
  const outbox = page.getByRole('list', { name: 'Sent messages' });
  await expect(outbox.getByRole('listitem').first()).toContainText(/\b\d{6,8}\b/);
  const sent = /\b(\d{6,8})\b/.exec((await outbox.getByRole('listitem').first().textContent()) ?? '')![1]!;
  expect(tenant.outbox.list({ kind: 'sms' }).at(-1)?.body).toContain(sent);
  await page.keyboard.press('Escape');
  await expect(outbox).toHaveCount(0);

  const wrong = sent === '000000' ? '111111' : '000000';
  const box = sms.getByLabel(/Code the caller reads out/);
  for (let left = 4; left >= 1; left--) {
    await box.fill(wrong);
    await box.press('Enter');
    await expect(sms).toContainText(`${left} ${left === 1 ? 'attempt' : 'attempts'} left`);
  }
  await box.fill(wrong);
  await box.press('Enter');
  // Five wrong codes lock the caller, not just this code (counted across calls): the section says since when
  // and until when, and offers no way to send a code or ask a question until then.
  await expect(panel.getByTestId('verify-lockout')).toContainText(
    /^Failed verification less than a minute ago — locked until \d{1,2}:\d\d/,
  );
  await expect(panel.getByLabel(/Code the caller reads out/)).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /^(Send code|Resend)/ })).toHaveCount(0);
  await expect(panel.getByRole('list', { name: 'Verification checks' })).toContainText('SMS code failed');
  // Closing and reopening the caller gives no fresh attempts. A second card within 10 s may wait out the
  // reports limit (concepts/throttling-limits.md).
  await page.getByRole('button', { name: 'Close the caller card' }).click();
  // A code was sent in this call: closing it asks first.
  await page
    .getByRole('alertdialog', { name: 'End the call with Alex Cloud?' })
    .getByRole('button', { name: 'End as abandoned' })
    .click();
  await openCallByUpn(page, ALEX);
  await expect(callPanel(page, 'Alex Cloud').getByTestId('verify-lockout')).toContainText(/— locked until /, {
    timeout: 30_000,
  });
  await expect(callPanel(page, 'Alex Cloud').getByRole('button', { name: /^(Send code|Resend)/ })).toHaveCount(0);

  await page.keyboard.press('Control+2');
  // In the History table itself: the filter's action options carry the same words.
  const table = page.getByRole('main').getByRole('table');
  await expect(table.getByText('Challenge locked').first()).toBeVisible();
  await expect(table.getByText('Challenge failed').first()).toBeVisible();
});
