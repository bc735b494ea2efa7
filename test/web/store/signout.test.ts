// Sign-out (or another agent signing in) leaves no trace of the previous agent on any screen: every
// slice's state goes back to a fresh store's, while the window's own state (About, app info) stays.
import { describe, expect, it } from 'vitest';
import type { AuthState, TenantSummary } from '../../../src/shared/auth';
import { ok } from '../../../src/shared/result';
import { createResetlineStore, type Store } from '../../../src/renderer/src/store';
import { agentNamed } from '../../support/agents';
import { fakeApi } from '../support/fakeApi';

const tenant = {
  mode: 'demo',
  cloud: 'demo',
  tenantId: 't',
  displayName: 'Contoso (demo)',
} as unknown as TenantSummary;
const agent = (id: string): AuthState => ({
  status: 'signed-in',
  tenant,
  agent: agentNamed(id),
});

/** Plain data only: the state a screen shows. */
function data(s: Store): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v !== 'function'))));
}

/** What the previous agent left on each screen, written as the screens' own actions would leave it. */
function dirty(store: ReturnType<typeof createResetlineStore>): void {
  const s = store.getState();
  store.setState({
    screen: 'history',
    aboutOpen: true,
    settings: {
      ...s.settings,
      save: { status: 'saved' } as never,
      verification: { status: 'ready', value: { requiredChecks: 3 } } as never,
    },
    caller: {
      ...s.caller,
      focusRequest: 3,
      query: 'jensen',
      recent: [{ id: 'u1', displayName: 'Amelia Jensen', userPrincipalName: 'amelia@contoso.com' }],
    },
    history: {
      ...s.history,
      filter: { ...s.history.filter, text: 'amelia' } as never,
      rows: { ...s.history.rows, total: 42 },
    },
    registration: { ...s.registration, query: { ...s.registration.query, search: 'jen' } as never },
    sspr: { ...s.sspr, preset: '90d' as never },
  });
}

describe('sign-out clears every screen', () => {
  it('puts every agent state back to a fresh store and keeps the window state', async () => {
    const store = createResetlineStore(
      fakeApi({
        auth: {
          getSession: async () => ok(agent('a')),
          signOut: async () => ok({ status: 'signed-out', tenant, lastError: null }),
        },
      }),
    );
    const fresh = data(store.getState());
    await store.getState().loadSession();
    dirty(store);
    expect(data(store.getState())).not.toEqual({ ...fresh, auth: data(store.getState()).auth });

    await store.getState().signOut();

    const after = data(store.getState());
    const { auth, aboutOpen, caller, screen, ...rest } = after;
    expect(screen).toBe('history');
    expect(auth).toMatchObject({ status: 'ready', value: { status: 'signed-out' } });
    // The About dialog belongs to the window, not to the agent.
    expect(aboutOpen).toBe(true);
    // The search box's focus counter is the window's too; everything else of the caller is fresh.
    expect({ ...(caller as object), focusRequest: 0 }).toEqual(fresh.caller);
    expect((caller as { focusRequest: number }).focusRequest).toBe(3);
    // Saving another tenant is what signs the agent out: its "Settings saved." stays for the next one.
    const { settings, ...others } = rest as { settings: Record<string, unknown> };
    expect(settings.save).toEqual({ status: 'saved' });
    const { auth: _a, aboutOpen: _o, caller: _c, screen: _s, settings: freshSettings, ...freshRest } = fresh;
    expect({ ...settings, save: (freshSettings as Record<string, unknown>).save }).toEqual(freshSettings);
    expect(others).toEqual(freshRest);
  });

  it('clears the screens when another agent replaces the signed-in one', async () => {
    let who = 'a';
    const store = createResetlineStore(fakeApi({ auth: { getSession: async () => ok(agent(who)) } }));
    const fresh = data(store.getState());
    await store.getState().loadSession();
    dirty(store);
    who = 'b';
    await store.getState().loadSession();
    expect(data(store.getState()).history).toEqual(fresh.history);
    // Which screen shows is the window's: Settings stays open across a sign-out it caused.
    expect(data(store.getState()).screen).toBe('history');
  });
});
