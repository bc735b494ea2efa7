// Issue 15's team trail end to end, with nothing seeded: two agents at two desks (two browser hosts, two
// data folders) each reset a caller's password through the real UI, their desks forward the audit rows
// on their own (the demo's zero-config forwarding) to the one team workspace, and a team lead at a third
// desk sees both resets in History → Team, filters them by agent and by desk, and exports them as CSV.
// Then someone at desk B cuts the reset out of that PC's trail with SQLite while Resetline is closed; the
// next sign-in there forwards new rows under the cut rows' numbers, and the team lead's desk checks flag
// desk B as rewritten while desk A stays intact.
import { readFileSync } from 'node:fs';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { rewindTrailBefore } from '../support/rewindTrail';
import { callPanel, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';
import { signInThroughBrowserTab, signInThroughDemoPage } from './fixtures';
import { expect, test, type Desk, type Desks } from './teamFixtures';

const A = { role: 'Helpdesk Administrator', caller: 'alex.cloud@contoso.com', name: 'Alex Cloud' };
const B = { role: 'Password Administrator', caller: 'evan.expired@contoso.com', name: 'Evan Expired' };

/**
 * Signs the agent in through the sign-in page in a browser tab, as agents do; opens the caller's call,
 * verifies them (SMS code and questions), resets, reveals the password and closes the call.
 */
async function resetAndHandOver(desk: Desk, who: typeof A): Promise<void> {
  const { page, tenant } = desk;
  await signInThroughBrowserTab(desk, desk.agent(who.role));
  await openCallByUpn(page, who.caller);
  const panel = callPanel(page, who.name);
  await verifyBySmsAndKnowledge(page, tenant, who.name, who.caller);
  await panel.getByRole('button', { name: /^Run/ }).click();
  const results = panel.getByRole('list', { name: 'Action results' }).filter({ visible: true });
  await expect(results.getByRole('listitem').filter({ hasText: 'Reset password' })).toContainText('Done');
  await panel.getByRole('button', { name: 'Reveal' }).click();
  const password = (await panel.getByTestId('revealed-secret').textContent()) ?? '';
  const user = tenant.directory.findUserByUpn(who.caller)!;
  expect(tenant.directory.checkPassword(user.id, password)).toBe(true);
  await expect(panel.getByLabel('Outcome')).toHaveValue('resolved');
  await panel.getByRole('button', { name: 'Close call' }).click();
  await expect(panel).toHaveCount(0);
}

/** Waits until the workspace holds every row of the desk's trail as it stands now (each RowId once at least). */
async function expectTrailForwarded(desks: Desks, desk: Desk): Promise<number> {
  const last = desk.host.runtime.db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
  await expect
    .poll(
      () =>
        new Set(
          desks
            .workspaceRows()
            .filter((r) => r.Kind === 'event' && r.Desk === desk.name && Number(r.RowId) <= last)
            .map((r) => Number(r.RowId)),
        ).size,
      { message: `${desk.name}'s rows 1–${last} in the workspace` },
    )
    .toBe(last);
  return last;
}

/** The desk's RowIds the workspace holds with more than one Hash (what a rewrite leaves there). */
function conflictingRows(desks: Desks, desk: Desk): number[] {
  const hashes = new Map<number, Set<unknown>>();
  for (const r of desks.workspaceRows()) {
    if (r.Kind !== 'event' || r.Desk !== desk.name) continue;
    const id = Number(r.RowId);
    hashes.set(id, (hashes.get(id) ?? new Set()).add(r.Hash));
  }
  return [...hashes].filter(([, h]) => h.size > 1).map(([id]) => id);
}

async function exportCsv(page: Page): Promise<string[]> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('resetline-team-history.csv');
  return readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
}

/** "N events from 1 desk — newest first": the N. */
async function shownEvents(page: Page, desks: number): Promise<number> {
  const status = page.getByText(new RegExp(`^\\d+ events? from ${desks} desks? — newest first$`));
  await expect(status).toBeVisible();
  return Number(/^\d+/.exec((await status.textContent()) ?? '')?.[0]);
}

async function applyFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apply filters' }).click();
}

