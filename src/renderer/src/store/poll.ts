// The one way the renderer reads something again until it is over (a sign-in; a job when no events
// arrive, store/jobs.ts): wait, read, repeat until the answer says it is over, the reader stops
// wanting it (AbortSignal), a read fails, or enough reads were made.
import type { Result, ResultError } from '../../../shared/result';
import { settle } from './loadable';

export interface PollOptions<T> {
  /** One read of the thing followed. */
  read: () => Promise<Result<T>>;
  /** True when this answer is the last one wanted. */
  until: (answer: T) => boolean;
  /** Called with every answer read while still wanted, before `until` looks at it. */
  onAnswer?: (answer: T) => void;
  /** Wait before each read, the first included. */
  intervalMs: number;
  /** Aborted: no further read, and an answer still on its way is dropped. */
  signal?: AbortSignal;
  /** Stop after this many reads even when `until` never said so. */
  maxReads?: number;
  /** A failed read: 'stop' (default) ends the poll with it, 'retry' waits and reads again. */
  onError?: 'stop' | 'retry';
}

export type PollOutcome<T> =
  /** `until` accepted this answer. */
  | { status: 'done'; value: T }
  /** `maxReads` reads were made; this is the last answer. */
  | { status: 'exhausted'; value: T }
  /** The signal was aborted: what was under way no longer matters to the reader. */
  | { status: 'aborted' }
  | { status: 'error'; error: ResultError };

/** Resolves after `ms`, or at once when the signal aborts (false then). */
export function delay(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads every `intervalMs` until the answer says it is over; never throws (a thrown read is an error). */
export async function pollUntil<T>(options: PollOptions<T>): Promise<PollOutcome<T>> {
  const { read, until, onAnswer, intervalMs, signal, maxReads = Infinity, onError = 'stop' } = options;
  let last: { value: T } | null = null;
  for (let reads = 0; reads < maxReads; reads++) {
    if (!(await delay(intervalMs, signal))) return { status: 'aborted' };
    const result = await settle(read);
    if (signal?.aborted) return { status: 'aborted' };
    if (!result.ok) {
      if (onError === 'retry') continue;
      return { status: 'error', error: result.error };
    }
    last = { value: result.value };
    onAnswer?.(result.value);
    if (until(result.value)) return { status: 'done', value: result.value };
  }
  return last === null ? { status: 'aborted' } : { status: 'exhausted', value: last.value };
}
