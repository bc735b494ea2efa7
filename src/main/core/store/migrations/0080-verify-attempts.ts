// Verification attempts remembered across calls, so closing and reopening the caller gives no fresh
// set of tries: one row per code sent, knowledge check started, wrong answer or pass. Only who, whom,
// which kind, what happened and when — never a code, an answer or an address.
import type { Migration } from './types';

export const migration0080: Migration = {
  version: 80,
  name: 'verify-attempts',
  up(db) {
    db.exec(`
      CREATE TABLE verify_attempts (
        id         INTEGER PRIMARY KEY,
        tenant_key TEXT NOT NULL,                        -- "<cloud>:<tenant id>"
        target_id  TEXT NOT NULL,                        -- the caller's object id
        agent_id   TEXT NOT NULL,                        -- the signed-in agent's object id
        type       TEXT NOT NULL CHECK (type IN ('sms', 'email', 'manager', 'knowledge')),
        outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'passed')),
        at         INTEGER NOT NULL                      -- epoch ms, UTC
      ) STRICT;
      CREATE INDEX verify_attempts_by_target ON verify_attempts (tenant_key, target_id, outcome, at);
      CREATE INDEX verify_attempts_by_agent ON verify_attempts (tenant_key, agent_id, outcome, at);
    `);
  },
};
