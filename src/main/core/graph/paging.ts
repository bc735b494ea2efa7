// Collection paging and single reads for the area modules (policy, auditLogs, registration): a
// collection is walked page by page through @odata.nextLink, followed verbatim
// (concepts/paging.md), and every failure leaves as a mapped ResetlineError.
import type { Client } from '@microsoft/microsoft-graph-client';
import { mapGraphError } from './errors';

export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** Yields each page of a collection; the caller can stop (cancel) between pages. */
export async function* pages<T>(client: Client, firstUrl: string, signal?: AbortSignal): AsyncGenerator<T[]> {
  let url: string | undefined = firstUrl;
  while (url) {
    if (signal?.aborted) return;
    let page: Page<T>;
    try {
      page = (await client.api(url).get()) as Page<T>;
    } catch (error) {
      throw mapGraphError(error);
    }
    yield page.value ?? [];
    url = page['@odata.nextLink'];
  }
}

/** One read whose failure is mapped to the app's error codes. */
export async function read<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapGraphError(error);
  }
}
