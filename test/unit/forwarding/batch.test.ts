// Batches stay under the Logs Ingestion API's 1 MB call limit (service-limits.md), and the record's
// columns are the ones the demo DCR's stream declares (README's template declares the same).
import { describe, expect, it } from 'vitest';
import { DEMO_COLUMNS } from '../../../src/demo-tenant/monitor';
import { MAX_CALL_BYTES, RECORD_COLUMNS, takeBatch } from '../../../src/main/core/forwarding';
import { arrayBytes, sized } from '../../../src/main/core/forwarding/batch';
import type { ForwardedRecord } from '../../../src/main/core/forwarding';

const record = (i: number, notes = ''): ForwardedRecord => ({
  TimeGenerated: new Date(0).toISOString(),
  RecordId: `h${i}`,
  Kind: 'event',
  Desk: 'd',
  Tenant: 'demo',
  RowId: i,
  Hash: `h${i}`,
  Notes: notes,
});

describe('takeBatch', () => {
  it('takes the longest prefix whose JSON array is under the limit', () => {
    const items = Array.from({ length: 3_000 }, (_, i) => sized(record(i, 'x'.repeat(500))));
    const batch = takeBatch(items);
    expect(batch.length).toBeGreaterThan(1_000);
    expect(batch.length).toBeLessThan(3_000);
    const bytes = Buffer.byteLength(JSON.stringify(batch.map((b) => b.record)));
    expect(bytes).toBe(arrayBytes(batch));
    expect(bytes).toBeLessThan(MAX_CALL_BYTES);
    expect(arrayBytes(items.slice(0, batch.length + 1))).toBeGreaterThanOrEqual(MAX_CALL_BYTES);
  });

  it('takes nothing when the first record alone is over the limit', () => {
    expect(takeBatch([sized(record(1, 'x'.repeat(MAX_CALL_BYTES))), sized(record(2))])).toEqual([]);
  });
});

describe('record columns', () => {
  it('match the demo stream declaration', () => {
    expect(DEMO_COLUMNS.map((c) => c.name)).toEqual([...RECORD_COLUMNS]);
  });
});
