// MSAL's network module over our fetch, so MSAL reaches the demo tenant with its CA trusted for
// that origin only (msal-node 7 sends with fetch; a custom networkClient is the scoped way to trust a CA).
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { FetchLike } from '../net/trustedFetch';

async function toNetworkResponse<T>(res: Response): Promise<NetworkResponse<T>> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  const text = await res.text();
  let body: unknown = {};
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { error: 'invalid_response', error_description: `Non-JSON answer (HTTP ${res.status}).` };
    }
  }
  return { headers, body: body as T, status: res.status };
}

export function createMsalNetworkClient(fetchImpl: FetchLike, timeoutMs = 30_000): INetworkModule {
  return {
    async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      const res = await fetchImpl(url, {
        method: 'GET',
        headers: options?.headers ?? {},
        signal: AbortSignal.timeout(timeout ?? timeoutMs),
      });
      return toNetworkResponse<T>(res);
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: options?.headers ?? {},
        body: options?.body ?? '',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return toNetworkResponse<T>(res);
    },
  };
}
