// Push events as a transport delivers them (`on`, `onStream`), driven by the test: it sends
// `jobs:progress` snapshots or any other event, and takes the stream up or down, as the preload or the
// EventSource would.
import type {
  EventName,
  EventPayload,
  EventStreamState,
  EventSubscriptions,
  ResetlineApi,
} from '../../../src/shared/contract';
import type { Job } from '../../../src/shared/jobs';

export function eventsByHand(initial: EventStreamState = 'up') {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const streamListeners = new Set<(state: EventStreamState) => void>();
  let state = initial;
  const of = (event: EventName) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    return set;
  };
  const subscriptions: EventSubscriptions = {
    on: (event, listener) => {
      const l = listener as (payload: unknown) => void;
      of(event).add(l);
      return () => void of(event).delete(l);
    },
    onStream: (listener) => {
      streamListeners.add(listener);
      listener(state);
      return () => void streamListeners.delete(listener);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => [...of(event)].forEach((l) => l(payload));
  return {
    subscriptions,
    /** The api with these events added. */
    over: (api: () => ResetlineApi): (() => ResetlineApi) => {
      const withEvents = { ...api(), ...subscriptions } as ResetlineApi;
      return () => withEvents;
    },
    send: (job: Job) => emit('jobs:progress', job),
    emit,
    stream: (next: EventStreamState) => {
      state = next;
      [...streamListeners].forEach((l) => l(next));
    },
    /** How many listen to `event` (jobs:progress unless named). */
    listening: (event: EventName = 'jobs:progress') => of(event).size,
  };
}
