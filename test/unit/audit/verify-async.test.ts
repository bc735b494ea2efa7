import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAuditEvent,
  appendAuditEvents,
  verifyAuditChain,
  verifyAuditChainAsync,
  type VerifyProgress,
} from '../../../src/main/core/audit';
import { openDatabase, closeDatabase } from '../../../src/main/core/store';
import { tempDb, type TempDb } from '../store/tempDb';
import { sampleEvent, sampleEvents } from './events';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  appendAuditEvents(t.db, sampleEvents(100));
});
afterEach(() => t.dispose());

describe('verifyAuditChainAsync', () => {
  it('yields to the event loop between chunks and reports progress', async () => {
    const progress: VerifyProgress[] = [];
    let immediates = 0;
    const spin = (): void => {
      immediates += 1;
      if (immediates < 1000) setImmediate(spin);
    };
    setImmediate(spin);
    const result = await verifyAuditChainAsync(t.db, { chunkRows: 10, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ intact: true, rowsChecked: 100 });
    // Other work ran while it verified: it did not hold the thread for the whole walk.
    expect(immediates).toBeGreaterThanOrEqual(10);
    expect(progress.map((p) => p.rowsChecked)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100]);
    expect(progress.every((p) => p.rowsExpected === 100)).toBe(true);
  });

  it('includes rows appended while it walks, from this connection or another', async () => {
    const other = openDatabase(t.file);
    try {
      let appended = 0;
      const result = await verifyAuditChainAsync(t.db, {
        chunkRows: 25,
        onProgress: () => {
          if (appended < 3) {
            appendAuditEvent(appended % 2 === 0 ? t.db : other, sampleEvent(200 + appended));
            appended += 1;
          }
        },
      });
      expect(result).toEqual({ intact: true, rowsChecked: 103 });
      expect(verifyAuditChain(t.db)).toEqual(result);
    } finally {
      closeDatabase(other);
    }
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const walk = verifyAuditChainAsync(t.db, {
      chunkRows: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rowsChecked >= 30) controller.abort();
      },
    });
    await expect(walk).rejects.toThrow(/abort/i);
  });
});
