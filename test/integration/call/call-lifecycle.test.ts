// A call's life in the audit trail, through the channels against the demo tenant (real MSAL, Graph
// client, SQLite): looking at a caller records nothing; the call becomes an audited call, with its
// original opening time, at its first audited event; a reloaded window can list the agent's open
// calls; and a call a crash left open is closed as abandoned, once, at the next start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/shared/audit';
import type { CallView, ChallengeAnswer, ChallengeView, OpenCallSummary } from '../../../src/shared/caller';
import { LEFT_OPEN_REASON } from '../../../src/main/core/call/leftOpen';
import { SIGNED_OUT_REASON } from '../../../src/main/core/call/state';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  createCallerHarness,
  latestCode,
  openWhole,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';
import { startRuntime, type RuntimeHarness } from '../../support/runtimeHarness';

describe('a call in the audit trail', () => {
  let t: TestTenant;
  let h: CallerHarness;

  beforeAll(async () => {
    t = await startTestTenant({ users: 120, knobs: SHORT_WINDOWS });
    h = await createCallerHarness(t, 'helpdesk');
    setVerificationPolicy(h.store.db, testPolicy(2));
  });
  afterAll(async () => {
    h?.dispose();
    await t?.close();
  });

  const idOf = (upn: string) => t.tenant.directory.findUserByUpn(upn)!.id;
  const auditCount = () => (h.store.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  const auditOf = async (callId: string) =>
    (await h.call<AuditPage>('audit:list', { limit: 500 })).events.filter((e) => e.callId === callId).reverse();

  it('records nothing for a caller only looked at and closed', async () => {
    const before = auditCount();
    const view = await h.call<CallView>('call:open', { targetId: idOf('alex.cloud@contoso.com') });
    expect(await h.call<OpenCallSummary[]>('call:list-open')).toEqual([
      expect.objectContaining({ callId: view.callId, passed: 0, codesSent: 0, required: 2 }),
    ]);
    const closed = await h.call<{ auditEventId: number | null }>('call:close', {
      callId: view.callId,
      outcome: 'abandoned',
    });
    expect(closed.auditEventId).toBeNull();
    expect(auditCount()).toBe(before);
    // Main forgot it all the same.
    expect(await h.call<OpenCallSummary[]>('call:list-open')).toEqual([]);
    expect(await h.refused('call:get', { callId: view.callId })).toBe('call_not_found');
  });

  // Other callers than the tests below use: each caller may be asked the questions twice a day.
  it('refuses to close an acted-on call without a ticket reference when the policy asks for one', async () => {
    setVerificationPolicy(h.store.db, { ...testPolicy(2), ticketRequired: true });
    try {
      const view = await h.call<CallView>('call:open', { targetId: idOf('sam.synced@contoso.com') });
      expect(view.ticketRequired).toBe(true);
      await h.call<ChallengeView>('verify:start-challenge', { callId: view.callId, type: 'knowledge' });
      const rows = (await auditOf(view.callId)).length;
      expect(await h.refused('call:close', { callId: view.callId, outcome: 'escalated' })).toBe('invalid_input');
      // Refused before anything was written, and the call is still open.
      expect(await auditOf(view.callId)).toHaveLength(rows);
      expect((await h.call<CallView>('call:get', { callId: view.callId })).callId).toBe(view.callId);
      await h.call('call:close', { callId: view.callId, outcome: 'escalated', ticketRef: 'INC-4242' });
      const closed = (await auditOf(view.callId)).at(-1)!;
      expect(closed).toMatchObject({ action: 'call.closed', ticketRef: 'INC-4242' });
      // Ending a call as abandoned needs nothing to file.
      const other = await h.call<CallView>('call:open', { targetId: idOf('evan.expired@contoso.com') });
      await h.call<ChallengeView>('verify:start-challenge', { callId: other.callId, type: 'knowledge' });
      await h.call('call:close', { callId: other.callId, outcome: 'abandoned' });
      expect((await auditOf(other.callId)).at(-1)).toMatchObject({ action: 'call.closed' });
    } finally {
      setVerificationPolicy(h.store.db, testPolicy(2));
    }
  });

  it('writes call.opened, with the time the caller was opened, just before the first question', async () => {
    const beforeOpen = Date.now();
    const view = await h.call<CallView>('call:open', { targetId: idOf('alex.cloud@contoso.com') });
    const afterOpen = Date.now();
    expect(await auditOf(view.callId)).toEqual([]);
    await h.call<ChallengeView>('verify:start-challenge', { callId: view.callId, type: 'knowledge' });
    const events = await auditOf(view.callId);
    expect(events.map((e) => e.action)).toEqual(['call.opened', 'verify.challenge-sent']);
    // Stamped when the caller was opened, not when the question was asked (an order, not a duration).
    const openedAt = Date.parse(events[0]!.occurredAt);
    expect(openedAt).toBeGreaterThanOrEqual(beforeOpen);
    expect(openedAt).toBeLessThanOrEqual(afterOpen);
    expect(events[0]!.detail).toMatchObject({ resetAllowed: true, phoneSource: 'profile' });
    await h.call('call:close', { callId: view.callId, outcome: 'abandoned' });
    expect((await auditOf(view.callId)).map((e) => [e.action, e.detail.outcome ?? null])).toEqual([
      ['call.opened', null],
      ['verify.challenge-sent', null],
      ['call.closed', 'abandoned'],
    ]);
  });

  it('records a call closed with an outcome the agent chose, even with nothing else done', async () => {
    const view = await h.call<CallView>('call:open', { targetId: idOf('alex.cloud@contoso.com') });
    await h.call('call:close', { callId: view.callId, outcome: 'escalated', ticketRef: 'INC-77' });
    const events = await auditOf(view.callId);
    expect(events.map((e) => e.action)).toEqual(['call.opened', 'call.closed']);
    expect(events[1]).toMatchObject({ ticketRef: 'INC-77', detail: { outcome: 'escalated' } });
  });

  it('lists the open call with the codes sent and the checks passed', async () => {
    const alex = t.tenant.directory.findUserByUpn('alex.cloud@contoso.com')!;
    const view = await openWhole(h, alex.id);
    const sms = view.verification.options.find((o) => o.type === 'sms')!;
    const c = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'sms',
      optionId: sms.id,
    });
    const code = await latestCode(h, alex.mobilePhone!.replace(/\s/g, ''));
    const answer = await h.call<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: c.challengeId,
      code,
    });
    expect(answer.result).toBe('passed');
    expect(await h.call<OpenCallSummary[]>('call:list-open')).toEqual([
      {
        callId: view.callId,
        openedAt: view.openedAt,
        targetId: alex.id,
        displayName: alex.displayName,
        userPrincipalName: alex.userPrincipalName,
        required: 2,
        passed: 1,
        codesSent: 1,
        actionsDone: 0,
      },
    ]);
    await h.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });
});

