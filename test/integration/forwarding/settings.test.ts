// Forwarding as the app runs it (real runtime, real MSAL and Graph against the in-process demo tenant,
// real SQLite, the real LogsIngestionClient): on by default in demo mode with nothing saved, a reset's rows
// reaching the demo workspace while an agent is signed in, stopped at sign-out (rows wait in the outbox),
// changed only by a policy administrator with its settings.changed row, and its status line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../src/main/core/audit';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import type { CallView, ChallengeAnswer, ChallengeView, RunSummary } from '../../../src/shared/caller';
import type { ForwardingSettingsView, ForwardingStatus } from '../../../src/shared/forwarding';
import { testPolicy } from '../../support/callerHarness';
import { startRuntime, type RuntimeHarness } from '../../support/runtimeHarness';

let dir: string;
let app: RuntimeHarness;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'resetline-fwd-settings-'));
  app = await startRuntime({
    dataDir: join(dir, 'data'),
    demoTenant: { users: 120, monitorWorkspaceFile: join(dir, 'workspace.sqlite') },
    forwardingPollMs: 100,
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const monitor = () => app.runtime.demoTenant()!.monitor;
const view = () => app.value<ForwardingSettingsView>('settings:get-forwarding', undefined);
const status = () => app.value<ForwardingStatus>('forwarding:get-status', undefined);
const workspaceRows = () => monitor().rows();

/** Polls `check` until it returns a value (not a timing assertion: a bound on how long to look). */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

/** One verified password reset through the channels, as the agent does it. */
async function resetAlex(): Promise<string> {
  setVerificationPolicy(app.runtime.db, testPolicy(1));
  const alex = app.runtime.demoTenant()!.directory.findUserByUpn('alex.cloud@contoso.com')!;
  const opened = await app.value<CallView>('call:open', { targetId: alex.id });
  const call = await app.value<CallView>('call:get-methods', { callId: opened.callId });
  const sms = call.verification.options.find((o) => o.type === 'sms')!;
  const c = await app.value<ChallengeView>('verify:start-challenge', {
    callId: call.callId,
    type: 'sms',
    optionId: sms.id,
  });
  const to = alex.mobilePhone!.replace(/\s/g, '');
  const outbox = await app.value<{ to: string; body: string }[]>('demo:list-outbox', { limit: 50 });
  const code = /\b(\d{6,8})\b/.exec(outbox.find((m) => m.to === to)!.body)![1]!;
  const answer = await app.value<ChallengeAnswer>('verify:check-code', {
    callId: call.callId,
    challengeId: c.challengeId,
    code,
  });
  expect(answer.verification.met).toBe(true);
  const run = await app.value<RunSummary>('reset:run', { callId: call.callId, actions: [{ kind: 'resetPassword' }] });
  expect(run.results[0]!.status).toBe('done');
  return call.callId;
}

const forwardingRows = () =>
  (
    app.runtime.db
      .prepare("SELECT agent_upn AS agentUpn, outcome, detail FROM audit_events WHERE action = 'settings.changed'")
      .all() as { agentUpn: string; outcome: string; detail: string }[]
  )
    .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }))
    .filter((r) => r.detail.setting === 'forwarding');

