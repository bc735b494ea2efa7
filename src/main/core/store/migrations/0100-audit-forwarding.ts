// Forwarding the audit trail to Azure Monitor Logs (core/forwarding): per destination, how far the
// service has accepted the trail. The audit rows and checkpoints are append-only with increasing ids, so
// the outbox is everything above these two watermarks; they only move forward, after a 2xx.
import type { Migration } from './types';

export const migration0100: Migration = {
  version: 100,
  name: 'audit-forwarding',
  up(db) {
    db.exec(`
      -- destination: "<ingestion endpoint>|<DCR immutable id>|<stream>". A new destination starts at 0,
      -- so the whole trail reaches it; the old one's row stays as it was.
      CREATE TABLE audit_forwarding (
        destination        TEXT PRIMARY KEY CHECK (length(destination) BETWEEN 1 AND 700),
        sent_event_id      INTEGER NOT NULL DEFAULT 0 CHECK (sent_event_id >= 0),
        sent_checkpoint_id INTEGER NOT NULL DEFAULT 0 CHECK (sent_checkpoint_id >= 0),
        last_sent_at       INTEGER,                     -- epoch ms, UTC
        last_error         TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
        last_error_at      INTEGER,
        next_attempt_at    INTEGER
      ) STRICT;

      -- At-least-once: a watermark never moves back (a row once accepted is never counted as unsent).
      CREATE TRIGGER audit_forwarding_forward_only BEFORE UPDATE ON audit_forwarding
      WHEN NEW.sent_event_id < OLD.sent_event_id OR NEW.sent_checkpoint_id < OLD.sent_checkpoint_id
        OR NEW.destination IS NOT OLD.destination
      BEGIN SELECT RAISE(ABORT, 'audit_forwarding watermarks only move forward'); END;
    `);
  },
};
