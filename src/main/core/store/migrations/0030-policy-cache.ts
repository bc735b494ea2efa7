// Tenant policy documents cached per tenant and part, each with when it was fetched and the last error.
import type { Migration } from './types';

export const migration0030: Migration = {
  version: 30,
  name: 'policy-cache',
  up(db) {
    db.exec(`
      CREATE TABLE policy_cache (
        tenant_key    TEXT NOT NULL,                               -- "<cloud>:<tenant id>"
        part          TEXT NOT NULL,                               -- authMethods, tap, domains, licences
        value         TEXT CHECK (value IS NULL OR json_valid(value)),
        fetched_at    INTEGER,                                     -- epoch ms of the last good fetch
        error_code    TEXT,
        error_message TEXT,
        PRIMARY KEY (tenant_key, part)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
