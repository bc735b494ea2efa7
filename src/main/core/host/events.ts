// The in-core event bus: what main tells the renderer without being asked (a job's progress). Core code
// publishes events the contract declares (shared/contract.ts `events`); both shells subscribe — Electron
// sends each to its window (app/ipc.ts), the browser host to every open event stream (httpHost.ts).
// Whoever publishes decides who may see an event (the job runner: the signed-in agent who owns the job).
import { parseEventPayload, type EventName, type EventPayload } from '../../../shared/contract';
import { createLogger } from '../log';

const log = createLogger('events');

/** One event as the shells send it: its name and its checked payload (a union that `name` narrows). */
export type BusEvent<E extends EventName = EventName> = E extends EventName
  ? { name: E; payload: EventPayload<E> }
  : never;

export interface EventSubscriber {
  /** Delivers one event; must not throw (a failing subscriber is logged and skipped). */
  send(event: BusEvent): void;
  /** The agent signed out or changed, or the app is closing: open streams end (the browser host's). */
  end?(): void;
}

export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(subscriber: EventSubscriber): () => void;
  /** Ends every subscriber's stream (sign-out, another agent, close); they stay subscribed. */
  endStreams(): void;
  /** Whether anyone listens (publishers skip building events nobody reads). */
  hasSubscribers(): boolean;
}

export function createEventBus(): EventBus {
  const subscribers = new Set<EventSubscriber>();
  const each = (what: string, fn: (s: EventSubscriber) => void) => {
    for (const subscriber of [...subscribers]) {
      try {
        fn(subscriber);
      } catch (error) {
        log.error(`event subscriber failed to ${what}`, { error });
      }
    }
  };
  return {
    publish(name, payload) {
      if (subscribers.size === 0) return;
      // Checked against the contract here, once: a payload the renderer would refuse is a bug in main.
      const checked = parseEventPayload(name, payload);
      if (checked === null) {
        log.error('event payload does not match the contract; not sent', { event: name });
        return;
      }
      // The checked payload is the one `name` declares; TypeScript cannot pair the two through the generic.
      const event = { name, payload: checked } as BusEvent;
      each('receive an event', (s) => s.send(event));
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
    endStreams: () => each('end its stream', (s) => s.end?.()),
    hasSubscribers: () => subscribers.size > 0,
  };
}

/**
 * Samples something that changes often (a job's progress) at most once per `everyMs`, and sends a
 * sample only when it differs from the last one sent; `flush` sends the final one at once, always.
 */
export function createSampler<T>(options: {
  everyMs: number;
  read: () => T;
  send: (value: T) => void;
  /** How two samples compare (default: their JSON). */
  key?: (value: T) => string;
}): { flush: (value: T) => void; stop: () => void } {
  const key = options.key ?? ((value: T) => JSON.stringify(value));
  let last: string | null = null;
  const sendIfChanged = (value: T, always: boolean) => {
    const k = key(value);
    if (!always && k === last) return;
    last = k;
    options.send(value);
  };
  const timer = setInterval(() => sendIfChanged(options.read(), false), options.everyMs);
  timer.unref?.();
  return {
    flush: (value) => {
      clearInterval(timer);
      sendIfChanged(value, true);
    },
    stop: () => clearInterval(timer),
  };
}