describe('a call a crash left open', () => {
  let dataDir: string;
  const runtimes: RuntimeHarness[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'resetline-left-open-'));
  });
  afterAll(async () => {
    for (const r of runtimes) await r.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const closedRows = (app: RuntimeHarness, callId: string) =>
    app.runtime.db
      .prepare("SELECT outcome, detail, verification FROM audit_events WHERE call_id = ? AND action = 'call.closed'")
      .all(callId) as { outcome: string; detail: string; verification: string | null }[];

  it('is closed as abandoned at the next start, with the reason, once', async () => {
    const first = await startRuntime({ dataDir, demoTenant: { users: 120 } });
    runtimes.push(first);
    await first.signInAs('helpdesk');
    const alex = first.runtime.demoTenant()!.directory.findUserByUpn('alex.cloud@contoso.com')!;
    const opened = await first.value<CallView>('call:open', { targetId: alex.id });
    const view = await first.value<CallView>('call:get-methods', { callId: opened.callId });
    const sms = view.verification.options.find((o) => o.type === 'sms')!;
    const c = await first.value<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'sms',
      optionId: sms.id,
    });
    const to = alex.mobilePhone!.replace(/\s/g, '');
    const outbox = await first.value<{ to: string; body: string }[]>('demo:list-outbox', { limit: 50 });
    const code = /\b(\d{6,8})\b/.exec(outbox.find((m) => m.to === to)!.body)![1]!;
    const answer = await first.value<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: c.challengeId,
      code,
    });
    expect(answer.result).toBe('passed');
    // A look at another caller is not a call: nothing to close for it later.
    const looked = await first.value<CallView>('call:open', { targetId: alex.managerId! });
    expect(closedRows(first, view.callId)).toEqual([]);

    // The crash: the first runtime is never told; a new one starts on the same data folder.
    const second = await startRuntime({ dataDir, demoTenant: { users: 120 } });
    runtimes.push(second);
    const rows = closedRows(second, view.callId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('info');
    expect(JSON.parse(rows[0]!.detail)).toEqual({ outcome: 'abandoned', reason: LEFT_OPEN_REASON });
    expect(JSON.parse(rows[0]!.verification!)).toMatchObject({ passed: ['sms'] });
    expect(closedRows(second, looked.callId)).toEqual([]);
    // History's timeline shows it with the reason.
    await second.signInAs('helpdesk');
    const timeline = await second.value<{ events: { action: string; detail: Record<string, unknown> }[] }>(
      'audit:get-call',
      { callId: view.callId },
    );
    expect(timeline.events.at(-1)).toMatchObject({ action: 'call.closed', detail: { reason: LEFT_OPEN_REASON } });

    // A further start finds nothing left open.
    const third = await startRuntime({ dataDir, demoTenant: { users: 120 } });
    runtimes.push(third);
    expect(closedRows(third, view.callId)).toHaveLength(1);
  }, 120_000);

  it('is closed as abandoned, saying so, when the agent signs out during it', async () => {
    const app = await startRuntime({ dataDir, demoTenant: { users: 120 } });
    runtimes.push(app);
    await app.signInAs('helpdesk');
    const alex = app.runtime.demoTenant()!.directory.findUserByUpn('alex.cloud@contoso.com')!;
    const view = await app.value<CallView>('call:open', { targetId: alex.id });
    const looked = await app.value<CallView>('call:open', { targetId: alex.managerId! });
    await app.value('verify:start-challenge', { callId: view.callId, type: 'knowledge' });
    await app.value('auth:sign-out', undefined);
    const rows = closedRows(app, view.callId);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ outcome: 'abandoned', reason: SIGNED_OUT_REASON });
    // The caller only looked at leaves nothing, then or at the next start.
    expect(closedRows(app, looked.callId)).toEqual([]);
    const next = await startRuntime({ dataDir, demoTenant: { users: 120 } });
    runtimes.push(next);
    expect(closedRows(next, view.callId)).toHaveLength(1);
  }, 120_000);
});
