// Team History over the browser host: two desks' audit trails reach the demo tenant's workspace through
// the real forwarder and LogsIngestionClient (test/support/teamTrail.ts); a team lead (Reports Reader)
// switches History to "Team", sees both desks' calls with their desk, filters them, opens one in the
// drawer and exports them as CSV (a job main writes to a file). A Helpdesk Administrator is told who may
// see the team's history.
import { readFileSync } from 'node:fs';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { MonitorCredential } from '../../src/main/core/auth/monitorCredential';
import { createIngestionClient } from '../../src/main/core/forwarding/clients';
import { teamTrail, type TeamTrail } from '../support/teamTrail';
import { expectNoSeriousViolations } from './a11y';
import { expect, signInThroughDemoPage, test, type DemoFixture, type HostFixture } from './fixtures';

// The demo workspace in memory, this test's own (not the file two demo desks share).
test.use({ demoTenantOptions: { monitorWorkspaceFile: null } });

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const ANNA = { agentUpn: 'anna@contoso.example', targetUpn: 'zoe.quote@contoso.example', targetName: 'Zoe Quote' };
const BEN = { agentUpn: 'ben@contoso.example', targetUpn: 'mark.lee@contoso.example', targetName: 'Mark Lee' };

function call(id: string, at: number, who: typeof ANNA, ticketRef: string): AuditEventInput[] {
  const base = { callId: id, ...who };
  const verification = { required: 1, passed: ['sms' as const], failed: [] };
  return [
    { ...base, occurredAt: at, action: 'call.opened', outcome: 'info' },
    { ...base, occurredAt: at + MIN, action: 'verify.challenge-passed', outcome: 'success', verification },
    { ...base, occurredAt: at + 2 * MIN, action: 'reset.password', outcome: 'success', ticketRef },
    {
      ...base,
      occurredAt: at + 3 * MIN,
      action: 'call.closed',
      outcome: 'info',
      verification,
      detail: { outcome: 'resolved' },
    },
  ];
}

/** Two desks' trails, sent as the agent signed in to the browser host (the demo DCR takes any agent's token). */
async function forwardTwoDesks(host: HostFixture, demo: DemoFixture): Promise<TeamTrail> {
  const m = demo.tenant.monitor;
  const session = host.host.runtime.session;
  const ingestion = createIngestionClient(m.ingestionEndpoint, new MonitorCredential(session, 'global', 'ingestion'), {
    caPem: demo.tenant.caCertPem,
  });
  const trail = teamTrail(ingestion, {
    ingestionEndpoint: m.ingestionEndpoint,
    dcrImmutableId: m.dcrImmutableId,
    streamName: m.streamName,
  });
  await trail.forward('DESK-A', call('a-1', T0, ANNA, 'INC-1001'));
  await trail.forward('DESK-B', call('b-1', T0 + 10 * MIN, BEN, 'INC-2002'));
  // A retry after a lost answer: DESK-A's rows arrive twice; the team view counts them once.
  await trail.resend('DESK-A');
  return trail;
}

async function openTeamHistory(demo: DemoFixture) {
  const { page } = demo;
  await page.keyboard.press('Control+2');
  await page.getByRole('tab', { name: 'Team' }).click();
}

const teamTable = (demo: DemoFixture) => demo.page.getByRole('table', { name: 'Team audit events' });

test('a team lead sees both desks, filters them, opens a call and exports the rows', async ({ host, demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Reports Reader'));
  const trail = await forwardTwoDesks(host, demo);
  try {
    await openTeamHistory(demo);
    // The team lead's own desk forwards too (zero-config demo): its rows may join, DESK-A's and DESK-B's are counted once.
    await expect(page.getByTestId('team-desks')).toContainText('DESK-A: 4');
    await expect(page.getByTestId('team-desks')).toContainText('DESK-B: 4');
    await expect(teamTable(demo)).toContainText('Mark Lee');
    await expect(teamTable(demo)).toContainText('Zoe Quote');
    await expectNoSeriousViolations(page);

    await page.getByLabel('Agent UPN', { exact: true }).fill(BEN.agentUpn);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('4 events from 1 desk — newest first')).toBeVisible();
    await expect(teamTable(demo)).not.toContainText('Zoe Quote');

    await teamTable(demo).getByRole('row').filter({ hasText: 'Password reset' }).first().click();
    const drawer = page.getByRole('dialog', { name: /^Mark Lee, / });
    await expect(drawer.getByRole('list', { name: 'Call events' }).getByRole('listitem')).toHaveCount(4);
    await page.keyboard.press('Escape');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('resetline-team-history.csv');
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Desk,Row,Time \(UTC\),Call,Agent,Caller/);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.startsWith('DESK-B,') && l.includes(BEN.agentUpn))).toBe(true);
    expect(lines.join('\n')).toContain('INC-2002');
    // Main wrote the file as a job; the shared job status says what became of it.
    await expect(page.getByText('Exported 4 rows; the browser saved the file.')).toBeVisible();
  } finally {
    trail.dispose();
  }
});

test('a Helpdesk Administrator is told who may see the team history', async ({ demo }) => {
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await openTeamHistory(demo);
  await expect(demo.page.getByText("Could not load the team's history")).toBeVisible();
  await expect(
    demo.page.getByText(/Only a Reports Reader, .* can see the team's history from every desk/),
  ).toBeVisible();
});

test('the desk checks show each intact desk, and the Desk filter narrows the team table', async ({ host, demo }) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Reports Reader'));
  const trail = await forwardTwoDesks(host, demo);
  try {
    await openTeamHistory(demo);
    const checks = page.getByRole('region', { name: 'Desk checks' });
    // DESK-A's rows arrived twice (a resend): still one unbroken trail.
    for (const desk of ['DESK-A', 'DESK-B']) {
      const item = checks.locator(`li[data-desk="${desk}"]`);
      await expect(item).toHaveAttribute('data-check', 'intact');
      await expect(item).toHaveText(`${desk}: trail intact, 4 events`);
    }
    await expect(teamTable(demo)).toContainText('Zoe Quote');

    await page.getByRole('combobox', { name: 'Desk', exact: true }).click();
    await page.getByRole('option', { name: 'DESK-B' }).click();
    await expect(page.getByText('4 events from 1 desk — newest first')).toBeVisible();
    await expect(teamTable(demo)).toContainText('Mark Lee');
    await expect(teamTable(demo)).not.toContainText('Zoe Quote');
    await expectNoSeriousViolations(page);
  } finally {
    trail.dispose();
  }
});
