// The session tells the renderer when it changes (`auth:session` on the event bus both shells serve),
// through the real runtime, MSAL and demo tenant: a sign-in publishes "pending" as it starts and again
// once the authorize link is known (the state then holds it) and once it is spent, "signed-in" at the end and "signed-out"
// after sign-out, each only when auth:get-session would answer something new, carrying the status only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../src/main/core/host/events';
import type { AuthState } from '../../../src/shared/auth';
import { startRuntime, type RuntimeHarness } from '../../support/runtimeHarness';

let dataDir: string;
let app: RuntimeHarness;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'resetline-session-events-'));
  app = await startRuntime({ dataDir });
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('auth:session events', () => {
  it('follow a sign-in and a sign-out, once per change, with the status only', async () => {
    await app.value('auth:sign-out', undefined);
    const seen: { event: BusEvent; state: AuthState }[] = [];
    const off = app.runtime.events.subscribe({
      send: (event) => {
        if (event.name === 'auth:session') seen.push({ event, state: app.runtime.session.state() });
      },
    });
    try {
      await app.signInAs('helpdesk');
      await app.value('auth:sign-out', undefined);
    } finally {
      off();
    }
    expect(seen.map((s) => s.event.payload)).toEqual([
      { status: 'pending' },
      { status: 'pending' },
      { status: 'pending' },
      { status: 'signed-in' },
      { status: 'signed-out' },
    ]);
    for (const { event } of seen) expect(Object.keys(event.payload)).toEqual(['status']);
    // The first says a sign-in started; the second comes when the link the agent must open is known; the
    // third when MSAL has the code (the link is spent) and the agent's roles are being read.
    expect(seen[0]!.state).toMatchObject({ status: 'pending', pending: null });
    expect(seen[1]!.state).toMatchObject({ status: 'pending', pending: { kind: 'browser' } });
    const link = (seen[1]!.state as Extract<AuthState, { status: 'pending' }>).pending;
    expect(link?.kind === 'browser' && link.authorizeUrl).toMatch(/\/oauth2\/v2\.0\/authorize\?/);
    expect(seen[2]!.state).toMatchObject({ status: 'pending', pending: null });
    expect(seen[3]!.state).toMatchObject({ status: 'signed-in', agent: { userPrincipalName: app.who().upn } });
  });
});
