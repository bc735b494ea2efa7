// Waiting in main: `ms`, or less when `signal` aborts. Resolves either way (the caller looks at the
// signal); never keeps the process alive past an abort.
import { setTimeout as wait } from 'node:timers/promises';

export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  try {
    await wait(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}
