// The in-core event bus and its sampler: a payload the contract refuses is never sent, a failing
// subscriber does not stop the others, `endStreams` reaches every subscriber; the sampler sends at most
// one sample per interval (and only a changed one), and the final one always, at once. Time is the
// test's (fake timers): nothing here asserts on the wall clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus, createSampler, type BusEvent } from '../../../src/main/core/host/events';
import { createStreamTickets, STREAM_TICKET_MS } from '../../../src/main/core/host/streamTickets';
import { jobSnapshot as jobAs } from '../../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

describe('event bus', () => {
  it('sends a contract-valid payload to every subscriber, even when one of them throws', () => {
    const bus = createEventBus();
    const seen: BusEvent[] = [];
    bus.subscribe({
      send: () => {
        throw new Error('a closed window');
      },
    });
    const stop = bus.subscribe({ send: (event) => seen.push(event) });
    bus.publish('jobs:progress', jobAs('running', { progress: { done: 3, total: 10 } }));
    expect(seen).toEqual([{ name: 'jobs:progress', payload: jobAs('running', { progress: { done: 3, total: 10 } }) }]);
    stop();
    bus.publish('jobs:progress', jobAs('done'));
    expect(seen).toHaveLength(1);
  });

  it('never sends a payload the contract refuses', () => {
    const bus = createEventBus();
    const seen: BusEvent[] = [];
    bus.subscribe({ send: (event) => seen.push(event) });
    const broken = { ...jobAs('running'), secret: 'never sent' };
    bus.publish('jobs:progress', broken);
    bus.publish('jobs:progress', { ...jobAs('running'), state: 'sleeping' } as never);
    expect(seen).toEqual([]);
  });

  it('ends every subscriber’s stream and keeps them subscribed', () => {
    const bus = createEventBus();
    const ends: string[] = [];
    bus.subscribe({ send: () => undefined, end: () => ends.push('a') });
    bus.subscribe({ send: () => undefined });
    bus.subscribe({ send: () => undefined, end: () => ends.push('c') });
    bus.endStreams();
    expect(ends).toEqual(['a', 'c']);
    expect(bus.hasSubscribers()).toBe(true);
  });
});

describe('sampler', () => {
  it('sends at most one changed sample per interval, and the final one at once', () => {
    vi.useFakeTimers();
    let value = 0;
    const sent: number[] = [];
    const sampler = createSampler({ everyMs: 200, read: () => value, send: (v) => sent.push(v) });
    // The value changes every 10 ms for a second: five samples, never more.
    for (let ms = 0; ms < 1_000; ms += 10) {
      value++;
      vi.advanceTimersByTime(10);
    }
    expect(sent).toEqual([20, 40, 60, 80, 100]);
    // Unchanged: nothing more.
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(5);
    sampler.flush(100);
    expect(sent).toEqual([20, 40, 60, 80, 100, 100]);
    value = 500;
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(6);
  });
});

describe('stream tickets', () => {
  it('opens once, within its time, and only for a ticket it issued', () => {
    let now = 1_000;
    const tickets = createStreamTickets(() => now);
    const ticket = tickets.issue();
    expect(tickets.take('0'.repeat(64))).toBe(false);
    expect(tickets.take(undefined)).toBe(false);
    expect(tickets.take(ticket)).toBe(true);
    expect(tickets.take(ticket)).toBe(false);
    const late = tickets.issue();
    now += STREAM_TICKET_MS;
    expect(tickets.take(late)).toBe(false);
  });
});
