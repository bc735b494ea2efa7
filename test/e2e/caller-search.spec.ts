// Finding and opening a caller against the demo tenant, signed in through its real sign-in page:
// search (debounced, keyboard), the read-only caller card, what each role may read, and errors.
import type { Page } from '@playwright/test';
import { agentBadge, expect, signInThroughDemoPage, test } from './fixtures';
import { expectNoSeriousViolations } from './a11y';
import { SEARCH_DEBOUNCE_MS } from '../../src/renderer/src/store/callerSlice';

// Not about Microsoft's throttling: the reports limit a second card may wait out (5 requests per 10 s,
// concepts/throttling-limits.md) is scaled to 1 s on both sides, keeping its shape. The throttled search
// below is answered 429 by an injected fault, which the scale does not touch.
test.use({ demoTenantOptions: { knobs: { throttlingTimeScale: 0.1 } }, graphTimeScale: 0.1 });

const ALEX = 'alex.cloud@contoso.com';

function searchBox(page: Page) {
  return page.getByRole('searchbox');
}

function results(page: Page) {
  return page.getByRole('list', { name: 'Search results' });
}

function callerCard(page: Page, name: string) {
  return page.getByRole('region', { name: `Caller card: ${name}` });
}

test('a Helpdesk Administrator finds a caller by name, opens the card from the keyboard, and is told methods are not readable', async ({
  demo,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

  // Ctrl+K from another screen brings the agent back to the search box.
  await page.keyboard.press('Control+4');
  await expect(searchBox(page)).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await expect(searchBox(page)).toBeFocused();

  // One character is not searched; two or more are, once typing pauses.
  const searches: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/users%3Asearch'))
      searches.push((r.postDataJSON() as { input: { text: string } }).input.text);
  });
  // The page's clock stands still while the agent types, so no pause between keys (on a loaded machine
  // the keystrokes themselves can be far apart) counts as the end of typing; then the debounce runs out.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.keyboard.type('A');
  await page.keyboard.type('lex Cloud');
  expect(searches).toEqual([]);
  await page.clock.runFor(SEARCH_DEBOUNCE_MS);
  await page.clock.resume();
  const hit = results(page).getByRole('listitem').filter({ hasText: ALEX });
  await expect(hit).toBeVisible();
  expect(searches).toEqual(['Alex Cloud']); // debounced: the whole text once, never "A" or "Al"
  await expect(page.getByRole('status').filter({ hasText: 'matched by name' })).toBeVisible();
  await expect(hit).toContainText('Enabled');
  await expect(hit).toContainText('Cloud');

  // Arrow keys move from the box into the list; Enter opens.
  await searchBox(page).press('ArrowDown');
  const items = results(page).getByRole('listitem');
  const index = (await items.allTextContents()).findIndex((t) => t.includes(ALEX));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(hit).toBeFocused();
  await page.keyboard.press('Enter');

  const card = callerCard(page, 'Alex Cloud');
  await expect(card.getByTestId('caller-upn')).toHaveText(ALEX);
  await expect(card.getByRole('heading', { name: 'Alex Cloud' })).toBeFocused();
  await expect(card).toContainText('Enabled');
  await expect(card).toContainText('Cloud');
  await expect(card.locator('dt:text-is("Last password change") + dd')).toContainText(/ago \(/);
  // What the role cannot read is said once, in the card's notice; the section (under details) points to it.
  await expect(card.getByTestId('caller-limits')).toContainText('authentication methods');
  await card.getByRole('button', { name: 'Show details' }).click();
  await expect(card.getByRole('region', { name: 'Authentication methods' })).toContainText('Not available');
  await expect(card.getByRole('list', { name: 'Registered methods' })).toHaveCount(0);
  // The results fold once a caller is open; Show unfolds them with the recent callers.
  await page.getByRole('button', { name: 'Show the results' }).click();
  await expect(page.getByRole('list', { name: 'Recent callers' })).toContainText(ALEX);
  await expectNoSeriousViolations(page);
});

