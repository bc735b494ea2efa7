// A password reset Microsoft settled writes one outcome row, and the same row whichever follower saw the
// verdict: `reset:run` itself (a cloud user, confirmed within seconds) or the password-writeback job (a
// synced user). Through the channels against the demo tenant, confirmed and failed, with a typed password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage } from '../../../src/shared/audit';
import type { RunSummary } from '../../../src/shared/caller';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  createCallerHarness,
  openVerified,
  settledJob,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';

let t: TestTenant;
let admin: CallerHarness;

beforeAll(async () => {
  t = await startTestTenant({ users: 100, knobs: SHORT_WINDOWS });
  // An Authentication Administrator may read the reset's operation: both followers learn the verdict from it.
  admin = await createCallerHarness(t, 'authentication-admin');
  setVerificationPolicy(admin.store.db, testPolicy(1));
});
afterAll(async () => {
  admin?.dispose();
  await t?.close();
});

const userIn = (upn: string): DemoUser => {
  const u = t.tenant.directory.findUserByUpn(upn);
  if (!u) throw new Error(`no ${upn}`);
  return u;
};

/** The next reset's operation ends failed (the demo's fault knob). */
const failNext = () =>
  t.tenant.knobs.set({ faults: [{ pattern: 'resetPassword$', fault: { kind: 'reset-operation-fails' }, times: 1 }] });

/**
 * Resets `upn`'s password to `typed` in a new call and follows it to its end; answers who saw the verdict
 * ('run' or 'job') and the call's reset.password rows.
 */
async function resetAndSettle(upn: string, typed: string): Promise<{ follower: 'run' | 'job'; rows: AuditEvent[] }> {
  const { callId } = await openVerified(admin, userIn(upn), 'sms');
  const run = await admin.call<RunSummary>('reset:run', {
    callId,
    actions: [{ kind: 'resetPassword', password: typed }],
  });
  const result = run.results[0]!;
  let follower: 'run' | 'job' = 'run';
  if (result.status === 'pending') {
    follower = 'job';
    await settledJob(admin, result.jobId!);
  }
  await admin.call('call:close', { callId, outcome: 'escalated' });
  const rows = (await admin.call<AuditPage>('audit:list', { limit: 500 })).events.filter(
    (e) => e.callId === callId && e.action === 'reset.password',
  );
  return { follower, rows };
}

describe("a settled password reset's outcome row", () => {
  it('is the same when reset:run confirms it (cloud user) as when its job does (synced user)', async () => {
    const cloud = await resetAndSettle('alex.cloud@contoso.com', 'Violet-harbor-lantern-58%');
    const synced = await resetAndSettle('sam.synced@contoso.com', 'Copper-meadow-kettle-73#');
    expect([cloud.follower, synced.follower]).toEqual(['run', 'job']);
    const expected = {
      action: 'reset.password',
      outcome: 'success',
      detail: { via: 'resetPassword', typedByAgent: true, forceChange: true, confirmedBy: 'operation' },
    };
    expect(cloud.rows).toEqual([expect.objectContaining(expected)]);
    expect(synced.rows).toEqual([expect.objectContaining(expected)]);
    expect(cloud.rows[0]!.detail).toStrictEqual(synced.rows[0]!.detail);
  });

  it('is the same on failure too, saying why and whether the agent typed the password', async () => {
    failNext();
    const cloud = await resetAndSettle('alex.cloud@contoso.com', 'Amber-willow-compass-26!');
    failNext();
    const synced = await resetAndSettle('sam.synced@contoso.com', 'Silver-orchard-beacon-41$');
    expect([cloud.follower, synced.follower]).toEqual(['run', 'job']);
    const expected = {
      action: 'reset.password',
      outcome: 'failure',
      detail: { via: 'resetPassword', typedByAgent: true, error: expect.any(String) },
    };
    expect(cloud.rows).toEqual([expect.objectContaining(expected)]);
    expect(synced.rows).toEqual([expect.objectContaining(expected)]);
    expect(cloud.rows[0]!.detail).toStrictEqual(synced.rows[0]!.detail);
  });
});
