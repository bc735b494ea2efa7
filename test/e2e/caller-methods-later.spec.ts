// The caller card never waits behind background work (issue 11, Budget): with the app's reports
// window full of background (low-priority) report reads — as a registration ingest leaves it — a
// caller opened from the search shows at once, says its sign-in methods are being read (sending a
// code waits, saying why), and fills them in when Microsoft's reports service answers.
import { background } from '../../src/main/core/graph/budget';
import { expect, signInThroughDemoPage, test } from './fixtures';
import { callPanel, expectNoSeriousViolations, openCallByUpn } from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';

// The reports window as documented (five requests per 10 s, concepts/throttling-limits.md), not the
// fixtures' shortened one: it must stay full while the card, its pending state and an axe check show.
test.use({ demoTenantOptions: { knobs: { throttlingTimeScale: 1 } } });
const REPORT = '/reports/authenticationMethods/userRegistrationDetails?$filter=userType%20eq%20%27member%27';

test('the card shows while the reports window is full; the methods and the ways to verify follow', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  // The app's own Graph client and reports budget, filled the way the ingest does (one low $batch).
  const res = (await background(host.host.runtime.session.graph())
    .api('/$batch')
    .post({ requests: ['1', '2', '3', '4', '5'].map((id) => ({ id, method: 'GET', url: REPORT })) })) as {
    responses: { status: number }[];
  };
  expect(res.responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

  await openCallByUpn(page, ALEX);
  const card = page.getByRole('region', { name: 'Caller card: Alex Cloud' });
  const panel = callPanel(page, 'Alex Cloud');
  // The card is there, its methods still being read: no code can be sent yet, and it says why.
  await expect(card.getByRole('heading', { name: 'Alex Cloud' })).toBeVisible();
  await expect(
    card.getByRole('status').filter({ hasText: 'Reading sign-in methods and registration details…' }),
  ).toBeVisible();
  const pending = panel.getByTestId('verify-methods-pending');
  await expect(pending).toContainText('Reading sign-in methods…');
  const send = pending.getByRole('button', { name: 'Send SMS code…' });
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await expect(send).toHaveAccessibleDescription(/Reading sign-in methods/);
  await expectNoSeriousViolations(page);

  // Microsoft's window frees up: the methods and the ways to verify fill in, no reload needed.
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  await expect(panel.getByRole('group').filter({ hasText: 'SMS code' }).first()).toContainText('method');
  await card.getByRole('button', { name: 'Show details' }).click();
  await expect(card.getByRole('list', { name: 'Registered methods' })).toBeVisible();
  await expect(card.getByText('Reading sign-in methods')).toHaveCount(0);
});
