// The browser host's event client (eventStreamSubscriptions): it buys a one-time ticket with the session
// key, opens the stream with it, says 'up' once open, hands listeners only contract-valid payloads, and
// when the stream drops says 'down' and reopens it with a NEW ticket after a wait. fetch and the
// EventSource constructor are the client's own parameters; the answers are real `Response` objects.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStreamSubscriptions } from '../../../src/renderer/src/api/transport';
import type { Job } from '../../../src/shared/jobs';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

/** What the client uses of an EventSource, driven by the test as the browser would. */
class HandSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly handlers = new Map<string, (message: { data: string }) => void>();
  constructor(readonly url: string) {}
  addEventListener(name: string, handler: (message: { data: string }) => void) {
    this.handlers.set(name, handler);
  }
  close() {
    this.closed = true;
  }
  emit(name: string, data: string) {
    this.handlers.get(name)?.({ data });
  }
}

describe('event stream client', () => {
  it('opens with a ticket bought with the session key, delivers valid events, and reopens with a new ticket', async () => {
    vi.useFakeTimers();
    const tickets = ['a'.repeat(64), 'b'.repeat(64)];
    const asked: { url: string; headers: unknown }[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      asked.push({ url: String(url), headers: init?.headers });
      return new Response(JSON.stringify({ ok: true, value: { ticket: tickets.shift() } }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const sources: HandSource[] = [];
    const events = eventStreamSubscriptions({
      sessionKey: async () => 'k'.repeat(64),
      fetchImpl,
      eventSource: (url) => {
        const source = new HandSource(url);
        sources.push(source);
        return source as unknown as EventSource;
      },
      retryMs: { first: 1_000, max: 4_000 },
    });
    const states: string[] = [];
    const jobs: Job[] = [];
    events.onStream((state) => states.push(state));
    events.on('jobs:progress', (job) => jobs.push(job));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([
      { url: '/events/ticket', headers: { 'content-type': 'application/json', 'x-resetline-secret': 'k'.repeat(64) } },
    ]);
    expect(sources.map((s) => s.url)).toEqual([`/events?ticket=${'a'.repeat(64)}`]);
    sources[0]!.onopen?.();
    sources[0]!.emit('jobs:progress', JSON.stringify(jobAs('running')));
    sources[0]!.emit('jobs:progress', JSON.stringify({ ...jobAs('running'), secret: 'x' }));
    sources[0]!.emit('jobs:progress', 'not json');
    expect(jobs).toEqual([jobAs('running')]);
    expect(states).toEqual(['down', 'up']);

    // Dropped (sign-out ends it): closed at once, reopened after the wait with the next ticket.
    sources[0]!.onerror?.();
    expect(sources[0]!.closed).toBe(true);
    expect(states).toEqual(['down', 'up', 'down']);
    await vi.advanceTimersByTimeAsync(999);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources.map((s) => s.url)).toEqual([`/events?ticket=${'a'.repeat(64)}`, `/events?ticket=${'b'.repeat(64)}`]);
    sources[1]!.onopen?.();
    expect(states.at(-1)).toBe('up');
    events.close();
    expect(sources[1]!.closed).toBe(true);
  });

  it('opens nothing without a session key', async () => {
    const opened: string[] = [];
    const events = eventStreamSubscriptions({
      sessionKey: async () => null,
      eventSource: (url) => (opened.push(url), {} as EventSource),
    });
    const states: string[] = [];
    events.onStream((state) => states.push(state));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toEqual([]);
    expect(states).toEqual(['down']);
  });
});
