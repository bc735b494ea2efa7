// While a sign-in is out, the sign-in screen learns where the agent must finish (the authorize link) from
// `auth:session` events: each event makes it read the session once, so the link shows as soon as main
// knows it, without waiting for a poll. Without events, or while their stream is down, it polls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthState, TenantSummary } from '../../../src/shared/auth';
import { ok } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { SIGN_IN_POLL_MS, SIGN_IN_SAFETY_MS } from '../../../src/renderer/src/store/authSlice';
import { agentNamed } from '../../support/agents';
import { eventsByHand } from '../support/events';
import { fakeApi } from '../support/fakeApi';

const tenant = { mode: 'demo', cloud: 'demo', graphCloud: 'global', tenantId: 't', clientId: 'c' } as TenantSummary;
const LINK = 'https://login.example/authorize?x=1';
const pendingNoLink: AuthState = { status: 'pending', tenant, pending: null };
const pendingLink: AuthState = { status: 'pending', tenant, pending: { kind: 'browser', authorizeUrl: LINK } };
const signedIn: AuthState = { status: 'signed-in', tenant, agent: agentNamed('a') };

/** Main's session as the test moves it, and a sign-in call that answers when the test ends it. */
function mainSession() {
  let state: AuthState = { status: 'signed-out', tenant, lastError: null };
  let finish: (s: AuthState) => void = () => undefined;
  const reads = vi.fn(async () => ok(state));
  return {
    reads,
    set: (next: AuthState) => (state = next),
    finish: (next: AuthState) => {
      state = next;
      finish(next);
    },
    auth: {
      getSession: reads,
      signIn: () => new Promise((resolve) => (finish = (s) => resolve(ok(s)))),
    },
  };
}

const link = (store: ReturnType<typeof createResetlineStore>) => {
  const auth = store.getState().auth;
  return auth.status === 'ready' && auth.value.status === 'pending' && auth.value.pending?.kind === 'browser'
    ? auth.value.pending.authorizeUrl
    : null;
};

describe('sign-in followed by auth:session events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the link at the event, long before a poll would have read it', async () => {
    const main = mainSession();
    const events = eventsByHand('up');
    const store = createResetlineStore(events.over(fakeApi({ auth: main.auth as never })));
    main.set(pendingNoLink);
    const run = store.getState().signIn('interactive');
    await vi.advanceTimersByTimeAsync(0);
    expect(events.listening('auth:session')).toBe(1);
    expect(link(store)).toBeNull();

    main.set(pendingLink);
    events.emit('auth:session', { status: 'pending' });
    // No timer has run: the event alone made it read the session.
    await vi.advanceTimersByTimeAsync(0);
    expect(link(store)).toBe(LINK);
    const readsAfterLink = main.reads.mock.calls.length;

    // While the stream is up and nothing changes, it reads only at the safety interval.
    await vi.advanceTimersByTimeAsync(SIGN_IN_SAFETY_MS - 1);
    expect(main.reads.mock.calls.length).toBe(readsAfterLink);

    main.finish(signedIn);
    await run;
    expect(store.getState().auth).toMatchObject({ status: 'ready', value: { status: 'signed-in' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(events.listening('auth:session')).toBe(0);
  });

  it('polls while the stream is down, and reads again when it comes back up', async () => {
    const main = mainSession();
    const events = eventsByHand('down');
    const store = createResetlineStore(events.over(fakeApi({ auth: main.auth as never })));
    main.set(pendingNoLink);
    const run = store.getState().signIn('interactive');
    await vi.advanceTimersByTimeAsync(0);
    main.set(pendingLink);
    await vi.advanceTimersByTimeAsync(SIGN_IN_POLL_MS);
    expect(link(store)).toBe(LINK);

    const before = main.reads.mock.calls.length;
    events.stream('up');
    await vi.advanceTimersByTimeAsync(0);
    expect(main.reads.mock.calls.length).toBe(before + 1);

    main.finish(signedIn);
    await run;
  });

  it('without events, polls every SIGN_IN_POLL_MS as before', async () => {
    const main = mainSession();
    const store = createResetlineStore(fakeApi({ auth: main.auth as never }));
    main.set(pendingNoLink);
    const run = store.getState().signIn('interactive');
    await vi.advanceTimersByTimeAsync(0);
    main.set(pendingLink);
    await vi.advanceTimersByTimeAsync(SIGN_IN_POLL_MS - 1);
    expect(link(store)).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(link(store)).toBe(LINK);
    main.finish(signedIn);
    await run;
  });
});
