// Helpers for the caller-flow specs: open a call from the search box, read what the demo tenant
// sent, answer the directory questions the way the caller would, and look for leaked secrets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { DemoTenant } from '../../src/demo-tenant/server';
import { expect } from './fixtures';
export { expectNoSeriousViolations } from './a11y';

export function callPanel(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `Call with ${name}` });
}

/** Types the UPN and presses Enter: a single match opens at once (one agent action: typing one field). */
export async function openCallByUpn(page: Page, upn: string): Promise<void> {
  await page.getByRole('searchbox').fill(upn);
  await page.getByRole('searchbox').press('Enter');
}

/** The last code the demo tenant texted to anyone, after `before` messages. */
export async function smsCode(tenant: DemoTenant, before: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(() => {
      const sms = tenant.outbox.list({ kind: 'sms' });
      code = sms.length > before ? /\b(\d{6,8})\b/.exec(sms[sms.length - 1]!.body)?.[1] : undefined;
      return code;
    })
    .toBeTruthy();
  return code!;
}

/** What the real caller would answer to one of main's directory questions (knowledge.ts). */
export function knowledgeAnswer(tenant: DemoTenant, upn: string, question: string): string {
  const user = tenant.directory.findUserByUpn(upn);
  if (user === undefined) throw new Error(`No demo user ${upn}`);
  if (question.includes('employee ID')) return (user.employeeId ?? '').replace(/\D/g, '').slice(-4);
  if (question.includes('department')) return user.department ?? '';
  if (question.includes('office')) return user.officeLocation ?? '';
  if (question.includes('manager')) return tenant.directory.getUser(user.managerId ?? '')?.displayName ?? '';
  if (question.includes('month and year')) return (user.employeeHireDate ?? '').slice(0, 7);
  throw new Error(`A question the test does not know: ${question}`);
}

/** Sends the SMS code, types it back, then asks the questions and answers them until verification is met. */
export async function verifyBySmsAndKnowledge(
  page: Page,
  tenant: DemoTenant,
  name: string,
  upn: string,
): Promise<string> {
  const panel = callPanel(page, name);
  await expect(panel).toBeVisible();
  // The ways to verify are offered once the caller's sign-in methods are in (the card shows before them).
  await expect(panel.getByTestId('verify-methods-pending')).toHaveCount(0);
  const sms = panel.getByRole('group').filter({ hasText: 'SMS code' }).first();
  const form = panel.getByRole('form', { name: 'Knowledge question' });
  const before = tenant.outbox.list({ kind: 'sms' }).length;
  // With two checks required, one action sends the code and asks the questions; else one at a time.
  const both = panel.getByRole('button', { name: 'Send SMS code and ask questions' });
  const together = (await both.count()) > 0;
  if (together) await both.click();
  else await sms.getByRole('button', { name: /^Send code/ }).click();
  const code = await smsCode(tenant, before);
  const codeBox = sms.getByLabel(/Code the caller reads out/);
  await expect(codeBox).toBeFocused();
  await codeBox.fill(code);
  await codeBox.press('Enter');
  await expect(panel.getByRole('list', { name: 'Verification checks' })).toContainText('SMS code passed');
  // Questions start only when the agent asks for them.
  if (!together) await panel.getByRole('button', { name: 'Ask a question' }).click();
  // Focus moves on to the question, never to <body>.
  await expect(form.getByRole('textbox')).toBeFocused();
  // The stepper also repeats it on the folded step's line: the one on screen counts.
  const verified = panel
    .getByText(/^Verified:/)
    .filter({ visible: true })
    .first();
  for (let i = 0; i < 3 && !(await verified.isVisible()); i++) {
    const question = (await form.locator('label').textContent()) ?? '';
    await form.getByRole('textbox').fill(knowledgeAnswer(tenant, upn, question));
    await form.getByRole('textbox').press('Enter');
    await expect
      .poll(
        // allTextContents does not wait: the form is gone once the check passes.
        async () =>
          (await verified.isVisible()) || (await form.locator('label').allTextContents()).join('') !== question,
      )
      .toBe(true);
  }
  await expect(verified).toBeVisible();
  return code;
}

/** Every *.sqlite* file under the data folder: WALs, journals, backups, the demo tenant's own folder. */
function sqliteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.sqlite/.test(basename(f)))
    .map((f) => join(dir, f));
}

/** No secret in any SQLite file (and its WAL) under the data folder, nor in the page's storage. */
export async function expectNoSecretsStored(page: Page, dataDir: string, secrets: string[]): Promise<void> {
  expect(secrets.every((s) => s.length >= 6)).toBe(true);
  const files = sqliteFiles(dataDir).filter((f) => existsSync(f));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
    }
  }
  const stored = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)));
    const databases = await indexedDB.databases();
    return { local: dump(localStorage), session: dump(sessionStorage), idb: databases.map((d) => d.name ?? '') };
  });
  // The app keeps nothing in IndexedDB at all, so there is nothing to search.
  expect(stored.idb).toEqual([]);
  for (const secret of secrets) {
    expect(stored.local).not.toContain(secret);
    expect(stored.session).not.toContain(secret);
  }
}
