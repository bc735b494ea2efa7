// A call's life in the renderer store, through `createResetlineStore(fakeApi)`: nothing is asked on
// open; leaving a call that sent a code or passed a check waits for the agent; a call main still
// holds is offered back and resumed; closing empties and focuses the search; a followed reset shows
// since when it is awaited; the close outcome follows what happened.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView, ChallengeView, OpenCallSummary, RunSummary } from '../../../src/shared/caller';
import type { AuthState } from '../../../src/shared/auth';
import { ok, type Result } from '../../../src/shared/result';
import { defaultOutcome } from '../../../src/renderer/src/features/caller/flow/CloseSection';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { callAtStake } from '../../../src/renderer/src/store/callerSlice';
import { deferred, fakeApi, type FakeMethods } from '../support/fakeApi';

afterEach(() => {
  vi.useRealTimers();
});

const viewOf = (callId: string, userId: string, passed: string[] = []): CallView =>
  ({
    callId,
    openedAt: '2026-01-01T09:00:00.000Z',
    card: { user: { id: userId, displayName: `Name ${userId}`, userPrincipalName: `${userId}@x` } },
    eligibility: { resetPassword: { allowed: true } },
    verification: {
      required: 2,
      passed,
      failed: [],
      met: passed.length >= 2,
      options: [
        { id: 'sms-profile', type: 'sms', label: 'Mobile', source: 'profile' },
        { id: 'knowledge', type: 'knowledge', label: 'Questions', source: 'directory' },
      ],
    },
    selfServiceCapable: null,
  }) as unknown as CallView;

const smsChallenge = { challengeId: 'ch1', type: 'sms', status: 'open' } as ChallengeView;
const ref = (id: string) => ({ id, displayName: `Name ${id}`, userPrincipalName: `${id}@x` });

/** A fake main that records the order of the calls the store makes. */
function fakeMain(extra: FakeMethods = {}) {
  const log: string[] = [];
  let opened = 0;
  const api = fakeApi({
    ...extra,
    call: {
      open: async ({ targetId }) => (log.push(`open ${targetId}`), ok(viewOf(`call-${++opened}`, targetId))),
      close: async ({ callId, outcome }) => (log.push(`close ${callId} ${outcome}`), ok({ callId, auditEventId: 1 })),
      ...extra.call,
    },
    verify: {
      startChallenge: async ({ type }) => (log.push(`challenge ${type}`), ok(smsChallenge)),
      ...extra.verify,
    },
    sspr: { getCallerAttempts: async () => ok({ attempts: [] } as never) },
    auth: {
      signOut: async () => (
        log.push('sign-out'),
        ok({ status: 'signed-out', tenant: null, lastError: null } as AuthState)
      ),
    },
  });
  return { log, store: createResetlineStore(api) };
}

describe('opening a caller', () => {
  it('asks no question until the agent asks one', async () => {
    const { log, store } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    expect(store.getState().call.view?.callId).toBe('call-1');
    expect(log).toEqual(['open u1']);
    expect(store.getState().call.challenges).toEqual({});
  });

  it('keeps the open call when the same caller is opened again', async () => {
    const { log, store } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    await store.getState().openCaller(ref('u1'));
    expect(log).toEqual(['open u1']);
    expect(store.getState().call.view?.callId).toBe('call-1');
  });
});

describe('leaving a call', () => {
  it('ends a call only looked at without a question', async () => {
    const { log, store } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    await store.getState().openCaller(ref('u2'));
    await vi.waitFor(() => expect(log).toEqual(['open u1', 'close call-1 abandoned', 'open u2']));
    expect(store.getState().caller.leave).toBeNull();
  });

  it('asks before another caller replaces a call that sent a code; Keep leaves it, End abandons it first', async () => {
    const { log, store } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    await store.getState().startChallenge('sms-profile');
    expect(callAtStake(store.getState().call)).toEqual(['A code was sent']);

    await store.getState().openCaller(ref('u2'));
    expect(store.getState().caller.leave).toEqual({ kind: 'open', ref: ref('u2'), fresh: false });
    store.getState().keepCall();
    expect(store.getState().caller.leave).toBeNull();
    expect(store.getState().call.view?.callId).toBe('call-1');
    expect(log).toEqual(['open u1', 'challenge sms']);

    await store.getState().openCaller(ref('u2'));
    await store.getState().endCallAndLeave();
    expect(log).toEqual(['open u1', 'challenge sms', 'close call-1 abandoned', 'open u2']);
    expect(store.getState().call.view?.callId).toBe('call-2');
  });

  it('asks before the card closes or the agent signs out while a check has passed', async () => {
    const { log, store } = fakeMain({
      call: { open: async ({ targetId }) => (log.push(`open ${targetId}`), ok(viewOf('call-1', targetId, ['sms']))) },
    });
    await store.getState().openCaller(ref('u1'));
    expect(callAtStake(store.getState().call)).toEqual(['1 check passed']);
    store.getState().closeCaller();
    expect(store.getState().caller.leave).toEqual({ kind: 'close' });
    expect(store.getState().caller.opened).toEqual(ref('u1'));
    store.getState().keepCall();

    await store.getState().signOut();
    expect(store.getState().caller.leave).toEqual({ kind: 'sign-out' });
    expect(log).toEqual(['open u1']);
    await store.getState().endCallAndLeave();
    // Main records the end before sign-out drops the calls it holds.
    expect(log).toEqual(['open u1', 'close call-1 abandoned', 'sign-out']);
  });
});

