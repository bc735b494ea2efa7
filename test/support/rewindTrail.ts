// What someone in control of a PC can do to its audit trail while Resetline is closed: open the data
// file with plain better-sqlite3, drop the append-only triggers, cut the trail back to before a row they
// want gone (the rows, their search entries, the signed checkpoints vouching for them, the anchor), wind
// the forwarding outbox back to match (as restoring an older copy of the file would), and put the
// triggers back so nothing looks touched. The local chain then verifies; only a copy kept elsewhere (the
// team's workspace) still holds the rows that were cut. No app code is used: the attacker has none.
import BetterSqlite3 from 'better-sqlite3';

/** Every trigger that refuses a change the rewind makes (they come back afterwards, as they were). */
const GUARDS = [
  'audit_events_no_delete',
  'audit_anchor_forward_only',
  'audit_checkpoints_no_delete',
  'audit_forwarding_forward_only',
];

export interface Rewind {
  /** The last row kept: the trail now ends there, and the next row written takes the id after it. */
  keptUpTo: number;
  /** The rows removed (they were rows keptUpTo + 1 to keptUpTo + removed). */
  removed: number;
}

/** Cuts the trail in `file` back to just before its first row with `action` (the app must be closed). */
export function rewindTrailBefore(file: string, action: string): Rewind {
  const db = new BetterSqlite3(file);
  try {
    return db.transaction(() => {
      const first = db.prepare('SELECT min(id) FROM audit_events WHERE action = ?').pluck().get(action);
      if (typeof first !== 'number') throw new Error(`No ${action} row in ${file}`);
      const keptUpTo = first - 1;
      const guards = db
        .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${GUARDS.map(() => '?')})`)
        .all(...GUARDS) as { name: string; sql: string }[];
      if (guards.length !== GUARDS.length) throw new Error(`Expected the triggers ${GUARDS.join(', ')}`);
      for (const g of guards) db.exec(`DROP TRIGGER ${g.name}`);

      const keptHash = db.prepare('SELECT hash FROM audit_events WHERE id = ?').pluck().get(keptUpTo) as Buffer;
      db.prepare('DELETE FROM audit_verification WHERE event_id > ?').run(keptUpTo);
      const { changes: removed } = db.prepare('DELETE FROM audit_events WHERE id > ?').run(keptUpTo);
      // The full-text index reads its text from audit_events: rebuilt from the rows left.
      db.exec("INSERT INTO audit_text (audit_text) VALUES ('rebuild')");
      db.prepare('DELETE FROM audit_checkpoints WHERE row_id > ?').run(keptUpTo);
      db.prepare('UPDATE audit_anchor SET last_id = ?, last_hash = ? WHERE id = 1').run(keptUpTo, keptHash);
      const lastCheckpoint = (db.prepare('SELECT max(id) FROM audit_checkpoints').pluck().get() as number | null) ?? 0;
      db.prepare(
        `UPDATE audit_forwarding SET sent_event_id = min(sent_event_id, ?), sent_checkpoint_id = min(sent_checkpoint_id, ?)`,
      ).run(keptUpTo, lastCheckpoint);

      for (const g of guards) db.exec(g.sql);
      return { keptUpTo, removed };
    })();
  } finally {
    db.close();
  }
}
