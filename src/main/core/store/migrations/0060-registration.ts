// The registration snapshot. One row per ingest in registration_runs (its stream cursors
// while it is being built, its aggregate figures once complete: the trend). Rows are kept for the
// current snapshot and the one being built (staging, in its own index-free table) only. Flags are stored as 0/1 columns and every
// filter of the table has an index (registration:list must stay fast at 100,000 users); the presets'
// are partial, so an ingest pays for a preset's index only on the rows that fall in it.
import type { Migration } from './types';

export const migration0060: Migration = {
  version: 60,
  name: 'registration',
  up(db) {
    db.exec(`
      CREATE TABLE registration_runs (
        id            INTEGER PRIMARY KEY,
        tenant_key    TEXT NOT NULL,                     -- "<cloud>:<tenant id>"
        source        TEXT NOT NULL CHECK (source IN ('report', 'batch-fallback')),
        state         TEXT NOT NULL CHECK (state IN ('staging', 'current', 'previous', 'abandoned')),
        started_at    INTEGER NOT NULL,                  -- epoch ms
        taken_at      INTEGER,                           -- when it became current
        report_next   TEXT,                              -- @odata.nextLink still to read (report stream)
        report_done   INTEGER NOT NULL DEFAULT 0,
        users_next    TEXT,                              -- @odata.nextLink still to read (/users stream)
        users_done    INTEGER NOT NULL DEFAULT 0,
        total_users   INTEGER,                           -- /users/$count when the ingest began
        users         INTEGER,                           -- aggregate figures, kept for the trend
        sspr_capable  INTEGER,
        mfa_capable   INTEGER,
        passwordless  INTEGER,
        no_methods    INTEGER
      ) STRICT;
      CREATE INDEX registration_runs_by_tenant ON registration_runs (tenant_key, state, id);

      -- One row per user and snapshot, from the report (or built by the $batch fallback).
      CREATE TABLE registration_snapshot (
        snapshot_id       INTEGER NOT NULL,
        user_id           TEXT NOT NULL,
        upn               TEXT NOT NULL COLLATE NOCASE,
        display_name      TEXT NOT NULL COLLATE NOCASE,
        department        TEXT,                          -- joined in from the /users stream on completion
        user_type         TEXT NOT NULL,
        is_admin          INTEGER NOT NULL,
        sspr_registered   INTEGER NOT NULL,
        sspr_enabled      INTEGER NOT NULL,
        sspr_capable      INTEGER NOT NULL,
        mfa_registered    INTEGER NOT NULL,
        mfa_capable       INTEGER NOT NULL,
        passwordless      INTEGER NOT NULL,
        phishing_resistant INTEGER NOT NULL,             -- has FIDO2 / WHfB / passkey / certificate
        methods           TEXT NOT NULL,                 -- JSON array, Graph's methodsRegistered
        method_count      INTEGER NOT NULL,
        preferred_method  TEXT,
        PRIMARY KEY (snapshot_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX registration_by_name ON registration_snapshot (snapshot_id, display_name);
      CREATE INDEX registration_by_upn ON registration_snapshot (snapshot_id, upn);
      CREATE INDEX registration_by_department ON registration_snapshot (snapshot_id, department, display_name);
      -- The presets: partial indexes, so each row pays only for the presets it falls in.
      CREATE INDEX registration_not_sspr ON registration_snapshot (snapshot_id, display_name) WHERE sspr_capable = 0;
      CREATE INDEX registration_not_mfa ON registration_snapshot (snapshot_id, display_name) WHERE mfa_capable = 0;
      CREATE INDEX registration_no_methods ON registration_snapshot (snapshot_id, display_name) WHERE method_count = 0;
      CREATE INDEX registration_weak_admins ON registration_snapshot (snapshot_id, display_name)
        WHERE is_admin = 1 AND phishing_resistant = 0;

      -- Rows of a snapshot being built: primary key only, so an ingest's inserts stay cheap; they
      -- move into registration_snapshot (whose indexes are rebuilt by sorting) when it completes.
      CREATE TABLE registration_staging (
        snapshot_id       INTEGER NOT NULL,
        user_id           TEXT NOT NULL,
        upn               TEXT NOT NULL,
        display_name      TEXT NOT NULL,
        user_type         TEXT NOT NULL,
        is_admin          INTEGER NOT NULL,
        sspr_registered   INTEGER NOT NULL,
        sspr_enabled      INTEGER NOT NULL,
        sspr_capable      INTEGER NOT NULL,
        mfa_registered    INTEGER NOT NULL,
        mfa_capable       INTEGER NOT NULL,
        passwordless      INTEGER NOT NULL,
        phishing_resistant INTEGER NOT NULL,
        methods           TEXT NOT NULL,
        method_count      INTEGER NOT NULL,
        preferred_method  TEXT,
        PRIMARY KEY (snapshot_id, user_id)
      ) STRICT, WITHOUT ROWID;

      -- methodsRegistered, one row per user and method: the method filter reads this index.
      CREATE TABLE registration_methods (
        snapshot_id INTEGER NOT NULL,
        method      TEXT NOT NULL,
        user_id     TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, method, user_id)
      ) STRICT, WITHOUT ROWID;

      -- The /users stream: department for the join, and what password age is computed from (password
      -- age reads every row of the snapshot to compute each state, so no secondary index here).
      CREATE TABLE registration_users (
        snapshot_id          INTEGER NOT NULL,
        user_id              TEXT NOT NULL,
        upn                  TEXT NOT NULL COLLATE NOCASE,
        display_name         TEXT NOT NULL COLLATE NOCASE,
        department           TEXT,
        user_type            TEXT NOT NULL,
        account_enabled      INTEGER,
        domain               TEXT NOT NULL COLLATE NOCASE, -- the UPN's domain, lower case
        password_changed_at  INTEGER,                      -- epoch ms; lastPasswordChangeDateTime
        never_expires        INTEGER NOT NULL,             -- passwordPolicies has DisablePasswordExpiration
        on_premises          INTEGER NOT NULL,             -- onPremisesSyncEnabled
        PRIMARY KEY (snapshot_id, user_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
