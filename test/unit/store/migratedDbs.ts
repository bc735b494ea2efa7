// A fresh migrated database per test, removed after it (vitest's afterEach).
import { afterEach } from 'vitest';
import type { Database } from '../../../src/main/core/store';
import { tempDb } from './tempDb';

/** For a describe block: a function giving a fresh migrated database, each removed after its test. */
export function migratedDbs(): () => Database {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));
  return () => {
    const t = tempDb();
    disposers.push(t.dispose);
    return t.db;
  };
}
