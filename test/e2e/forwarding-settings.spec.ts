// The team trail in Settings through the browser host with the real main behind it: in demo mode it is on
// with nothing configured, forwarding to the demo tenant's own workspace; after a reset the status line says
// the rows were sent and nothing waits; an administrator turns it off (confirming what changes); a Helpdesk
// Administrator sees it read-only. The demo workspace keeps its rows in memory here (no shared file).
import { callPanel, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';
import { expect, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations } from './a11y';

const ALEX = 'alex.cloud@contoso.com';

test.use({ demoTenantOptions: { monitorWorkspaceFile: null } });

test('an administrator sees the demo forwarding after a reset, then turns it off', async ({ demo, host }) => {
  const { page, tenant } = demo;
  const admin = demo.agent('Global Administrator');
  await signInThroughDemoPage(demo, admin);
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  await panel.getByRole('button', { name: /^Run/ }).click();
  await expect(panel.getByRole('button', { name: 'Reveal' })).toBeVisible();
  // The reset's row reaches the demo workspace, sent as the signed-in agent.
  await expect
    .poll(() => tenant.monitor.rows().filter((r) => r.Action === 'reset.password' && r.TargetUpn === ALEX).length, {
      timeout: 30_000,
    })
    .toBe(1);

  await page.keyboard.press('Control+6');
  const section = page.getByRole('region', { name: 'Team trail (Azure Monitor)' });
  const inUse = section.getByRole('definition');
  await expect(inUse.first()).toHaveText('On (the demo tenant’s own workspace)');
  await expect(section).toContainText(tenant.monitor.dcrImmutableId);
  await expect(section.getByRole('status', { name: 'Team trail status' })).toHaveText(
    /^Sent to the team trail .+ · backlog 0$/,
    { timeout: 30_000 },
  );
  await expectNoSeriousViolations(page);

  const form = section.getByRole('form', { name: 'Team trail' });
  await expect(form.getByRole('textbox', { name: /Data collection rule immutable id/ })).toHaveValue(
    tenant.monitor.dcrImmutableId,
  );
  // A typing mistake is refused in the schema's words, under its field, before anything is sent.
  await form.getByRole('textbox', { name: /Stream name/ }).fill('ResetlineAudit');
  await form.getByRole('button', { name: 'Save team trail' }).click();
  await expect(form.getByRole('textbox', { name: /Stream name/ })).toHaveAccessibleDescription(
    /^Enter the stream name declared in the rule, such as Custom-ResetlineAudit\./,
  );

  await form.getByRole('switch').click();
  await form.getByRole('button', { name: 'Save team trail' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn forwarding off?' });
  await expect(dialog).toContainText('Audit rows stay on this PC only');
  await dialog.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.getByRole('status', { name: 'Team trail status' })).toHaveText(
    'Off: an admin can turn it on in Settings.',
  );
  await expect(inUse.first()).toHaveText('Off');
  await expect(section).toContainText(`Set by ${admin.upn}`);
  await expect(form.getByRole('status')).toHaveText('Team trail saved.');

  // Main kept the choice and wrote who made it in the trail.
  const rows = host.host.runtime.db
    .prepare("SELECT agent_upn AS upn, detail FROM audit_events WHERE action = 'settings.changed'")
    .all() as { upn: string; detail: string }[];
  expect(rows.map((r) => ({ upn: r.upn, ...(JSON.parse(r.detail) as object) }))).toContainEqual(
    expect.objectContaining({ upn: admin.upn, setting: 'forwarding', on: false, wasOn: true }),
  );
});

test('a Helpdesk Administrator sees the team trail read-only', async ({ demo }) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+6');
  const section = page.getByRole('region', { name: 'Team trail (Azure Monitor)' });
  await expect(section.getByRole('definition').first()).toHaveText('On (the demo tenant’s own workspace)');
  await expect(section).toContainText(tenant.monitor.streamName);
  await expect(section.getByRole('status', { name: 'Team trail status' })).toBeVisible();
  await expect(section).toContainText(/Only a Global Administrator, .* can change the team trail\./);
  await expect(section.getByRole('form', { name: 'Team trail' })).toHaveCount(0);
  await expect(section.getByRole('button')).toHaveCount(0);
  await expectNoSeriousViolations(page);
});
