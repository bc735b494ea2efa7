// JSON batching (concepts/json-batching.md): up to 20 requests per POST /$batch; each item is throttled
// on its own, so items answered 429 are sent again (in a new batch) after their Retry-After, a bounded
// number of times. The client's priority middleware (budget.ts) puts the batch's x-ms-throttle-priority
// on every item and takes a reports budget slot for each report item, on every round.
import type { Client } from '@microsoft/microsoft-graph-client';
import { sleep } from '../net/sleep';

export interface BatchItem {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const MAX_BATCH = 20;

function retryAfterMs(headers: Record<string, string>): number {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

export async function sendBatch(client: Client, items: BatchItem[], maxRounds = 4): Promise<Map<string, BatchAnswer>> {
  if (items.length > MAX_BATCH) throw new Error(`A Graph batch holds at most ${MAX_BATCH} requests.`);
  const answers = new Map<string, BatchAnswer>();
  let pending = items;
  for (let round = 0; pending.length > 0; round++) {
    const res = (await client.api('/$batch').post({ requests: pending })) as { responses?: BatchAnswer[] };
    let wait = 0;
    const again: BatchItem[] = [];
    for (const answer of res.responses ?? []) {
      const headers = answer.headers ?? {};
      const item = pending.find((p) => p.id === answer.id);
      // Only reads are sent again: a throttled write was not done, but this helper is for reads.
      if (answer.status === 429 && item?.method === 'GET' && round + 1 < maxRounds) {
        again.push(item);
        wait = Math.max(wait, retryAfterMs(headers));
      } else {
        answers.set(answer.id, { ...answer, headers });
      }
    }
    pending = again;
    if (pending.length > 0) await sleep(wait);
  }
  return answers;
}
