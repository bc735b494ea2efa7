// The state of one piece of data fetched through the contract, and the one place thrown values become
// typed errors, so no action can leave the UI with an exception instead of a state.
import { ResetlineError, type Result, type ResultError, unwrap } from '../../../shared/result';

export type Loadable<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ResultError };

export const idle = { status: 'idle' } as const;
export const loading = { status: 'loading' } as const;

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