describe('forwarding in the running app', () => {
  it('forwards in demo mode with nothing saved: a reset reaches the demo workspace, backlog 0', async () => {
    await app.signInAs('helpdesk');
    const v = await view();
    expect(v.source).toBe('default');
    expect(v.config).toEqual({
      ingestionEndpoint: monitor().ingestionEndpoint,
      dcrImmutableId: monitor().dcrImmutableId,
      streamName: monitor().streamName,
      workspaceId: monitor().workspaceId,
    });
    const callId = await resetAlex();
    const row = await eventually(
      () => workspaceRows().find((r) => r.CallId === callId && r.Action === 'reset.password'),
      'the reset row in the workspace',
    );
    expect(row).toMatchObject({ Kind: 'event', Outcome: 'success', AgentUpn: app.who().upn });
    expect(String(row.Desk)).toMatch(/\([0-9a-f]{6}\)$/);
    const s = await eventually(async () => {
      const now = await status();
      return now.backlog === 0 && now.lastSentAt !== null ? now : undefined;
    }, 'backlog 0');
    expect(s).toMatchObject({ configured: true, lastError: null });
    const rowsInDb = app.runtime.db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
    expect(s.lastSentRowId).toBe(rowsInDb);
  });

  it('refuses a helpdesk agent who tries to turn it off, and changes nothing', async () => {
    await app.signInAs('helpdesk');
    const refused = await app.dispatch('settings:set-forwarding', { off: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('not_allowed');
      expect(refused.error.message).toMatch(/Only a .*Administrator can change forwarding to Azure Monitor/);
    }
    expect((await view()).source).toBe('default');
    expect(forwardingRows()).toEqual([]);
  });

  it('stops at sign-out: rows written meanwhile wait in the outbox and go at the next sign-in', async () => {
    await app.signInAs('helpdesk');
    await eventually(async () => ((await status()).backlog === 0 ? true : undefined), 'caught up');
    await app.value('auth:sign-out', undefined);
    const calls = monitor().ingestions().length;
    const waiting = appendAuditEvent(app.runtime.db, {
      agentUpn: 'local',
      agentId: null,
      action: 'settings.changed',
      outcome: 'info',
      detail: { setting: 'test-while-signed-out' },
    });
    // Many poll intervals go by: nothing is sent while nobody is signed in.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(monitor().ingestions()).toHaveLength(calls);
    expect(workspaceRows().some((r) => r.RowId === waiting.id && r.Kind === 'event')).toBe(false);

    await app.signInAs('helpdesk');
    await eventually(
      () => workspaceRows().find((r) => r.RowId === waiting.id && r.Kind === 'event'),
      'the waiting row forwarded after sign-in',
    );
  });

  it('lets a Global Administrator turn it off (audited first), point it elsewhere, and back to the demo default', async () => {
    await app.signInAs('global-admin');
    const off = await app.value<ForwardingSettingsView>('settings:set-forwarding', { off: true });
    expect(off).toMatchObject({ config: null, source: 'saved', savedBy: app.who().upn });
    expect(off.status.configured).toBe(false);
    expect(off.suggested?.dcrImmutableId).toBe(monitor().dcrImmutableId);
    expect(forwardingRows().at(-1)).toMatchObject({
      agentUpn: app.who().upn,
      outcome: 'success',
      detail: { setting: 'forwarding', tenant: 'demo', on: false, wasOn: true },
    });
    expect(await status()).toMatchObject({ configured: false });

    // A rule the workspace does not know: the status says so in an agent's words.
    const elsewhere = {
      ingestionEndpoint: monitor().ingestionEndpoint,
      dcrImmutableId: `dcr-${'0'.repeat(32)}`,
      streamName: 'Custom-ResetlineAudit',
    };
    const saved = await app.value<ForwardingSettingsView>('settings:set-forwarding', elsewhere);
    expect(saved).toMatchObject({ source: 'saved', config: elsewhere });
    expect(forwardingRows().at(-1)?.detail).toMatchObject({
      on: true,
      wasOn: false,
      dcrImmutableId: elsewhere.dcrImmutableId,
    });
    const failing = await eventually(async () => {
      const s = await status();
      return s.lastError ? s : undefined;
    }, 'the unknown rule reported');
    expect(failing.lastError).toMatch(/does not know this data collection rule/);
    expect(failing.backlog).toBeGreaterThan(0);

    // A typing mistake is refused in words, before anything is written.
    const rowsBefore = forwardingRows().length;
    const bad = await app.dispatch('settings:set-forwarding', { ...elsewhere, dcrImmutableId: 'dcr-12' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/immutable id/);
    expect(forwardingRows()).toHaveLength(rowsBefore);

    // The demo workspace's own values again: the default (it follows the demo tenant's address), caught up.
    const { ingestionEndpoint, dcrImmutableId, streamName, workspaceId } = monitor();
    const back = await app.value<ForwardingSettingsView>('settings:set-forwarding', {
      ingestionEndpoint,
      dcrImmutableId,
      streamName,
      workspaceId,
    });
    expect(back.source).toBe('default');
    const lastRow = app.runtime.db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
    await eventually(
      () => workspaceRows().find((r) => r.RowId === lastRow && r.Kind === 'event'),
      'the admin’s own settings rows forwarded',
    );
    expect((await status()).lastError).toBeNull();
  });

  // Last: it leaves demo mode.
  it('stops when an administrator points Resetline at another tenant', async () => {
    await app.signInAs('global-admin');
    const demoDb = app.runtime.db;
    await eventually(async () => ((await status()).backlog === 0 ? true : undefined), 'caught up');
    await app.value('settings:update', {
      tenant: {
        cloud: 'global',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
      },
    });
    expect(app.runtime.session.state().status).toBe('signed-out');
    const calls = monitor().ingestions().length;
    const waiting = appendAuditEvent(demoDb, {
      agentUpn: 'local',
      agentId: null,
      action: 'settings.changed',
      outcome: 'info',
      detail: { setting: 'test-after-switch' },
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(monitor().ingestions()).toHaveLength(calls);
    expect(workspaceRows().some((r) => r.RowId === waiting.id && r.Kind === 'event')).toBe(false);
  });
});

describe('the demo default across restarts', () => {
  it('resumes where it stopped although the demo tenant listens on another port, with no row sent twice', async () => {
    const own = mkdtempSync(join(tmpdir(), 'resetline-fwd-restart-'));
    const options = {
      dataDir: join(own, 'data'),
      demoTenant: { users: 120, monitorWorkspaceFile: join(own, 'workspace.sqlite') },
      forwardingPollMs: 100,
    };
    const caughtUp = async (h: RuntimeHarness): Promise<ForwardingStatus> => {
      for (let i = 0; i < 300; i++) {
        const s = await h.value<ForwardingStatus>('forwarding:get-status', undefined);
        if (s.backlog === 0 && s.lastSentAt !== null) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('never caught up');
    };
    try {
      const first = await startRuntime(options);
      let before: { port: string; sent: number; rows: number };
      try {
        await first.signInAs('helpdesk');
        const s = await caughtUp(first);
        const m = first.runtime.demoTenant()!.monitor;
        before = { port: new URL(m.ingestionEndpoint).port, sent: s.lastSentRowId, rows: m.rows().length };
      } finally {
        await first.close();
      }
      const second = await startRuntime(options);
      try {
        const m = second.runtime.demoTenant()!.monitor;
        expect(new URL(m.ingestionEndpoint).port).not.toBe(before.port);
        // The same workspace file: the first run's rows are there.
        expect(m.rows()).toHaveLength(before.rows);
        await second.signInAs('helpdesk');
        const s = await caughtUp(second);
        expect(s.lastSentRowId).toBeGreaterThanOrEqual(before.sent);
        const ids = m.rows().map((r) => String(r.RecordId));
        expect(new Set(ids).size).toBe(ids.length);
        const shown = (await second.value<ForwardingSettingsView>('settings:get-forwarding', undefined)).status;
        expect(shown.lastError).toBeNull();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 90_000);
});
