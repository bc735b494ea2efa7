// A caller card shown before its methods are in, through `createResetlineStore(fakeApi)`: opening a
// caller asks main for the card (`call:open` answers with its identity part), shows it, then fills in the
// methods and registration details when `call:get-methods` answers — for that call only.
import { describe, expect, it, vi } from 'vitest';
import type { CallView } from '../../../src/shared/caller';
import { fail, ok, type Result } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { deferred, fakeApi } from '../support/fakeApi';

const viewOf = (callId: string, userId: string, pending: boolean): CallView =>
  ({
    callId,
    openedAt: '2026-01-01T09:00:00.000Z',
    card: {
      user: { id: userId, displayName: `Name ${userId}`, userPrincipalName: `${userId}@x` },
      methods: pending ? [] : [{ id: 'm1', kind: 'phone', label: 'Mobile ••• 34', createdDateTime: null }],
      registration: null,
      registrationUnavailable: null,
      partial: [],
      ...(pending ? { reportsPending: true } : {}),
    },
    eligibility: { resetPassword: { allowed: true } },
    verification: {
      required: 2,
      passed: [],
      failed: [],
      met: false,
      options: pending
        ? []
        : [{ id: 'sms-method-mobile', type: 'sms', label: 'Mobile', source: 'authentication-method' }],
    },
    selfServiceCapable: null,
  }) as unknown as CallView;

const ref = (id: string) => ({ id, displayName: `Name ${id}`, userPrincipalName: `${id}@x` });

function fakeMain() {
  const asked: unknown[] = [];
  const methods = new Map<string, ReturnType<typeof deferred<Result<CallView>>>>();
  let opened = 0;
  const store = createResetlineStore(
    fakeApi({
      call: {
        open: async (input) => (asked.push(input), ok(viewOf(`call-${++opened}`, input.targetId, true))),
        getMethods: ({ callId }) => {
          const d = deferred<Result<CallView>>();
          methods.set(callId, d);
          return d.promise;
        },
        close: async ({ callId }) => ok({ callId, auditEventId: null }),
      },
      sspr: { getCallerAttempts: async () => ok({ attempts: [] } as never) },
    }),
  );
  return { store, asked, methods };
}

describe('a caller card whose methods follow', () => {
  it('shows the card at once, then fills in the methods and the ways to verify', async () => {
    const { store, asked, methods } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    expect(asked).toEqual([{ targetId: 'u1' }]);
    const card = store.getState().caller.card;
    expect(card.status === 'ready' && card.value.reportsPending).toBe(true);
    expect(store.getState().call.view?.verification.options).toEqual([]);

    await vi.waitFor(() => expect(methods.has('call-1')).toBe(true));
    methods.get('call-1')!.resolve(ok(viewOf('call-1', 'u1', false)));
    await vi.waitFor(() => expect(store.getState().call.view?.verification.options).toHaveLength(1));
    const filled = store.getState().caller.card;
    expect(filled.status === 'ready' && filled.value.reportsPending).toBeUndefined();
    expect(filled.status === 'ready' && filled.value.methods).toHaveLength(1);
  });

  it('drops a late answer for a call that is no longer shown', async () => {
    const { store, methods } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    await store.getState().openCaller(ref('u2'));
    await vi.waitFor(() => expect(methods.has('call-2')).toBe(true));
    methods.get('call-1')!.resolve(ok(viewOf('call-1', 'u1', false)));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().call.view?.callId).toBe('call-2');
    const card = store.getState().caller.card;
    expect(card.status === 'ready' && card.value.user.id).toBe('u2');
    expect(card.status === 'ready' && card.value.reportsPending).toBe(true);
  });

  it('keeps the card when the methods cannot be had, saying so', async () => {
    const { store, methods } = fakeMain();
    await store.getState().openCaller(ref('u1'));
    await vi.waitFor(() => expect(methods.has('call-1')).toBe(true));
    methods.get('call-1')!.resolve(fail('graph_error', 'Microsoft Graph did not answer.'));
    await vi.waitFor(() => {
      const card = store.getState().caller.card;
      expect(card.status === 'ready' && card.value.reportsPending).toBe(false);
    });
    const card = store.getState().caller.card;
    expect(card.status === 'ready' && card.value.partial).toEqual([
      { part: 'methods', message: 'Microsoft Graph did not answer.' },
    ]);
    expect(store.getState().call.view?.card.reportsPending).toBe(false);
  });
});
