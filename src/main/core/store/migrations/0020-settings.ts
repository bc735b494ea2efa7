// Key/value settings (tenant and client ids, cloud, verification policy) for later issues.
import type { Migration } from './types';

export const migration0020: Migration = {
  version: 20,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),  -- JSON, so a setting keeps its type
        updated_at INTEGER NOT NULL                          -- epoch ms, UTC
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
