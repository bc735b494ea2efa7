// Batches sized to the Logs Ingestion API's call limit: "Maximum size of API call: 1 MB. Both compressed
// and uncompressed data." (MicrosoftDocs/azure-monitor-docs articles/azure-monitor/fundamentals/service-limits.md,
// "Logs Ingestion API"). The page does not say whether 1 MB is 10^6 or 2^20 bytes: the stricter, 1,000,000
// bytes of uncompressed JSON (gzip only makes the body smaller). Below it, LogsIngestionClient sends the
// batch as one call (its splitter cuts at 1,000,000 bytes of items), so "accepted" covers the whole batch.
import type { ForwardedRecord } from './records';

export const MAX_CALL_BYTES = 1_000_000;

export interface Sized {
  record: ForwardedRecord;
  bytes: number;
}

export function sized(record: ForwardedRecord): Sized {
  return { record, bytes: Buffer.byteLength(JSON.stringify(record)) };
}

/** The JSON array's size: brackets, items, commas. */
export function arrayBytes(items: readonly Sized[]): number {
  return items.reduce((n, s) => n + s.bytes, 2) + Math.max(0, items.length - 1);
}

/**
 * The longest prefix of `items` whose JSON array stays under `maxBytes`. Empty when the first item alone
 * is over the limit: that record can never be sent, and nothing after it may overtake it.
 */
export function takeBatch(items: readonly Sized[], maxBytes = MAX_CALL_BYTES): Sized[] {
  const out: Sized[] = [];
  let total = 2;
  for (const item of items) {
    const next = total + item.bytes + (out.length > 0 ? 1 : 0);
    if (next >= maxBytes) break;
    out.push(item);
    total = next;
  }
  return out;
}