/** The page at both sizes the app is checked at, scrolled to `focus`, attached to the report. */
async function shoot(page: Page, focus: Locator, info: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await focus.scrollIntoViewIfNeeded();
    const path = info.outputPath(`${name}-${width}x${height}.png`);
    await page.screenshot({ path });
    await info.attach(`${name}-${width}x${height}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('two desks reset callers, the team lead sees, filters and exports both, and a rewritten desk is flagged', async ({
  desks,
}, info) => {
  // Three apps and three sign-ins through the demo pages, two resets, one app restarted.
  test.setTimeout(240_000);
  const [deskA, firstB, lead] = await Promise.all([desks.open(), desks.open(), desks.open()]);
  // Three desks of one tenant (the same seeded demo tenant and workspace at each), each its own desk name.
  const workspaces = new Set([deskA, firstB, lead].map((d) => `${d.tenant.tenantId}|${d.tenant.monitor.workspaceId}`));
  expect(workspaces.size).toBe(1);
  expect(new Set([deskA.name, firstB.name, lead.name]).size).toBe(3);
  let deskB = firstB;
  const agentA = deskA.agent(A.role);
  const agentB = deskB.agent(B.role);
  expect(agentA.upn).not.toBe(agentB.upn);

  await test.step('each agent resets a caller at their own desk, and each desk forwards its trail', async () => {
    await Promise.all([resetAndHandOver(deskA, A), resetAndHandOver(deskB, B)]);
    await Promise.all([expectTrailForwarded(desks, deskA), expectTrailForwarded(desks, deskB)]);
  });

  const { page } = lead;
  const table = page.getByRole('table', { name: 'Team audit events' });
  const agentFilter = page.getByLabel('Agent UPN', { exact: true });
  const deskChecks = page.getByRole('region', { name: 'Desk checks' });
  const deskCheck = (desk: Desk) => deskChecks.getByRole('listitem').and(page.locator(`[data-desk="${desk.name}"]`));

  await test.step('the team lead sees both resets, filters by agent and exports', async () => {
    // The team lead's sign-in (and agent B's second one) takes the fixtures' HTTP path to the same pages.
    await signInThroughDemoPage(lead, lead.agent('Reports Reader'));
    await page.keyboard.press('Control+2');
    await page.getByRole('tab', { name: 'Team' }).click();
    const perDesk = page.getByTestId('team-desks');
    await expect(perDesk).toContainText(`${deskA.name}: `);
    await expect(perDesk).toContainText(`${deskB.name}: `);
    for (const who of [A, B]) {
      const row = table.getByRole('row').filter({ hasText: who.name }).filter({ hasText: 'Password reset' });
      await expect(row).toHaveCount(1);
    }
    await expect(table.getByRole('row').filter({ hasText: agentA.upn }).first()).toContainText(deskA.name);
    await expect(table.getByRole('row').filter({ hasText: agentB.upn }).first()).toContainText(deskB.name);
    // Nothing has touched either trail yet.
    await expect(deskCheck(deskA)).toHaveAttribute('data-check', 'intact');
    await expect(deskCheck(deskB)).toHaveAttribute('data-check', 'intact');

    await agentFilter.fill(agentB.upn);
    await applyFilters(page);
    const events = await shownEvents(page, 1);
    await expect(table).toContainText(B.name);
    await expect(table).not.toContainText(A.name);

    const lines = await exportCsv(page);
    expect(lines[0]).toMatch(/^Desk,Row,Time \(UTC\),Call,Agent,Caller/);
    expect(lines).toHaveLength(1 + events);
    expect(lines.slice(1).every((l) => l.startsWith(`${deskB.name},`) && l.includes(agentB.upn))).toBe(true);
    expect(lines.filter((l) => l.includes(`,${B.caller},reset.password,success,`))).toHaveLength(1);
  });

  await test.step("someone at desk B cuts the reset out of that PC's trail; its next rows are forwarded", async () => {
    const forwarded = await expectTrailForwarded(desks, deskB);
    await desks.stop(deskB);
    const rewind = rewindTrailBefore(deskB.databaseFile, 'reset.password');
    expect(rewind.keptUpTo + rewind.removed).toBe(forwarded);
    expect(conflictingRows(desks, deskB)).toEqual([]);
    // Resetline opened again at that PC: the cut call is closed as left open, the agent signs in, and the
    // desk forwards its rows from where its (wound back) outbox says, under the numbers the cut rows had.
    deskB = await desks.start(deskB);
    await signInThroughDemoPage(deskB, agentB);
    await expect.poll(() => conflictingRows(desks, deskB)).toContain(rewind.keptUpTo + 1);
    // The PC's own check finds nothing wrong: the cut was made with the links, anchor and checkpoints.
    await deskB.page.keyboard.press('Control+2');
    await expect(deskB.page.getByText(/^Audit trail intact \(/)).toBeVisible();
  });

  await test.step("the team lead's desk checks flag desk B as rewritten and desk A intact", async () => {
    await agentFilter.fill('');
    await applyFilters(page);
    // Still on the Team view: no alert yet (the checks ran before the rewrite). History's Refresh
    // checks the desks again with the rows.
    const alert = page.getByRole('alert').filter({ hasText: 'did not check out' });
    await expect(alert).toHaveCount(0);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(deskCheck(deskB)).toHaveAttribute('data-check', 'rewritten');
    await expect(deskCheck(deskA)).toHaveAttribute('data-check', 'intact');
    // The top of the view says so, names the desk, and leads to its line.
    await expect(alert).toContainText(deskB.name);
    await expect(alert).not.toContainText(deskA.name);
    await alert.getByRole('button', { name: 'Show the desk checks' }).click();
    await expect(deskChecks).toBeFocused();
    // Coming back to History later checks them again on the visit, with the same verdicts.
    await page.keyboard.press('Control+1');
    await expect(page.getByRole('region', { name: 'Desk checks' })).toHaveCount(0);
    await page.keyboard.press('Control+2');
    await expect(page.getByRole('tab', { name: 'Team', selected: true })).toBeVisible();
    await expect(deskCheck(deskB)).toHaveAttribute('data-check', 'rewritten');
    await shoot(page, deskChecks, info, 'team-lead-desk-checks');
  });

  await test.step('the Desk filter narrows the team view and its export to one desk', async () => {
    await page.getByRole('combobox', { name: 'Desk' }).click();
    await page.getByRole('option', { name: deskA.name }).click();
    await applyFilters(page);
    const events = await shownEvents(page, 1);
    await expect(table).toContainText(A.name);
    await expect(table).not.toContainText(B.name);
    const lines = await exportCsv(page);
    expect(lines).toHaveLength(1 + events);
    expect(lines.slice(1).every((l) => l.startsWith(`${deskA.name},`))).toBe(true);
    expect(lines.filter((l) => l.includes(`,${A.caller},reset.password,success,`))).toHaveLength(1);
  });
});
