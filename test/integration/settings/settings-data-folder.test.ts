// The demo tenant's own data folder, through the real runtime (its router, its session, the demo tenant
// it starts, real SQLite files): what happens in demo mode is written to <data>/demo/resetline.sqlite,
// never to the real tenant's <data>/resetline.sqlite, which keeps the tenant selection; switching
// tenants re-opens the right store, and the real tenant's store records the switch with both ids.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VERIFICATION_POLICY, type VerificationPolicy } from '../../../src/shared/settings';
import type { ChannelName } from '../../../src/shared/contract';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime';
import type { TestTenant } from '../demo-tenant/identity-helpers';
import { completeBrowserSignIn } from '../../support/sessionHarness';

const CONTOSO = {
  cloud: 'global',
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
} as const;
const WEAKER: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 };

let dataDir = '';
let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A runtime whose "system browser" signs in to its own demo tenant as its Global Administrator. */
function startRuntime(): Runtime {
  dataDir = mkdtempSync(join(tmpdir(), 'resetline-folders-'));
  const r: Runtime = createRuntime({
    dataDir,
    host: 'browser',
    version: '0.0.0-test',
    demoTenant: { users: 40, seed: 3 },
    openBrowser: async (url) => {
      const tenant = r.demoTenant()!;
      const t = { tenant, dispatcher: new Agent({ connect: { ca: tenant.caCertPem } }) } as unknown as TestTenant;
      const admin = tenant.directory.agents.find((a) => a.label === 'global-admin')!;
      void completeBrowserSignIn(t, url, admin).catch(() => undefined);
    },
  });
  return r;
}

async function call<T = unknown>(channel: ChannelName, input?: unknown): Promise<T> {
  const result = await runtime!.router.dispatch(channel, input, { transport: 'ipc' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Reads a store from its file, as anyone on the machine could. */
function rowsOf(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('the demo tenant’s data folder', () => {
  it('keeps demo-mode history out of the real tenant’s database, and switching re-opens the right one', async () => {
    runtime = startRuntime();
    const real = join(dataDir, 'resetline.sqlite');
    const demo = join(dataDir, 'demo', 'resetline.sqlite');
    expect(runtime.info().tenantMode).toBe('demo');

    await call('auth:sign-in');
    const admin = runtime.session.signedInAgent().userPrincipalName;
    await call('settings:set-verification-policy', WEAKER);
    expect(existsSync(demo)).toBe(true);
    expect(runtime.db.name).toBe(demo);

    // Demo-mode rows are in the demo store only.
    const demoRows = rowsOf(demo, "SELECT agent_upn, detail FROM audit_events WHERE action = 'settings.changed'");
    expect(JSON.stringify(demoRows)).toContain('verification-policy');
    expect(rowsOf(real, 'SELECT agent_upn, action, detail FROM audit_events')).toEqual([]);

    // Switching to a real tenant: the selection lives in the real store, which now answers.
    await call('settings:update', { tenant: CONTOSO });
    expect(runtime.info().tenantMode).toBe('tenant');
    expect(runtime.db.name).toBe(real);
    expect(await call('settings:get-verification-policy')).toEqual(DEFAULT_VERIFICATION_POLICY);
    const switched = rowsOf(real, 'SELECT agent_upn, action, outcome, detail FROM audit_events') as {
      agent_upn: string;
      detail: string;
    }[];
    expect(switched).toHaveLength(1);
    expect(switched[0]!.agent_upn).toBe(admin);
    expect(JSON.parse(switched[0]!.detail)).toMatchObject({
      setting: 'tenant',
      fromTenant: 'demo',
      toTenant: 'global:contoso.onmicrosoft.com',
    });
    expect(JSON.stringify(rowsOf(real, 'SELECT detail FROM audit_events'))).not.toContain('verification-policy');
    expect(rowsOf(real, "SELECT value FROM settings WHERE key = 'tenant'")).toHaveLength(1);
    expect(rowsOf(demo, "SELECT value FROM settings WHERE key = 'tenant'")).toEqual([]);

    // Back to the demo tenant (contoso never had a sign-in: first-run set-up): its own store and policy again.
    await call('settings:update', { tenant: { cloud: 'demo' } });
    expect(runtime.db.name).toBe(demo);
    expect(await call('settings:get-verification-policy')).toEqual(WEAKER);
  });
});
