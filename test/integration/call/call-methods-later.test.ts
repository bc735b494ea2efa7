// The caller card never waits behind a background ingest (issue 11, Budget): through the channels,
// the app's real Graph client and reports budget, against the demo tenant enforcing Microsoft's
// reports limit (five requests per 10 s, concepts/throttling-limits.md). With the reports window full
// of background (low-priority) reads, `call:open` answers with the card's identity part, its methods
// and registration pending; `call:get-methods` answers once they are in. Nothing
// here asserts a time: the order of what left the app says it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/shared/audit';
import type { CallView, ChallengeView } from '../../../src/shared/caller';
import { background } from '../../../src/main/core/graph/budget';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { createCallerHarness, testPolicy, type CallerHarness } from '../../support/callerHarness';

const REPORT = '/reports/authenticationMethods/userRegistrationDetails?$filter=userType%20eq%20%27member%27';

let t: TestTenant;
let admin: CallerHarness;
let helpdesk: CallerHarness;
/** What left each app, in order ($batch posts and the answers the test saw). */
const events: string[] = [];

beforeAll(async () => {
  // Microsoft's windows five times shorter (10 s → 2 s): still far longer than the identity part takes,
  // so the order below is the budget's doing; the app's budget is scaled with them (sessionHarness).
  t = await startTestTenant({ users: 120, knobs: { throttlingTimeScale: 0.2 } });
  admin = await createCallerHarness(t, 'global-admin', {
    onGraphRequest: (method, url) => events.push(`${method} ${new URL(url).pathname.replace(/^\/v1\.0/, '')}`),
  });
  helpdesk = await createCallerHarness(t, 'helpdesk');
  setVerificationPolicy(admin.store.db, testPolicy(2));
});
afterAll(async () => {
  admin?.dispose();
  helpdesk?.dispose();
  await t?.close();
});

const user = (upn: string) => t.tenant.directory.findUserByUpn(upn)!;

/** Fills the app's reports window the way the registration ingest does: one low-priority $batch of five report reads. */
async function fillReportsWindow(h: CallerHarness): Promise<void> {
  const res = (await background(h.session.graph())
    .api('/$batch')
    .post({ requests: ['1', '2', '3', '4', '5'].map((id) => ({ id, method: 'GET', url: REPORT })) })) as {
    responses: { status: number }[];
  };
  expect(res.responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
}

describe('the caller card while the reports window is full', () => {
  it('opens the call from the identity part at once; the methods and registration follow through call:get-methods', async () => {
    const alex = user('alex.cloud@contoso.com');
    await fillReportsWindow(admin);
    const from = events.length;
    const opened = admin.call<CallView>('call:open', { targetId: alex.id }).then((v) => {
      events.push('call:open answered');
      return v;
    });
    const view = await opened;
    // The card as far as the identity part goes, with the reports part pending…
    expect(view.card.user.id).toBe(alex.id);
    expect(view.card.reportsPending).toBe(true);
    expect(view.card.methods).toEqual([]);
    expect(view.card.registration).toBeNull();
    expect(view.card.partial).toEqual([]);
    expect(view.verification.options).toEqual([]);
    expect(view.selfServiceCapable).toBeNull();
    // … answered while the reports budget still held the card's reports $batch back: only the
    // identity $batch had left the app.
    expect(events.slice(from)).toEqual(['POST /$batch', 'call:open answered']);

    // Asked for at once, a check waits for the methods too: nothing starts on half a card.
    const [whole, challenge] = await Promise.all([
      admin.call<CallView>('call:get-methods', { callId: view.callId }),
      admin.call<ChallengeView>('verify:start-challenge', { callId: view.callId, type: 'knowledge' }),
    ]);
    expect(whole.callId).toBe(view.callId);
    expect(whole.card.reportsPending).toBeUndefined();
    expect(whole.card.methods.map((m) => m.kind)).toContain('phone');
    expect(whole.card.registration).not.toBeNull();
    expect(whole.selfServiceCapable).toBe(whole.card.registration!.isSsprCapable);
    expect(whole.verification.options.find((o) => o.type === 'sms')).toMatchObject({
      source: 'authentication-method',
    });
    // The reports $batch (and the contacts read after it) left only after call:open had answered.
    expect(events.slice(from).filter((e) => e === 'POST /$batch').length).toBeGreaterThanOrEqual(3);
    // The call.opened row, written before the first check, carries the detail the methods decide.
    expect(challenge.type).toBe('knowledge');
    const rows = (await admin.call<AuditPage>('audit:list', { limit: 50 })).events.filter(
      (e) => e.callId === view.callId,
    );
    expect(rows.find((e) => e.action === 'call.opened')?.detail).toMatchObject({
      phoneSource: 'authentication-method',
      selfServiceCapable: whole.selfServiceCapable,
      resetAllowed: true,
    });
    // call:get answers the completed call too.
    expect((await admin.call<CallView>('call:get', { callId: view.callId })).card.methods).toEqual(whole.card.methods);
    await admin.call('call:close', { callId: view.callId, outcome: 'abandoned' });
    expect(await admin.refused('call:get-methods', { callId: view.callId })).toBe('call_not_found');
  });

  it('says a reports part Microsoft refuses on the card, as before, and keeps the card', async () => {
    const alex = user('alex.cloud@contoso.com');
    const view = await helpdesk.call<CallView>('call:open', { targetId: alex.id });
    expect(view.card.reportsPending).toBe(true);
    const whole = await helpdesk.call<CallView>('call:get-methods', { callId: view.callId });
    expect(whole.card.user.id).toBe(alex.id);
    expect(whole.card.reportsPending).toBeUndefined();
    // Helpdesk Administrators may not read methods (Microsoft's role table): a partial part, not an error.
    expect(whole.card.partial.map((p) => p.part)).toEqual(['methods']);
    expect(whole.verification.options.length).toBeGreaterThan(0);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });
});
