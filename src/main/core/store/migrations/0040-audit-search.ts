// History's extra filters: verification type, ticket/notes text, target name or UPN prefix.
// Everything is derived from audit_events by AFTER INSERT triggers; no audit row is rewritten or
// re-hashed, so the chain verifies exactly as before.
import type { Migration } from './types';

export const migration0040: Migration = {
  version: 40,
  name: 'audit-search',
  up(db) {
    db.exec(`
      -- One row per (event, check type) named in the event's verification summary. Keyed by
      -- (type, occurred_at, event_id) so a type filter pages in History's order with no sort.
      CREATE TABLE audit_verification (
        type        TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        event_id    INTEGER NOT NULL,
        passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
        failed      INTEGER NOT NULL CHECK (failed IN (0, 1)),
        PRIMARY KEY (type, occurred_at, event_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER audit_events_verification AFTER INSERT ON audit_events
      WHEN NEW.verification IS NOT NULL
      BEGIN
        INSERT INTO audit_verification (type, occurred_at, event_id, passed, failed)
        SELECT type, NEW.occurred_at, NEW.id, max(passed), max(failed) FROM (
          SELECT value AS type, 1 AS passed, 0 AS failed FROM json_each(NEW.verification, '$.passed')
          UNION ALL
          SELECT value, 0, 1 FROM json_each(NEW.verification, '$.failed')
        ) GROUP BY type;
      END;

      INSERT INTO audit_verification (type, occurred_at, event_id, passed, failed)
      SELECT type, occurred_at, id, max(passed), max(failed) FROM (
        SELECT p.value AS type, e.occurred_at, e.id, 1 AS passed, 0 AS failed
        FROM audit_events e, json_each(e.verification, '$.passed') p WHERE e.verification IS NOT NULL
        UNION ALL
        SELECT f.value, e.occurred_at, e.id, 0, 1
        FROM audit_events e, json_each(e.verification, '$.failed') f WHERE e.verification IS NOT NULL
      ) GROUP BY type, occurred_at, id;

      -- Full-text search over ticket reference and notes, reading its text from audit_events
      -- (external content: nothing stored twice). Append-only, so only inserts need mirroring.
      CREATE VIRTUAL TABLE audit_text USING fts5(
        ticket_ref, notes, content = 'audit_events', content_rowid = 'id'
      );

      -- Every row, even one with no text: FTS5 keeps a per-row size record and its integrity check
      -- expects one for each row of the content table.
      CREATE TRIGGER audit_events_text AFTER INSERT ON audit_events
      BEGIN
        INSERT INTO audit_text (rowid, ticket_ref, notes) VALUES (NEW.id, NEW.ticket_ref, NEW.notes);
      END;

      INSERT INTO audit_text (rowid, ticket_ref, notes)
      SELECT id, ticket_ref, notes FROM audit_events;

      -- Target by display-name prefix, in any letter case (target_upn is NOCASE already).
      CREATE INDEX audit_events_by_target_name ON audit_events (target_name COLLATE NOCASE, occurred_at);
    `);
  },
};
