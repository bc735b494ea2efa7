// Entra's SSPR activity, cached so the SSPR view reads offline: one row per directory
// audit (keyed by its id, per tenant) and the ranges fetched, each with when.
import type { Migration } from './types';

export const migration0050: Migration = {
  version: 50,
  name: 'sspr-activity',
  up(db) {
    db.exec(`
      CREATE TABLE sspr_events (
        tenant_key    TEXT NOT NULL,                     -- "<cloud>:<tenant id>"
        id            TEXT NOT NULL,                     -- the directoryAudit id
        occurred_at   INTEGER NOT NULL,                  -- epoch ms, UTC
        kind          TEXT NOT NULL,                     -- self-service-reset, blocked, admin-reset…
        activity      TEXT NOT NULL,                     -- activityDisplayName as Entra wrote it
        service       TEXT NOT NULL,                     -- loggedByService
        result        TEXT NOT NULL,
        result_reason TEXT,
        user_id       TEXT,
        user_upn      TEXT COLLATE NOCASE,
        user_name     TEXT,
        actor_upn     TEXT COLLATE NOCASE,
        PRIMARY KEY (tenant_key, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sspr_events_by_time ON sspr_events (tenant_key, occurred_at);
      CREATE INDEX sspr_events_by_kind ON sspr_events (tenant_key, kind, occurred_at);
      CREATE INDEX sspr_events_by_user ON sspr_events (tenant_key, user_id, occurred_at);

      CREATE TABLE sspr_ranges (
        tenant_key TEXT NOT NULL,
        scope      TEXT NOT NULL,                        -- "all" or "user:<id>"
        from_ms    INTEGER NOT NULL,
        to_ms      INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_key, scope, from_ms, to_ms)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
