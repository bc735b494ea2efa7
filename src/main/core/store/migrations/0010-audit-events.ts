// The append-only, hash-chained audit trail and the anchor row that pins its tail.
import type { Migration } from './types';

export const migration0010: Migration = {
  version: 10,
  name: 'audit-events',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        id            INTEGER PRIMARY KEY,
        occurred_at   INTEGER NOT NULL,                -- epoch ms, UTC
        call_id       TEXT,
        agent_upn     TEXT NOT NULL COLLATE NOCASE,    -- UPNs compare case-insensitively in Entra
        agent_id      TEXT,
        target_id     TEXT,
        target_upn    TEXT COLLATE NOCASE,
        target_name   TEXT,
        action        TEXT NOT NULL,
        outcome       TEXT NOT NULL,
        verification  TEXT CHECK (verification IS NULL OR json_valid(verification)),
        ticket_ref    TEXT,
        notes         TEXT,
        detail        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        prev_hash     BLOB NOT NULL CHECK (length(prev_hash) = 32),
        hash          BLOB NOT NULL CHECK (length(hash) = 32)
      ) STRICT;

      -- Every History filter pages by (occurred_at DESC, id DESC); the rowid is the implicit last
      -- column of each index, so each of these serves its filter and the order without a sort.
      CREATE INDEX audit_events_by_time    ON audit_events (occurred_at);
      CREATE INDEX audit_events_by_agent   ON audit_events (agent_upn, occurred_at);
      CREATE INDEX audit_events_by_target  ON audit_events (target_upn, occurred_at);
      CREATE INDEX audit_events_by_action  ON audit_events (action, occurred_at);
      CREATE INDEX audit_events_by_outcome ON audit_events (outcome, occurred_at);
      -- The call drawer's timeline: all events of one call.
      CREATE INDEX audit_events_by_call    ON audit_events (call_id) WHERE call_id IS NOT NULL;

      -- One row naming the last link of the chain, so cutting rows off the tail is detectable.
      CREATE TABLE audit_anchor (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        last_id   INTEGER NOT NULL,
        last_hash BLOB NOT NULL CHECK (length(last_hash) = 32)
      ) STRICT;
      INSERT INTO audit_anchor (id, last_id, last_hash) VALUES (1, 0, zeroblob(32));

      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;

      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;

      -- A row may only extend the chain: the next id, linked to the anchor's hash. This holds even
      -- for a second process appending to the same file, so the chain can never fork.
      CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
      WHEN NEW.id IS NOT (SELECT last_id + 1 FROM audit_anchor WHERE id = 1)
        OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_anchor WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'audit_events insert does not extend the chain'); END;

      -- The anchor moves in the same statement as the insert, so it cannot lag behind a commit.
      CREATE TRIGGER audit_events_advance_anchor AFTER INSERT ON audit_events
      BEGIN UPDATE audit_anchor SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1; END;

      CREATE TRIGGER audit_anchor_forward_only BEFORE UPDATE ON audit_anchor
      WHEN NEW.id IS NOT OLD.id
        OR NEW.last_id IS NOT OLD.last_id + 1
        OR NEW.last_hash IS NOT (SELECT hash FROM audit_events WHERE id = NEW.last_id)
      BEGIN SELECT RAISE(ABORT, 'audit_anchor only advances to the newest audit row'); END;

      CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
      BEGIN SELECT RAISE(ABORT, 'audit_anchor cannot be deleted'); END;
    `);
  },
};
