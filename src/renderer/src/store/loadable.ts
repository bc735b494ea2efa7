// The state of one piece of data fetched through the contract, the one place thrown values become
// typed errors, and the two helpers every slice loads and saves through (`track`, `save`), so no action
// can leave the UI with an exception instead of a state and the error branch is written once.
import { ResetlineError, type Result, type ResultError, unwrap } from '../../../shared/result';

export type Loadable<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ResultError };

/** A form's save: idle, under way, done (until the form is edited or opened again), or refused. */
export type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; error: ResultError };

export const idle = { status: 'idle' } as const;
export const loading = { status: 'loading' } as const;
export const ready = <T>(value: T): { status: 'ready'; value: T } => ({ status: 'ready', value });

/** Turns anything an await can throw into the contract's error shape. */
export function toResultError(error: unknown): ResultError {
  if (error instanceof ResetlineError) {
    return error.requestId === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, requestId: error.requestId };
  }
  // A rejected IPC promise (main gone, bridge broken) lands here: the call never reached a handler.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unavailable', message: `The call to Resetline failed: ${message}` };
}

/** Awaits a contract call and unwraps it; throws ResetlineError for a failed envelope. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  return unwrap(await pending);
}

/** Awaits a contract call and never throws: a rejected promise becomes a failed Result. */
export async function settle<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request();
  } catch (error) {
    return { ok: false, error: toResultError(error) };
  }
}

/** Stores a slice's changes (each slice's `patch`). */
type Patch<S> = (changes: Partial<S>) => void;
type KeysOf<S, V> = { [K in keyof S]-?: S[K] extends V ? K : never }[keyof S];
type ValueOf<L> = L extends { status: 'ready'; value: infer T } ? T : never;

export interface TrackOptions<S, A> {
  /** Whether `loading` replaces what is shown first (default true; false keeps a shown value meanwhile). */
  loading?: boolean;
  /** False once a newer request took over: this answer (or failure) is then dropped, not stored. */
  isCurrent?: () => boolean;
  /** Runs as the answer is stored; what it returns is stored together with it (a version bump…). */
  alsoReady?: (answer: A) => Partial<S> | void;
  /** What is stored together with a failure (rows of the failed list dropped…). */
  alsoError?: (error: ResultError) => Partial<S>;
}

/**
 * Loads one `Loadable` of a slice through a contract call: `loading`, then the value or the error.
 * Answers the call's Result, or null when a newer request superseded it (nothing was stored then).
 */
export function track<S, K extends KeysOf<S, Loadable<unknown>>>(
  patch: Patch<S>,
  key: K,
  request: () => Promise<Result<ValueOf<S[K]>>>,
  options?: TrackOptions<S, ValueOf<S[K]>>,
): Promise<Result<ValueOf<S[K]>> | null>;
/** The same, storing `select(answer)` rather than the answer itself. */
export function track<S, K extends KeysOf<S, Loadable<unknown>>, A>(
  patch: Patch<S>,
  key: K,
  request: () => Promise<Result<A>>,
  options: TrackOptions<S, A> & { select: (answer: A) => ValueOf<S[K]> },
): Promise<Result<A> | null>;
export async function track<S, A>(
  patch: Patch<S>,
  key: keyof S,
  request: () => Promise<Result<A>>,
  options: TrackOptions<S, A> & { select?: (answer: A) => unknown } = {},
): Promise<Result<A> | null> {
  const { isCurrent = () => true, select = (answer: A) => answer } = options;
  if (options.loading !== false) patch({ [key]: loading } as Partial<S>);
  const result = await settle(request);
  if (!isCurrent()) return null;
  if (result.ok) {
    const also = options.alsoReady?.(result.value) ?? {};
    patch({ [key]: { status: 'ready', value: select(result.value) }, ...also });
  } else {
    patch({ [key]: { status: 'error', error: result.error }, ...options.alsoError?.(result.error) });
  }
  return result;
}

export interface SaveOptions<S, A> {
  /** Runs as the save is confirmed; what it returns is stored together with `saved` (the saved value…). */
  alsoSaved?: (answer: A) => Partial<S> | void;
}

/** Runs one save through a contract call, showing it in the slice's `SaveState` under `key`. */
export async function save<S, K extends KeysOf<S, SaveState>, A>(
  patch: Patch<S>,
  key: K,
  request: () => Promise<Result<A>>,
  options: SaveOptions<S, A> = {},
): Promise<Result<A>> {
  patch({ [key]: { status: 'saving' } } as Partial<S>);
  const result = await settle(request);
  if (result.ok) patch({ ...options.alsoSaved?.(result.value), [key]: { status: 'saved' } });
  else patch({ [key]: { status: 'error', error: result.error } } as Partial<S>);
  return result;
}
