// The team trail's slice through `createResetlineStore(fakeApi)`: what Settings and History read after
// each answer (the view, the status line, a save and a refusal), and the status line's words.
import { describe, expect, it } from 'vitest';
import type { ForwardingSettingsView, ForwardingStatus } from '../../../src/shared/forwarding';
import { fail, ok } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { duration, forwardingStatusText } from '../../../src/renderer/src/features/forwarding/ForwardingStatusLine';
import { deferred, fakeApi } from '../support/fakeApi';

const DEST = {
  ingestionEndpoint: 'https://dce.eastus-1.ingest.monitor.azure.com',
  dcrImmutableId: `dcr-${'a'.repeat(32)}`,
  streamName: 'Custom-ResetlineAudit',
};

const status = (patch: Partial<ForwardingStatus> = {}): ForwardingStatus => ({
  configured: true,
  lastSentAt: null,
  lastSentRowId: 0,
  backlog: 0,
  lastError: null,
  lastErrorAt: null,
  nextAttemptAt: null,
  ...patch,
});

const view = (patch: Partial<ForwardingSettingsView> = {}): ForwardingSettingsView => ({
  config: DEST,
  source: 'saved',
  suggested: null,
  savedBy: 'admin@contoso.com',
  savedAt: '2026-12-06T10:00:00.000Z',
  status: status({ backlog: 3 }),
  ...patch,
});

describe('the team trail slice', () => {
  it('loads the view and its status line together', async () => {
    const store = createResetlineStore(fakeApi({ settings: { getForwarding: async () => ok(view()) } }));
    await store.getState().loadForwarding();
    expect(store.getState().settings.forwarding).toEqual({ status: 'ready', value: view() });
    expect(store.getState().settings.forwardingStatus).toEqual({ status: 'ready', value: status({ backlog: 3 }) });
  });

  it('sends { off: true } and shows what main answers; a refusal keeps the view and says why', async () => {
    const sent: unknown[] = [];
    const off = view({ config: null, status: status({ configured: false }) });
    let refuse = false;
    const store = createResetlineStore(
      fakeApi({
        settings: {
          getForwarding: async () => ok(view()),
          setForwarding: async (input) => {
            sent.push(input);
            return refuse
              ? fail('not_allowed', 'Only a Global Administrator can change forwarding to Azure Monitor.')
              : ok(off);
          },
        },
      }),
    );
    await store.getState().loadForwarding();
    expect(await store.getState().saveForwarding({ off: true })).toBe(true);
    expect(sent).toEqual([{ off: true }]);
    expect(store.getState().settings.forwarding).toEqual({ status: 'ready', value: off });
    expect(store.getState().settings.forwardingStatus).toEqual({ status: 'ready', value: off.status });
    expect(store.getState().settings.forwardingSave).toEqual({ status: 'saved' });

    refuse = true;
    expect(await store.getState().saveForwarding(DEST)).toBe(false);
    expect(store.getState().settings.forwardingSave).toEqual({
      status: 'error',
      error: { code: 'not_allowed', message: 'Only a Global Administrator can change forwarding to Azure Monitor.' },
    });
    expect(store.getState().settings.forwarding).toEqual({ status: 'ready', value: off });
    // Opening Settings again starts without the last visit's refusal.
    await store.getState().loadForwarding();
    expect(store.getState().settings.forwardingSave).toEqual({ status: 'idle' });
  });

  it('keeps the status line on screen while it is read again', async () => {
    const answers = [
      deferred<ReturnType<typeof ok<ForwardingStatus>>>(),
      deferred<ReturnType<typeof ok<ForwardingStatus>>>(),
    ];
    let reads = 0;
    const store = createResetlineStore(fakeApi({ forwarding: { getStatus: () => answers[reads++]!.promise } }));
    const first = store.getState().loadForwardingStatus();
    expect(store.getState().settings.forwardingStatus).toEqual({ status: 'loading' });
    answers[0]!.resolve(ok(status({ backlog: 5 })));
    await first;
    const second = store.getState().loadForwardingStatus();
    expect(store.getState().settings.forwardingStatus).toEqual({ status: 'ready', value: status({ backlog: 5 }) });
    answers[1]!.resolve(ok(status({ backlog: 0, lastSentAt: 1 })));
    await second;
    expect(store.getState().settings.forwardingStatus).toEqual({
      status: 'ready',
      value: status({ backlog: 0, lastSentAt: 1 }),
    });
  });
});

describe('the status line', () => {
  const now = Date.UTC(2026, 11, 6, 14, 0);

  it('says it is off, and who can turn it on', () => {
    expect(forwardingStatusText(status({ configured: false }), now)).toEqual({
      text: 'Off: an admin can turn it on in Settings.',
      problem: false,
    });
  });

  it('says when rows were last sent and how many wait', () => {
    const line = forwardingStatusText(status({ lastSentAt: now - 2 * 60_000, backlog: 0 }), now);
    expect(line.problem).toBe(false);
    expect(line.text).toMatch(/^Sent to the team trail 2 min\.? ago · backlog 0$/);
    expect(forwardingStatusText(status({ backlog: 12 }), now).text).toBe('Waiting to send the first rows · backlog 12');
  });

  it('says for how long nothing could be sent, why, and when it tries again', () => {
    const next = now + 5 * 60_000;
    const line = forwardingStatusText(
      status({
        lastSentAt: now - 3 * 3600_000,
        lastError: 'Could not reach Azure Monitor.',
        lastErrorAt: now - 60_000,
        nextAttemptAt: next,
        backlog: 40,
      }),
      now,
    );
    expect(line.problem).toBe(true);
    const at = new Date(next).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    expect(line.text).toBe(`Not sent for 3 h: Could not reach Azure Monitor. · backlog 40 · next try ${at}`);
    expect(forwardingStatusText(status({ lastError: 'Refused.', lastErrorAt: now }), now).text).toBe(
      'Not sent yet: Refused. · backlog 0',
    );
  });

  it('words durations as people say them', () => {
    expect([30_000, 12 * 60_000, 5 * 3600_000, 3 * 86_400_000].map(duration)).toEqual([
      'under a minute',
      '12 min',
      '5 h',
      '3 days',
    ]);
  });
});
