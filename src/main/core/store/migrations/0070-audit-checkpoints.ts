// Signed checkpoints of the audit chain's head, and the tenant on each audit row (docs/adr/0004-audit-trail.md).
// No stored row or hash is rewritten: old rows keep their tenant-less format and verify as before.
import type { Migration } from './types';

export const migration0070: Migration = {
  version: 70,
  name: 'audit-checkpoints',
  up(db) {
    db.exec(`
      -- The tenant the row was written under ('demo', 'global:<tenant id>'…). NULL on rows written
      -- before this step; a row with a tenant is hashed in the v2 format, which covers it.
      ALTER TABLE audit_events ADD COLUMN tenant TEXT CHECK (tenant IS NULL OR length(tenant) BETWEEN 1 AND 200);

      -- A row id and its hash as Resetline saw them, signed (HMAC-SHA256) with this install's key,
      -- which lives outside the database. verified = 1: a check found the whole chain intact up to
      -- row_id when it was signed, so the next check may start there.
      CREATE TABLE audit_checkpoints (
        id        INTEGER PRIMARY KEY,
        row_id    INTEGER NOT NULL CHECK (row_id >= 0),
        row_hash  BLOB NOT NULL CHECK (length(row_hash) = 32),
        signed_at INTEGER NOT NULL,                    -- epoch ms, UTC
        verified  INTEGER NOT NULL CHECK (verified IN (0, 1)),
        signature BLOB NOT NULL CHECK (length(signature) = 32)
      ) STRICT;
      CREATE INDEX audit_checkpoints_by_row ON audit_checkpoints (row_id);
      CREATE INDEX audit_checkpoints_verified ON audit_checkpoints (id) WHERE verified = 1;

      -- A checkpoint can only vouch for a row as it is stored (row 0: the chain's all-zero start).
      CREATE TRIGGER audit_checkpoints_match_row BEFORE INSERT ON audit_checkpoints
      WHEN NEW.row_hash IS NOT coalesce(
        (SELECT hash FROM audit_events WHERE id = NEW.row_id),
        CASE WHEN NEW.row_id = 0 THEN zeroblob(32) END)
      BEGIN SELECT RAISE(ABORT, 'audit checkpoint does not match the stored row'); END;

      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE refused'); END;

      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE refused'); END;
    `);
  },
};