test('an Authentication Administrator sees the caller’s methods, masked', async ({ demo }) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
  await expect(agentBadge(page)).toContainText('Authentication Administrator');

  await searchBox(page).fill(ALEX);
  await expect(page.getByRole('status').filter({ hasText: 'matched by UPN or mail' })).toBeVisible();
  await results(page).getByRole('listitem').filter({ hasText: ALEX }).click();

  const card = callerCard(page, 'Alex Cloud');
  await card.getByRole('button', { name: 'Show details' }).click();
  const methods = card.getByRole('list', { name: 'Registered methods' });
  await expect(methods).toContainText('Mobile');
  await expect(methods).toContainText('Email');
  await expect(methods).toContainText('•');
  await expect(card).not.toContainText("Your role cannot read this caller's authentication methods.");
  // The full phone number and email stay in main: only the masked labels reach the page.
  const user = tenant.directory.findUserByUpn(ALEX);
  const secrets = (user?.methods ?? []).flatMap((m) =>
    m.kind === 'phone' ? [m.phoneNumber] : m.kind === 'email' ? [m.emailAddress] : [],
  );
  expect(secrets.length).toBeGreaterThan(0);
  const text = (await card.textContent()) ?? '';
  for (const secret of secrets) expect(text).not.toContain(secret);
  await expectNoSeriousViolations(page);
});

test('a throttled search says Graph is busy with main’s message, and Retry searches again', async ({ demo }) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  // Every try the Graph client makes (the first and its three retries) is answered 429.
  tenant.knobs.set({
    faults: [{ pattern: '^GET /users$', fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 4 }],
  });

  await searchBox(page).fill('Alex Cloud');
  const alert = page
    .getByRole('main')
    .getByText('Microsoft Graph is busy, retrying did not help — try again in a minute');
  await expect(alert).toBeVisible();
  await expect(page.getByRole('main')).toContainText('throttled');
  await expect(page.getByRole('main')).toContainText('Microsoft Graph is throttling requests.');

  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(results(page).getByRole('listitem').filter({ hasText: ALEX })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a search with no match says so, and a caller that cannot be opened shows an error card with retry', async ({
  demo,
}) => {
  const { page } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  await searchBox(page).fill('Zzyzx Nobody');
  await expect(page.getByRole('status').filter({ hasText: 'No users match “Zzyzx Nobody”' })).toBeVisible();

  await searchBox(page).fill('Alex Cloud');
  // Opening a caller opens a call: call:open carries the card.
  await page.route('**/api/call%3Aopen', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'network', message: 'Could not reach Microsoft Graph.' } } }),
  );
  await results(page).getByRole('listitem').filter({ hasText: ALEX }).click();
  const card = callerCard(page, 'Alex Cloud');
  await expect(card).toContainText('Microsoft Graph could not be reached');
  await expect(card).toContainText('Could not reach Microsoft Graph.');
  await page.unrouteAll();
  await card.getByRole('button', { name: 'Try again' }).click();
  await expect(card.getByTestId('caller-upn')).toHaveText(ALEX);
});

test('badges and the card tell synced, disabled and never-expiring accounts apart; an employee id finds its user', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));

  await searchBox(page).fill('sam.synced@');
  const sam = results(page).getByRole('listitem').filter({ hasText: 'sam.synced@contoso.com' });
  await expect(sam).toContainText('Synced from on-premises');
  await sam.click();
  const card = callerCard(page, 'Sam Synced');
  await expect(card).toContainText('Synced from on-premises');
  await expect(card.locator('dt:text-is("Password expiry") + dd')).toHaveText(/^Never expires/);

  await searchBox(page).fill('dana.disabled@');
  const dana = results(page).getByRole('listitem').filter({ hasText: 'dana.disabled@contoso.com' });
  await expect(dana).toContainText('Disabled');
  await dana.click();
  // A second card within 10 s may wait out the reports limit (5 requests per 10 s per app per tenant,
  // concepts/throttling-limits.md): each card reads methods, registration details and audit logs.
  await expect(callerCard(page, 'Dana Disabled')).toContainText('Disabled', { timeout: 30_000 });
  // 40 days since the last change under the domain's 90-day policy.
  await expect(callerCard(page, 'Dana Disabled').locator('dt:text-is("Password expiry") + dd')).toHaveText(
    /^Expires in (49|50) days \(the domain allows 90 days\)$/,
  );

  const employeeId = tenant.directory.findUserByUpn(ALEX)?.employeeId;
  expect(employeeId).toBeTruthy();
  await searchBox(page).fill(employeeId!);
  await expect(page.getByRole('status').filter({ hasText: 'matched by employee id or phone' })).toBeVisible();
  await expect(results(page).getByRole('listitem')).toHaveCount(1);
  await expect(results(page)).toContainText(ALEX);
  // Both opened callers are remembered, newest first.
  await expect(page.getByRole('list', { name: 'Recent callers' }).getByRole('listitem')).toHaveText([
    /dana\.disabled@contoso\.com/,
    /sam\.synced@contoso\.com/,
  ]);
});
