// HTTPS to a server with its own CA (the demo tenant) trusted for that origin only: every other
// origin keeps the system trust store. TLS verification is never turned off.
import type { FetchOptions } from '@microsoft/microsoft-graph-client';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';

interface TrustedOrigin {
  /** e.g. "https://127.0.0.1:44321" */
  origin: string;
  caPem: string;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export function createTrustedDispatcher(trust: TrustedOrigin): Agent {
  return new Agent({ connect: { ca: trust.caPem } });
}

/** A fetch that uses the extra CA for `trust.origin` and the default trust everywhere else. */
export function createTrustedFetch(trust: TrustedOrigin | undefined): FetchLike {
  if (!trust) return (input, init) => fetch(input, init);
  const dispatcher = createTrustedDispatcher(trust);
  return (input, init) => {
    const url = new URL(String(input));
    if (url.origin !== trust.origin) return fetch(input, init);
    // The cast is needed where the DOM's RequestInit is in scope (tsconfig.e2e.json), not under Node's types.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
    return undiciFetch(url, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
  };
}

/**
 * The Graph client's fetchOptions sending through `dispatcher`. The `undici` package and Node's fetch
 * types (@types/node's `undici-types`) declare the same Dispatcher twice, and under
 * exactOptionalPropertyTypes TypeScript cannot relate the two copies (`BodyReadable & BodyMixin`'s
 * `body`); Node's fetch takes the package's dispatcher at run time. The one place that says so.
 */
export function fetchOptionsWith(dispatcher: Dispatcher): FetchOptions {
  return { dispatcher } as unknown as FetchOptions;
}
