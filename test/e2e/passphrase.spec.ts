// Passwords a person can read aloud, end to end against the demo tenant: a typed password is held to
// Microsoft's rules and the caller's name (each broken rule said where Run is off), the limits are shown
// before they bite, the TAP lifetime field carries the tenant's policy (or says it is not known), and a
// revealed passphrase comes with its read-out, drawn from the vendored, scanned word list.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { expect, signInThroughDemoPage, test } from './fixtures';
import { callPanel, expectNoSeriousViolations, openCallByUpn, verifyBySmsAndKnowledge } from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';
const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const vendored = (file: string) =>
  readFileSync(resolve(__dirname, '../../vendor/eff-wordlist', file), 'utf8')
    .split('\n')
    .filter(Boolean);

test('typed passwords say which rule they break where Run is off; the TAP lifetime carries the tenant’s range; the reveal reads out', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInThroughDemoPage(demo, demo.agent('Global Administrator'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  const run = panel.getByRole('button', { name: /^Run/ });
  const blocked = panel.getByTestId('run-blocked');

  // The tenant's TAP policy (60 to 480 minutes, default 60) is on the field before anything is typed.
  await panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass' }).check();
  const lifetime = panel.getByRole('spinbutton', { name: 'Lifetime (minutes)' });
  await expect(panel.getByText('The tenant allows 60 minutes to 480 minutes (default 60 minutes).')).toBeVisible();
  await expect(lifetime).toHaveAttribute('min', '60');
  await expect(lifetime).toHaveAttribute('max', '480');
  await expect(lifetime).toHaveValue('60');
  await lifetime.fill('600');
  await expect(panel.getByText("Enter whole minutes from 60 to 480: the tenant's limits.")).toBeVisible();
  await expect(run).toBeDisabled();
  await expect(blocked).toContainText('the pass lifetime is outside the limits');
  await lifetime.fill('120');
  await expect(run).toBeEnabled();
  await panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass' }).uncheck();

  // A typed password: the limits first, then each broken rule under the field, and Run says why it is off.
  await panel.getByRole('radio', { name: 'Type one' }).check();
  const field = panel.getByRole('textbox', { name: 'Password to set' });
  await expect(panel.getByText(/^8–256 characters, 3 of: lower case, upper case, digits, symbols/)).toBeVisible();
  await field.fill('Violet-Alex-lantern-58%');
  await expect(panel.getByText("Contains the caller's name (“alex”)", { exact: false })).toBeVisible();
  await expect(run).toBeDisabled();
  await expect(blocked).toHaveText('Run is off: the typed password breaks a rule (listed under it).');
  await field.fill('cloud.Harbor-lantern-58%');
  await expect(panel.getByText(/Contains the caller's (name|user name)/)).toBeVisible();
  await field.fill(`Aa1!${'x'.repeat(296)}`);
  await expect(panel.getByText('Too long: Microsoft allows at most 256 characters (this has 300).')).toBeVisible();
  await expect(run).toBeDisabled();
  await field.fill(' Violet-harbor-lantern-58%');
  await expect(panel.getByText(/^Starts with a space: Microsoft accepts spaces/)).toBeVisible();
  await field.fill('Violet-harbor-lantern-58%');
  await expect(panel.getByText(/meets Microsoft's rules/)).toBeVisible();
  await expect(run).toBeEnabled();
  await expect(blocked).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: test.info().outputPath('rules-1366x768.png') });
  await test.info().attach('typed password rules at 1366×768', { path: test.info().outputPath('rules-1366x768.png') });

  // The generated passphrase: run, reveal, and read it out.
  await panel.getByRole('radio', { name: /Generate a passphrase/ }).check();
  await run.click();
  await expect(
    panel.getByRole('list', { name: 'Action results' }).getByRole('listitem').filter({ hasText: 'Reset password' }),
  ).toContainText('Done');
  await panel.getByRole('button', { name: 'Reveal' }).click();
  const password = (await panel.getByTestId('revealed-secret').textContent())!;
  expect(tenant.directory.checkPassword(tenant.directory.findUserByUpn(ALEX)!.id, password)).toBe(true);
  const [first, second, third, number, symbol] = /^([A-Z][a-z]+)-([a-z]+)-([a-z]+)-(\d{2})(.)$/
    .exec(password)!
    .slice(1);
  const readout = panel.getByRole('list', { name: 'Read it out' });
  await expect(readout.getByRole('listitem')).toHaveText([
    new RegExp(`^${first!.toLowerCase()}, with a capital [A-Z][a-z]+$`),
    'hyphen',
    second!,
    'hyphen',
    third!,
    'hyphen',
    [...number!].map((d) => DIGITS[Number(d)]).join(' '),
    { '!': 'exclamation mark', '#': 'hash', '%': 'percent sign', '+': 'plus sign', '?': 'question mark' }[symbol!]!,
  ]);
  // The words come from the vendored list, and no well-kept offensive-word list flags them.
  const words = new Set(vendored('words.txt'));
  const naughty = new Set(vendored('naughty-en.txt').map((w) => w.toLowerCase()));
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  for (const w of [first!.toLowerCase(), second!, third!]) {
    expect(words.has(w), w).toBe(true);
    expect(naughty.has(w), w).toBe(false);
  }
  expect(matcher.hasMatch(password)).toBe(false);
  // Any secret can be spelled with the NATO alphabet, "capital" and "lower".
  await panel.getByRole('button', { name: 'Spell every character' }).click();
  const spelled = panel.getByRole('list', { name: 'Spell it out' }).getByRole('listitem');
  await expect(spelled).toHaveCount(password.length);
  await expect(spelled.first()).toHaveText(new RegExp(`^${first!.charAt(0)} capital [A-Z][a-z-]+$`));
  await expectNoSeriousViolations(page);
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await panel.getByTestId('revealed-secret').scrollIntoViewIfNeeded();
    const path = test.info().outputPath(`readout-${width}x${height}.png`);
    await page.screenshot({ path });
    await test.info().attach(`read-out at ${width}×${height}`, { path });
  }
});

test('when the agent’s role cannot read the TAP policy, the lifetime field says the limits are not known', async ({
  demo,
}) => {
  const { page, tenant } = demo;
  await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  await verifyBySmsAndKnowledge(page, tenant, 'Alex Cloud', ALEX);
  await panel.getByRole('checkbox', { name: 'Issue a Temporary Access Pass' }).check();
  await expect(panel.getByText(/^The tenant's limits are not known \(your role cannot read/)).toBeVisible();
  const lifetime = panel.getByRole('spinbutton', { name: 'Lifetime (minutes)' });
  await expect(lifetime).toHaveAttribute('max', '43200');
  await lifetime.fill('0');
  await expect(panel.getByRole('button', { name: /^Run/ })).toBeDisabled();
});
