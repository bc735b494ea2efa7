// A call's life on the Caller screen, in Chromium against the browser host and its demo tenant:
// looking at callers records nothing; leaving a call that sent a code asks first; a reload offers the
// open call back; closing it defaults the outcome from what happened, confirms with a toast and
// readies the search for the next caller; a synced reset shows what it waits for, and the agent may
// stop waiting (the outcome is then unknown, and no password is shown).
import type { Page, TestInfo } from '@playwright/test';
import { expect, signInThroughDemoPage, test, type HostFixture } from './fixtures';
import { callPanel, expectNoSeriousViolations, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';
const SAM = 'sam.synced@contoso.com';

// These tests open caller after caller: each card reads report resources, and Microsoft's reports limit
// (5 requests per 10 s, enforced by the demo tenant) would make the third card wait for the window.
// That wait is tested elsewhere; here the window is scaled to 1 s on both sides.
test.use({ demoTenantOptions: { knobs: { throttlingTimeScale: 0.1 } }, graphTimeScale: 0.1 });

/** The audit rows of calls, oldest first, straight from the host's SQLite file. */
function callRows(host: HostFixture): { callId: string; action: string; detail: Record<string, unknown> }[] {
  const rows = host.host.runtime.db
    .prepare('SELECT call_id AS callId, action, detail FROM audit_events WHERE call_id IS NOT NULL ORDER BY id')
    .all() as { callId: string; action: string; detail: string }[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** Whether the page cancels a beforeunload event (the browser then asks before leaving). */
function warnsBeforeLeaving(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    const path = info.outputPath(`${name}-${width}x${height}.png`);
    await page.screenshot({ path });
    await info.attach(`${name}-${width}x${height}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('looking at callers records nothing; leaving a call that sent a code asks first', async ({ demo, host }, info) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, ALEX);
  const alex = callPanel(page, 'Alex Cloud');
  await expect(alex).toBeVisible();
  // Questions wait for the agent.
  await expect(alex.getByRole('button', { name: 'Ask a question' })).toBeVisible();
  await expect(alex.getByRole('form', { name: 'Knowledge question' })).toHaveCount(0);

  // Another caller, then the card's close button: no question asked, nothing recorded.
  await openCallByUpn(page, SAM);
  await expect(callPanel(page, 'Sam Synced')).toBeVisible();
  await page.getByRole('button', { name: 'Close the caller card' }).click();
  await expect(callPanel(page, 'Sam Synced')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(callRows(host)).toEqual([]);

  // A code sent: another caller waits for the agent's answer, and Keep leaves the call as it was.
  await openCallByUpn(page, ALEX);
  const sms = alex.getByRole('group').filter({ hasText: 'SMS code' }).first();
  await sms.getByRole('button', { name: /^Send code/ }).click();
  await expect(sms.getByLabel(/Code the caller reads out/)).toBeFocused();
  await openCallByUpn(page, SAM);
  const ask = page.getByRole('alertdialog', { name: 'End the call with Alex Cloud?' });
  await expect(ask).toContainText('A code was sent');
  await expectNoSeriousViolations(page);
  await shoot(page, info, 'abandon-confirmation');
  await ask.getByRole('button', { name: 'Keep the call' }).click();
  await expect(ask).toHaveCount(0);
  await expect(alex).toBeVisible();
  await expect(callPanel(page, 'Sam Synced')).toHaveCount(0);

  // The card's close button asks too; ending it records the call as abandoned.
  await page.getByRole('button', { name: 'Close the caller card' }).click();
  await ask.getByRole('button', { name: 'End as abandoned' }).click();
  await expect(alex).toHaveCount(0);
  await expect
    .poll(() => callRows(host).map((r) => r.action))
    .toEqual(['call.opened', 'verify.challenge-sent', 'call.closed']);
  expect(callRows(host)[2]!.detail).toMatchObject({ outcome: 'abandoned' });
});

test('a reload offers the open call back; closing it defaults to Resolved, confirms, and readies the search', async ({
  demo,
  host,
}, info) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, ALEX);
  await expect(callPanel(page, 'Alex Cloud')).toBeVisible();
  // Only looked at: nothing to lose, no warning.
  expect(await warnsBeforeLeaving(page)).toBe(false);
  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);

  // The tab warns before it goes away with this call open (Chromium shows its "Leave site?" question
  // for a cancelled beforeunload); the agent reloads anyway, and the browser host hands the reloaded
  // tab a fresh one-time address.
  expect(await warnsBeforeLeaving(page)).toBe(true);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  // The one-time address differs only in its #fragment: the page is left first, so it really loads again.
  await page.goto('about:blank');
  expect(dialogs).toEqual(['beforeunload']);
  await page.goto(host.url);
  const offer = page.getByRole('alertdialog', {
    name: 'Resume the call with Alex Cloud (verified 2 of 2, a code sent)?',
  });
  await expect(offer).toBeVisible();
  await expectNoSeriousViolations(page);
  await shoot(page, info, 'resume-offer');
  await offer.getByRole('button', { name: 'Resume the call' }).click();
  const panel = callPanel(page, 'Alex Cloud');
  await expect(
    panel
      .getByText(/^Verified:/)
      .filter({ visible: true })
      .first(),
  ).toBeVisible();

  await panel.getByRole('button', { name: /^Run/ }).click();
  const results = panel.getByRole('list', { name: 'Action results' }).filter({ visible: true });
  await expect(results.getByRole('listitem').filter({ hasText: 'Reset password' })).toContainText('Done');
  await panel.getByRole('button', { name: 'Reveal' }).click();
  await expect(panel.getByTestId('revealed-secret')).not.toBeEmpty();
  await expect(panel.getByLabel('Outcome')).toHaveValue('resolved');
  await panel.getByRole('button', { name: 'Close call' }).click();

  await expect(panel).toHaveCount(0);
  // The toast, and the same words for screen readers in Fluent's live region.
  // (The live region's copy may come and go with the toast's own timer, so the visible toast is what counts.)
  const toast = page.getByText('Call with Alex Cloud closed: Resolved');
  await expect(toast.first()).toBeVisible();
  await shoot(page, info, 'closed-toast');
  const search = page.getByRole('searchbox');
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  const closed = callRows(host).filter((r) => r.action === 'call.closed');
  expect(closed).toHaveLength(1);
  expect(closed[0]!.detail).toMatchObject({ outcome: 'resolved' });
  // One call, resumed: nothing else was opened in the trail.
  expect(callRows(host).filter((r) => r.action === 'call.opened')).toHaveLength(1);
});

test('a synced reset says what it waits for and for how long', async ({ demo }, info) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, SAM);
  const panel = callPanel(page, 'Sam Synced');
  await verifyBySmsAndKnowledge(page, tenant, 'Sam Synced', SAM);
  await panel.getByRole('button', { name: /^Run/ }).click();
  const waiting = panel.getByText(/^Waiting for Microsoft to confirm — \d+ s$/).filter({ visible: true });
  await expect(waiting).toBeVisible();
  // Main answered at once and follows the writeback as a job: the agent may stop waiting.
  await expect(panel.getByRole('button', { name: 'Stop waiting' })).toBeVisible();
  await shoot(page, info, 'synced-progress');
  const reset = panel
    .getByRole('list', { name: 'Action results' })
    .filter({ visible: true })
    .getByRole('listitem')
    .filter({ hasText: 'Reset password' });
  await expect(reset).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(waiting).toHaveCount(0);
});

test('stopping the wait for a synced reset says its outcome is unknown and shows no password', async ({
  demo,
  host,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openCallByUpn(page, SAM);
  const panel = callPanel(page, 'Sam Synced');
  await verifyBySmsAndKnowledge(page, tenant, 'Sam Synced', SAM);
  // The writeback never finishes: only the agent can end the wait.
  tenant.knobs.set({ faults: [{ pattern: 'resetPassword$', fault: { kind: 'reset-operation-hangs' }, times: 1 }] });
  await panel.getByRole('button', { name: /^Run/ }).click();
  await panel.getByRole('button', { name: 'Stop waiting' }).click();
  const reset = panel
    .getByRole('list', { name: 'Action results' })
    .filter({ visible: true })
    .getByRole('listitem')
    .filter({ hasText: 'Reset password' });
  await expect(reset).toHaveAttribute('data-status', 'failed');
  await expect(reset).toContainText('The reset was already sent and may still take effect');
  await expect(panel.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  await expect(panel.getByText(/^Waiting for Microsoft to confirm/)).toHaveCount(0);
  // The trail: the intent before the reset, then one outcome saying it is unknown.
  const rows = callRows(host).filter(
    (r) => r.action === 'reset.password' || (r.action === 'reset.requested' && r.detail.action === 'reset.password'),
  );
  expect(rows.map((r) => r.action)).toEqual(['reset.requested', 'reset.password']);
  expect(rows[1]!.detail).toMatchObject({ error: 'outcome_unknown', stopped: 'stopped' });
});
