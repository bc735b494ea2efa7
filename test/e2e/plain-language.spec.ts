// Plain language on the search boxes, against the demo tenant through the browser host: Registration
// finds any word of a name or UPN, says a too-long search is too long (never "no snapshot") without a
// "Try again" that would send it again; the caller search finds a phone number typed in another format
// than the directory stores (without its country code too), says nothing matches an emoji, and takes
// no more than main does, saying so when a paste is cut.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations, screenTitle } from './a11y';
import { expect, signInThroughDemoPage, test } from './fixtures';

const count = (n: number) => n.toLocaleString('en-US');
const matches = (n: number) =>
  n === 0 ? 'No users match the filter.' : `${count(n)} ${n === 1 ? 'user matches' : 'users match'}`;
/** The words a person is found by: their name's and their UPN's before the "@", split at anything but a letter or digit. */
const wordsOf = (name: string, upn: string) => `${name} ${upn.split('@')[0]}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);

async function searchRegistration(page: Page, text: string) {
  await page.getByLabel('Search name or UPN').fill(text);
}

test('Registration finds any word of a name or UPN and says a long search is too long', async ({ demo }) => {
  test.setTimeout(90_000);
  const { page, tenant } = demo;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInThroughDemoPage(demo, demo.agent('Global Reader'));
  await page.keyboard.press('Control+4');
  await expect(screenTitle(page)).toHaveText('Registration');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  const users = tenant.directory.users;
  await expect(page.getByText(`Snapshot of ${count(users.length)} users taken`)).toBeVisible({ timeout: 30_000 });

  // A surname alone (not the start of the display name) finds its people; so does the start of it.
  const person = users.find((u) => u.userType === 'Member' && u.surname !== null && u.surname.length >= 5)!;
  const surname = person.surname!;
  const found = (text: string) =>
    users.filter((u) => wordsOf(u.displayName, u.userPrincipalName).some((w) => w.startsWith(text.toLowerCase())));
  await expect(page.getByText('Any word of a name or UPN, or the start of one. At most 200 characters.')).toBeVisible();
  await searchRegistration(page, surname);
  await expect(page.getByText(matches(found(surname).length), { exact: true })).toBeVisible();
  expect(found(surname).map((u) => u.id)).toContain(person.id);
  await expect(page.getByRole('table').getByRole('button', { name: person.displayName }).first()).toBeVisible();
  const start = surname.slice(0, 3);
  await searchRegistration(page, start);
  await expect(page.getByText(matches(found(start).length), { exact: true })).toBeVisible();
  await searchRegistration(page, `${surname} ${person.givenName}`);
  await expect(
    page.getByText(matches(found(surname).filter((u) => found(person.givenName!).includes(u)).length), { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/plain-language-registration-search.png' });

  // The box takes at most 200 characters: a paste past that is cut, and said so.
  const box = page.getByLabel('Search name or UPN');
  await expect(box).toHaveAttribute('maxlength', '200');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await box.fill('');
  await page.evaluate((text) => navigator.clipboard.writeText(text), 'a'.repeat(5000));
  await box.focus();
  await page.keyboard.press('Control+V');
  await expect(
    page.getByText('The search is too long: at most 200 characters, so the rest was left out.'),
  ).toBeVisible();
  await expect(box).toHaveValue('a'.repeat(200));
  await expectNoSeriousViolations(page);

  // Past the box (the limit removed, as a script could): main refuses in words, the snapshot stays.
  await box.evaluate((el) => el.removeAttribute('maxlength'));
  await box.fill('b'.repeat(5000));
  await expect(page.getByText('Could not load the users')).toBeVisible();
  await expect(page.getByText(/The search is too long: at most 200 characters\.$/)).toBeVisible();
  await expect(page.getByText('No snapshot taken yet.')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No snapshot yet' })).toHaveCount(0);
  await expect(page.getByText(`Snapshot of ${count(users.length)} users taken`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByText(/Too big|expected string/)).toHaveCount(0);
});

test('the caller search finds a phone typed in another format, and says nothing matches an emoji', async ({ demo }) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Helpdesk Administrator'));
  const search = page.getByRole('searchbox');
  await expect(search).toHaveAttribute('maxlength', '200');

  // The demo stores Entra's "+1 4255550123"; the agent reads out "+1 425 555 0123" or types E.164.
  const person = tenant.directory.users.find(
    (u) => u.userType === 'Member' && u.accountEnabled && u.mobilePhone?.startsWith('+1 ') === true,
  )!;
  const national = person.mobilePhone!.slice(3);
  // Without its country code too: the tenant's country (organization countryLetterCode, US) supplies it.
  const spaced = `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  const parens = `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  for (const typed of [`+1${national}`, `+1 ${spaced}`, parens, spaced]) {
    await search.fill(typed);
    await expect(page.getByRole('list', { name: 'Search results' })).toContainText(person.userPrincipalName);
  }

  // A paste longer than the box takes is cut to 200 characters, and said so where the agent looks.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await search.fill('');
  await page.evaluate((text) => navigator.clipboard.writeText(text), 'a'.repeat(5000));
  await search.focus();
  await page.keyboard.press('Control+V');
  await expect(
    page.getByText('The search is too long: at most 200 characters, so the rest was left out.'),
  ).toBeVisible();
  await expect(search).toHaveValue('a'.repeat(200));
  await search.fill('ab');
  await expect(page.getByText('The search is too long', { exact: false })).toHaveCount(0);

  await search.fill('🙂🙂');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing matches “🙂🙂”' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Search results' })).toHaveCount(0);
});