describe('a call main still holds', () => {
  const held: OpenCallSummary = {
    callId: 'held-1',
    openedAt: '2026-01-01T09:00:00.000Z',
    targetId: 'u9',
    displayName: 'Name u9',
    userPrincipalName: 'u9@x',
    required: 2,
    passed: 2,
    codesSent: 1,
    actionsDone: 0,
  };

  it('is offered after a reload and resumed with its card and verification', async () => {
    const { log, store } = fakeMain({
      call: {
        listOpen: async () => ok([held]),
        get: async ({ callId }) => (log.push(`get ${callId}`), ok(viewOf(callId, 'u9', ['sms', 'knowledge']))),
      },
    });
    store.getState().setScreen('history');
    await store.getState().loadResumable();
    expect(store.getState().caller.resumable).toEqual([held]);
    await store.getState().resumeCall('held-1');
    expect(log).toEqual(['get held-1']);
    expect(store.getState().screen).toBe('caller');
    expect(store.getState().caller.resumable).toEqual([]);
    expect(store.getState().caller.opened).toEqual(ref('u9'));
    expect(store.getState().caller.card).toMatchObject({ status: 'ready', value: { user: { id: 'u9' } } });
    expect(store.getState().call.view?.callId).toBe('held-1');
    // The code sent before the reload still counts: leaving asks first.
    expect(callAtStake(store.getState().call)).toEqual(['A code was sent', '2 checks passed']);
  });

  it('is ended as abandoned when the agent declines it', async () => {
    const { log, store } = fakeMain({ call: { listOpen: async () => ok([held]) } });
    await store.getState().loadResumable();
    await store.getState().endResumable('held-1');
    expect(log).toEqual(['close held-1 abandoned']);
    expect(store.getState().caller.resumable).toEqual([]);
  });
});

describe('closing a call', () => {
  it('names the call for the toast, empties the search and asks for its focus', async () => {
    const { store } = fakeMain({
      users: { search: async () => ok({ users: [], total: 0, matchedBy: 'name' } as never) },
    });
    store.getState().setQuery('alex');
    await store.getState().runSearch();
    await store.getState().openCaller(ref('u1'));
    const focus = store.getState().caller.focusRequest;
    expect(await store.getState().closeCall({ outcome: 'resolved' })).toBe(true);
    const caller = store.getState().caller;
    expect(caller).toMatchObject({ query: '', searchedText: null, results: { status: 'idle' }, opened: null });
    expect(caller.focusRequest).toBe(focus + 1);
    expect(caller.closed).toEqual({ seq: 1, name: 'Name u1', outcome: 'resolved' });
    expect(store.getState().call.view).toBeNull();
  });

  it('defaults the outcome from what happened', () => {
    const run = (status: string) => ({ results: [{ kind: 'resetPassword', status }] }) as unknown as RunSummary;
    const verified = viewOf('c', 'u', ['sms', 'knowledge']);
    expect(defaultOutcome(verified, run('done'))).toBe('resolved');
    expect(defaultOutcome(verified, run('pending'))).toBe('resolved');
    expect(defaultOutcome(verified, run('failed'))).toBe('escalated');
    expect(defaultOutcome(viewOf('c', 'u'), null)).toBe('abandoned');
    const failed = { ...viewOf('c', 'u'), verification: { ...viewOf('c', 'u').verification, failed: ['sms'] } };
    expect(defaultOutcome(failed as CallView, null)).toBe('not-verified');
  });
});

describe('a synced reset', () => {
  it('is awaited from the click on, while main waits for Microsoft before it answers', async () => {
    const answer = deferred<Result<RunSummary>>();
    const { store } = fakeMain({ reset: { run: () => answer.promise } });
    await store.getState().openCaller(ref('u1'));
    const running = store.getState().runActions([]);
    expect(store.getState().call.waitingSince).toEqual(expect.any(Number));
    answer.resolve(ok({ results: [{ kind: 'resetPassword', status: 'done' }] } as unknown as RunSummary));
    await running;
    expect(store.getState().call.waitingSince).toBeNull();
  });
});
