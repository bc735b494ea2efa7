// Push events as a transport delivers them (`on`, `onStream`), driven by the test: it sends
// `jobs:progress` snapshots and takes the stream up or down, as the preload or the EventSource would.
import type { EventStreamState, EventSubscriptions, ResetlineApi } from '../../../src/shared/contract';
import type { Job } from '../../../src/shared/jobs';

export function eventsByHand(initial: EventStreamState = 'up') {
  const jobListeners = new Set<(job: Job) => void>();
  const streamListeners = new Set<(state: EventStreamState) => void>();
  let state = initial;
  const subscriptions: EventSubscriptions = {
    on: (_event, listener) => {
      const l = listener as (job: Job) => void;
      jobListeners.add(l);
      return () => void jobListeners.delete(l);
    },
    onStream: (listener) => {
      streamListeners.add(listener);
      listener(state);
      return () => void streamListeners.delete(listener);
    },
  };
  return {
    subscriptions,
    /** The api with these events added. */
    over: (api: () => ResetlineApi): (() => ResetlineApi) => {
      const withEvents = { ...api(), ...subscriptions } as ResetlineApi;
      return () => withEvents;
    },
    send: (job: Job) => [...jobListeners].forEach((l) => l(job)),
    stream: (next: EventStreamState) => {
      state = next;
      [...streamListeners].forEach((l) => l(next));
    },
    listening: () => jobListeners.size,
  };
}
