// Resetline within Microsoft's rules, through the real UI: a Helpdesk Administrator (roles read in full
// with RoleManagement.Read.Directory) resets a cloud and a synced user through resetPassword, confirmed
// by lastPasswordChangeDateTime since the role may not read the operation; an agent whose tenant never
// consented to RoleManagement.Read.Directory is told exactly that on sign-in; and in China's Graph,
// which has no resetPassword and no Temporary Access Pass, both are disabled before the agent tries.
import { agentBadge, expect, signInThroughDemoPage, test } from './fixtures';
import { callPanel, expectNoSeriousViolations, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';

// Not about Microsoft's throttling: the reports limit the second card may wait out (5 requests per 10 s,
// concepts/throttling-limits.md) is scaled to 1 s on both sides, keeping its shape; each describe below
// sets the same scale beside its own options.
const SCALED = { knobs: { throttlingTimeScale: 0.1 } } as const;
test.use({ demoTenantOptions: SCALED, graphTimeScale: 0.1 });

const ALEX = 'alex.cloud@contoso.com';
const SAM = 'sam.synced@contoso.com';

interface AuditRow {
  target_upn: string;
  outcome: string;
  detail: string;
}

test('a Helpdesk Administrator resets a cloud and a synced user, each confirmed, and History says the same', async ({
  demo,
  host,
}) => {
  test.setTimeout(120_000);
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  // Roles read in full (transitiveMemberOf with RoleManagement.Read.Directory), no gap shown.
  await expect(agentBadge(page).getByRole('list', { name: 'Directory roles' })).toContainText('Helpdesk Administrator');
  await expect(page.getByRole('alert', { name: 'Your roles could not be read in full' })).toHaveCount(0);

  for (const [upn, name] of [
    [ALEX, 'Alex Cloud'],
    [SAM, 'Sam Synced'],
  ] as const) {
    const user = tenant.directory.findUserByUpn(upn)!;
    await openCallByUpn(page, upn);
    const panel = callPanel(page, name);
    await verifyBySmsAndKnowledge(page, tenant, name, upn);
    await panel.getByRole('button', { name: /^Run/ }).click();
    const reset = panel
      .getByRole('list', { name: 'Action results' })
      .getByRole('listitem')
      .filter({ hasText: 'Reset password' });
    // A synced user's writeback is followed by a job (lastPasswordChangeDateTime): a few seconds here.
    await expect(reset).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    await expect(reset).toContainText('Password reset');
    await panel.getByRole('button', { name: 'Reveal' }).click();
    const password = (await panel.getByTestId('revealed-secret').textContent())!;
    expect(tenant.directory.checkPassword(user.id, password)).toBe(true);
    await panel.getByRole('button', { name: 'Close call' }).click();
    await expect(panel).toHaveCount(0);
  }

  // History (the audit trail) records a confirmed success for each, and how it was confirmed.
  const rows = host.host.runtime.db
    .prepare(`SELECT target_upn, outcome, detail FROM audit_events WHERE action = 'reset.password' ORDER BY id`)
    .all() as AuditRow[];
  for (const upn of [ALEX, SAM]) {
    const mine = rows.filter((r) => r.target_upn === upn);
    expect(mine.map((r) => r.outcome)).not.toContain('failure');
    const last = mine.at(-1)!;
    expect(last.outcome).toBe('success');
    expect(JSON.parse(last.detail)).toMatchObject({ via: 'resetPassword', confirmedBy: 'lastPasswordChange' });
  }
  await page.keyboard.press('Control+2');
  const table = page.getByRole('main').getByRole('table');
  await expect(table.getByText('Password reset').first()).toBeVisible();
  await expect(table.getByText('Accepted, not yet confirmed')).toHaveCount(0);
});

test.describe('without consent for RoleManagement.Read.Directory', () => {
  test.use({ demoTenantOptions: { ...SCALED, withheldScopes: ['RoleManagement.Read.Directory'] } });

  test('the agent signs in and is told which consent is missing and how to grant it', async ({ demo }) => {
    const { page } = demo;
    await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
    const gap = page.getByRole('alert', { name: 'Your roles could not be read in full' });
    await expect(gap).toContainText('Your roles could not be read in full');
    await expect(gap).toContainText('RoleManagement.Read.Directory');
    await expect(gap).toContainText('Grant admin consent');
    // Roles are unknown, not "none": nothing is offered that Graph might refuse.
    await expect(agentBadge(page)).toContainText('Roles unknown');
    await expectNoSeriousViolations(page);

    await page.keyboard.press('Control+6');
    const check = page.getByRole('table', { name: 'Permissions check' });
    const agentRow = check.getByRole('row').filter({ hasText: 'Sign in and read your roles' });
    await expect(agentRow).toContainText('Consent missing');
    await expect(agentRow).toContainText('Missing: RoleManagement.Read.Directory');
    await expect(check.getByRole('row').filter({ hasText: 'Find the caller' })).toContainText('Ready');
  });
});

test.describe('in China (Microsoft Graph operated by 21Vianet)', () => {
  test.use({ demoTenantOptions: { ...SCALED, cloud: 'china' } });

  test('reset and Temporary Access Pass are disabled with the reason before the agent tries them', async ({ demo }) => {
    const { page, tenant } = demo;
    await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
    await openCallByUpn(page, ALEX);
    const panel = callPanel(page, 'Alex Cloud');
    for (const action of ['resetPassword', 'issueTap'] as const) {
      await expect(panel.getByTestId(`not-allowed-${action}`)).toContainText('operated by 21Vianet (China)');
    }
    // Step 2 is folded until the caller is verified: its controls are in the page, hidden.
    await expect(panel.getByRole('checkbox', { name: 'Reset password', includeHidden: true })).toBeDisabled();
    await expect(
      panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass', includeHidden: true }),
    ).toBeDisabled();
    // Revoking sessions exists in China's Graph and stays on offer.
    await expect(panel.getByTestId('not-allowed-revokeSessions')).toHaveCount(0);
    // Nothing was sent to a path China's Graph does not have.
    expect(tenant.directory.operations.size).toBe(0);
    await expectNoSeriousViolations(page);
  });
});
