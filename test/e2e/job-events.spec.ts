// A History export followed by push events in Chromium, over the browser host's event stream: the tab
// opens the stream with a one-time ticket, the progress bar moves with `jobs:progress` events (several
// counts between none and all), and the finished export is confirmed by a single jobs:get — polling
// alone (once a second) could not show those counts without reading the job more often.
import { readFileSync } from 'node:fs';
import { appendAuditEvents } from '../../src/main/core/audit';
import type { AuditEventInput } from '../../src/main/core/audit/rows';
import { expect, signInThroughDemoPage, test } from './fixtures';

const ROWS = 40_000;
const AGENT = 'streamed.agent@contoso.example';

function rows(): AuditEventInput[] {
  const start = Date.UTC(2026, 0, 5, 8);
  return Array.from({ length: ROWS }, (_, i) => ({
    occurredAt: start + i * 1_000,
    callId: `call-${Math.floor(i / 4)}`,
    agentUpn: AGENT,
    targetUpn: 'adele.vance@contoso.example',
    targetName: 'Adele Vance',
    action: 'call.opened' as const,
    outcome: 'info' as const,
  }));
}

test('a History export shows its progress from events and finishes', async ({ host, page, demo }) => {
  test.setTimeout(120_000);
  const seeded = rows();
  for (let i = 0; i < seeded.length; i += 10_000) appendAuditEvents(host.host.runtime.db, seeded.slice(i, i + 10_000));
  const jobReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/api/${encodeURIComponent('jobs:get')}`)) jobReads.push(request.url());
  });
  // A stream that opened (200). Not merely the first answer: signing in ends the page's first stream, and
  // EventSource then retries the same one-time ticket (a 401) before the app asks for a new one.
  const streamOpened = page.waitForResponse(
    (response) => /\/events\?ticket=[0-9a-f]{64}$/.test(response.url()) && response.status() === 200,
  );

  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await page.keyboard.press('Control+2');
  await page.getByLabel('Agent UPN', { exact: true }).fill(AGENT);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await streamOpened;

  // Every progress line the page shows, as it shows it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const line = /([\d,]+) of ([\d,]+) rows written/.exec(document.body.innerText)?.[0];
      if (line && seen.at(-1) !== line) seen.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  const download = await downloading;
  await expect(
    page.getByText(`Exported ${ROWS.toLocaleString('en-US')} rows; the browser saved the file.`),
  ).toBeVisible();
  const csv = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv).toHaveLength(1 + ROWS);

  const shown = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const between = shown
    .map((line) => Number(/^([\d,]+)/.exec(line)![1]!.replaceAll(',', '')))
    .filter((done) => done > 0 && done < ROWS);
  expect(between.length, `progress shown: ${shown.join(' | ')}`).toBeGreaterThanOrEqual(1);
  expect(between).toEqual([...between].sort((a, b) => a - b));
  // The final state is confirmed once; nothing polled while events came.
  expect(jobReads).toHaveLength(1);
});
