// The audit trail's state shown apart from Graph's, end to end: with SQLite's write lock held by another
// connection to the app's database (as another process would), a run is refused before anything
// reaches Microsoft and says why, and may be run again once the lock is gone; and when the lock is taken
// after the intent row, the reset is shown done with its audit record waiting, the password can still
// be revealed, and the record is written once the lock is released.
import BetterSqlite3 from 'better-sqlite3';
import type { DemoTenant } from '../../src/demo-tenant/server';
import { expect, signInThroughDemoPage, test, type DemoFixture } from './fixtures';
import { callPanel, openCallByUpn } from './callerFlow';

const ALEX = 'alex.cloud@contoso.com';
/** Each blocked write waits out SQLite's busy_timeout, during which this process is blocked too. */
const BLOCKED = { timeout: 30_000 };

/** Sends a code to the option, reads it from the demo outbox, types it back. */
async function passCode(demo: DemoFixture, kind: 'sms' | 'mail', label: 'SMS code' | 'Email code'): Promise<void> {
  const { page, tenant } = demo;
  const panel = callPanel(page, 'Alex Cloud');
  const group = panel.getByRole('group').filter({ hasText: label }).first();
  const before = tenant.outbox.list({ kind }).length;
  await group.getByRole('button', { name: /^Send code/ }).click();
  let code: string | undefined;
  await expect
    .poll(() => {
      const sent = tenant.outbox.list({ kind });
      code = sent.length > before ? /\b(\d{6,8})\b/.exec(sent.at(-1)!.body)?.[1] : undefined;
      return code;
    })
    .toBeTruthy();
  const box = group.getByLabel(/Code the caller reads out/);
  await box.fill(code!);
  await box.press('Enter');
  // Once verified the step folds to one line; its checklist stays in the page, hidden.
  await expect(panel.getByRole('list', { name: 'Verification checks', includeHidden: true })).toContainText(
    `${label} passed`,
  );
}

/** Another connection to the app's database taking SQLite's write lock. */
function writeLock(file: string): { release: () => void } {
  const other = new BetterSqlite3(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

/** Calls `fn` when the demo tenant starts a password reset operation (the reset request has arrived). */
function onResetArrived(tenant: DemoTenant, fn: () => void): () => void {
  const operations = tenant.directory.operations;
  const set = operations.set.bind(operations);
  operations.set = (key, value) => {
    fn();
    return set(key, value);
  };
  return () => {
    operations.set = set;
  };
}

test('a run is refused while the audit trail cannot be written, and a reset whose record waits still hands the password over', async ({
  demo,
  host,
}) => {
  const { page, tenant } = demo;
  // An Authentication Administrator reads the caller's methods: SMS and email codes, two checks.
  await signInThroughDemoPage(demo, demo.agent('Authentication Administrator'));
  const alex = tenant.directory.findUserByUpn(ALEX)!;
  await openCallByUpn(page, ALEX);
  const panel = callPanel(page, 'Alex Cloud');
  await passCode(demo, 'sms', 'SMS code');
  await passCode(demo, 'mail', 'Email code');
  // The folded step repeats it on its one line: the one on screen counts.
  await expect(panel.getByText(/^Verified:/).filter({ visible: true })).toBeVisible();
  const file = host.host.runtime.db.name;
  // 1 s instead of the app's 5 s: this process (and the in-process demo tenant) is blocked while SQLite
  // waits, and a shorter wait keeps the tenant's keep-alive sockets from racing the next request.
  host.host.runtime.db.pragma('busy_timeout = 1000');
  const results = panel.getByRole('list', { name: 'Action results' });
  const reset = results.getByRole('listitem').filter({ hasText: 'Reset password' });

  // Locked before the run: nothing reaches Microsoft, and the agent is told why and what to do.
  const passwordBefore = alex.password;
  const lock = writeLock(file);
  try {
    await panel.getByRole('button', { name: /^Run/ }).click();
    await expect(reset).toContainText('Not sent: audit unavailable', BLOCKED);
  } finally {
    lock.release();
  }
  await expect(reset).toContainText('could not record this action in its audit trail, so it did not change anything');
  await expect(reset).not.toContainText('Failed');
  expect(alex.password).toBe(passwordBefore);

  // Locked as the reset request arrives (its intent is already recorded): done, with the record waiting.
  let taken: { release: () => void } | null = null;
  const unhook = onResetArrived(tenant, () => (taken ??= writeLock(file)));
  try {
    await expect(panel.getByRole('button', { name: /^Run/ })).toBeEnabled();
    await panel.getByRole('button', { name: /^Run/ }).click();
    await expect(reset).toContainText('Done', BLOCKED);
    await expect(reset).toContainText('Audit record waiting');
    await expect(panel.getByRole('status').filter({ hasText: 'could not write its record' })).toBeVisible();
    await panel.getByRole('button', { name: 'Reveal' }).click();
    const revealed = panel.getByTestId('revealed-secret');
    await expect(revealed).not.toBeEmpty();
    expect(tenant.directory.checkPassword(alex.id, (await revealed.textContent())!)).toBe(true);
  } finally {
    unhook();
    (taken as { release: () => void } | null)?.release();
  }
  expect(taken).not.toBeNull();

  // Released: the waiting record is written (by the retry, at the latest when the call closes).
  await panel.getByRole('button', { name: 'Close call' }).click();
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    await expect
      .poll(
        () =>
          (
            db
              .prepare(
                "SELECT action || ':' || outcome AS a FROM audit_events WHERE target_upn = ? AND action LIKE 'reset.%' ORDER BY id",
              )
              .all(ALEX) as { a: string }[]
          ).map((r) => r.a),
        BLOCKED,
      )
      .toEqual(['reset.requested:info', 'reset.password:success']);
  } finally {
    db.close();
  }
});
