// The seam the renderer really has: a `ResetlineApi` object. Store tests hand `createResetlineStore` one
// whose methods they write; any channel a test did not fake answers with a rejection naming it.
import { buildApi, type ResetlineApi } from '../../../src/shared/contract';

export type FakeMethods = { [D in keyof ResetlineApi]?: Partial<ResetlineApi[D]> };

export function fakeApi(methods: FakeMethods): () => ResetlineApi {
  const unfaked = buildApi((channelName) => Promise.reject(new Error(`The test did not fake ${channelName}`)));
  const api = Object.fromEntries(
    Object.entries(unfaked).map(([domain, base]) => [
      domain,
      { ...(base as object), ...(methods as Record<string, object | undefined>)[domain] },
    ]),
  ) as unknown as ResetlineApi;
  return () => api;
}

/** A promise the test settles by hand, to order answers (a slow first request, a fast second one). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
