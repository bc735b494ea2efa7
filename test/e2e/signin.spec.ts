// Agent sign-in through the demo tenant's real sign-in page (auth code + PKCE, MSAL's loopback
// listener), the agent badge with the roles read from Graph, sign-out, and the device code.
import { agentBadge, expect, signInThroughBrowserTab, test } from './fixtures';
import { expectNoSeriousViolations, screenTitle } from './a11y';

test('signed out, the agent screens show the sign-in screen while Settings stays reachable', async ({ demo }) => {
  const { page } = demo;
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  await expect(page.getByRole('main')).toContainText('Signing in to: Demo tenant');
  await expect(page.getByRole('main')).toContainText('demo accounts');
  await expect(page.getByRole('button', { name: 'Sign in with browser' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use a device code instead' })).toBeVisible();

  for (const shortcut of ['Control+2', 'Control+3', 'Control+4', 'Control+5']) {
    await page.keyboard.press(shortcut);
    await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  }
  await page.keyboard.press('Control+6');
  await expect(screenTitle(page)).toHaveText('Settings');
  await expect(agentBadge(page)).toHaveCount(0);
  await page.keyboard.press('Control+1');
  await expectNoSeriousViolations(page);
});

test('signs in as the Helpdesk Administrator through the demo page and shows the agent badge with the role', async ({
  demo,
  host,
}) => {
  const { page } = demo;
  const helpdesk = demo.agent('Helpdesk Administrator');
  await signInThroughBrowserTab(demo, helpdesk);

  const badge = agentBadge(page);
  await expect(badge).toContainText('Harper Helpdesk');
  await expect(badge.getByRole('list', { name: 'Directory roles' })).toHaveText('Helpdesk Administrator');
  // Signed in, the Caller screen replaces the sign-in screen and the search box has the focus.
  await expect(screenTitle(page)).toHaveText('Caller');
  await expect(page.getByRole('searchbox')).toBeFocused();
  // Main agrees: the session is the agent's, not just what the page shows.
  expect(host.host.runtime.session.state()).toMatchObject({
    status: 'signed-in',
    agent: { userPrincipalName: helpdesk.upn, roles: [{ displayName: 'Helpdesk Administrator' }] },
  });
});

test('sign-out asks first, then returns to the sign-in screen and forgets the agent', async ({ demo, host }) => {
  const { page } = demo;
  await signInThroughBrowserTab(demo, demo.agent('Helpdesk Administrator'));
  // Something this agent leaves on screen: a search.
  await page.getByRole('searchbox').fill('alex.cloud');
  await expect(page.getByText(/1 user/)).toBeVisible();

  await agentBadge(page).getByRole('button', { name: 'Agent menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign out of Resetline?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(agentBadge(page)).toBeVisible();

  await agentBadge(page).getByRole('button', { name: 'Agent menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out…' }).click();
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  // The menu that had focus is gone; focus lands on the screen, not the top of the page.
  await expect(page.getByRole('main')).toBeFocused();
  await expect(agentBadge(page)).toHaveCount(0);
  expect(host.host.runtime.session.state().status).toBe('signed-out');

  // The next agent finds no trace of the previous one's search.
  await signInThroughBrowserTab(demo, demo.agent('Password Administrator'));
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await expect(page.getByText(/1 user/)).toHaveCount(0);
});

test("the demo sign-in page's accounts table fits its card, and the tab MSAL shows afterwards is styled", async ({
  demo,
}) => {
  const { page, context } = demo;
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  const opened = context.waitForEvent('page');
  await page.getByRole('link', { name: 'Open the Microsoft sign-in page' }).click();
  const signInPage = await opened;
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await signInPage.setViewportSize({ width, height });
    const fits = await signInPage.evaluate(() => {
      const card = document.querySelector('main')!;
      const style = getComputedStyle(card);
      // The card's content box: the table may not run into its padding either.
      const content = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const table = document.querySelector('#demo-accounts')!;
      const cells = [...table.querySelectorAll('td')];
      return {
        content,
        table: table.getBoundingClientRect().width,
        cell: Math.max(...cells.map((td) => td.scrollWidth - td.clientWidth)),
      };
    });
    expect(fits.table, `table ${fits.table} px in a ${fits.content} px card at ${width}`).toBeLessThanOrEqual(
      fits.content,
    );
    expect(fits.cell, 'no cell overflows').toBeLessThanOrEqual(0);
  }
  const account = demo.agent('Helpdesk Administrator');
  await signInPage.fill('#username', account.upn);
  await signInPage.fill('#password', account.password);
  await signInPage.click('#submit');
  const heading = signInPage.getByRole('heading', { name: 'Signed in to Resetline' });
  await expect(heading).toBeVisible();
  // Styled: the app's font, centred in a card, not the browser's default serif page.
  expect(await heading.evaluate((h) => getComputedStyle(h).fontFamily)).toMatch(/Segoe UI|system-ui/);
  expect(await signInPage.locator('main').evaluate((m) => getComputedStyle(m).boxShadow)).not.toBe('none');
  await signInPage.close();
  await expect(agentBadge(page)).toContainText(account.upn);
});

test('a Graph call answered signed_out sends the app back to the sign-in screen', async ({ demo }) => {
  const { page } = demo;
  await signInThroughBrowserTab(demo, demo.agent('Helpdesk Administrator'));
  // As if the refresh token had been revoked in Entra while the agent worked: main answers signed_out.
  await page.route('**/api/users%3Asearch', (route) =>
    route.fulfill({
      status: 200,
      json: {
        ok: false,
        error: { code: 'signed_out', message: 'Your sign-in has expired or was revoked. Sign in again.' },
      },
    }),
  );
  await page.getByRole('searchbox').fill('Alex');
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  await expect(page.getByRole('main')).toContainText('Your sign-in has expired or was revoked. Sign in again.');
  await expect(agentBadge(page)).toHaveCount(0);
});

test('the device code flow shows the code, its page and a copy button, and can be cancelled', async ({ demo }) => {
  const { page } = demo;
  await page.getByRole('button', { name: 'Use a device code instead' }).click();
  const code = page.getByLabel('Device code');
  await expect(code).toHaveText(/^[A-Z0-9-]{6,}$/);
  const link = page.getByRole('link', { name: /\/devicelogin$/ });
  await expect(link).toHaveAttribute('href', `${demo.tenant.pagesOrigin}/devicelogin`);
  await expect(link).toHaveAttribute('target', '_blank');

  await demo.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());

  await page.getByRole('button', { name: 'Cancel' }).click();
  // Main stops at its next poll of the token endpoint; the screen then says the sign-in was cancelled.
  await expect(page.getByRole('main')).toContainText('Sign-in was cancelled.', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Sign in with browser' })).toBeVisible();
});

test('a browser sign-in can be cancelled, and a new one then starts afresh', async ({ demo }) => {
  const { page } = demo;
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  const link = page.getByRole('link', { name: 'Open the Microsoft sign-in page' });
  await expect(link).toHaveAttribute('href', new RegExp(`^${demo.tenant.pagesOrigin}/`));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('main')).toContainText('Sign-in was cancelled.');
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  await expect(page.getByRole('link', { name: 'Open the Microsoft sign-in page' })).toBeVisible();
});

test('the device code flow signs in once the code is entered on the verification page', async ({ demo }) => {
  const { page, context } = demo;
  const agent = demo.agent('Authentication Administrator');
  await page.getByRole('button', { name: 'Use a device code instead' }).click();
  const code = (await page.getByLabel('Device code').textContent()) ?? '';
  const opened = context.waitForEvent('page');
  await page.getByRole('link', { name: /\/devicelogin$/ }).click();
  const verify = await opened;
  await verify.fill('#code', code);
  await verify.click('#submit');
  await verify.fill('#username', agent.upn);
  await verify.fill('#password', agent.password);
  await verify.click('#submit');
  // Close only once the page has answered: closing it mid-navigation can stall Chromium for a minute.
  await expect(verify.getByText('You may now close this window.')).toBeVisible();
  await verify.close();
  await expect(agentBadge(page)).toContainText('Authentication Administrator', { timeout: 20_000 });
  await expect(screenTitle(page)).toHaveText('Caller');
});
