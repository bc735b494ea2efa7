// The durable outbox (migration 0100): per destination, the audit row and checkpoint ids the service has
// accepted. Pending = everything above them, read in order; the watermarks move only after a 2xx.
import type BetterSqlite3 from 'better-sqlite3';
import type { ForwardingConfig } from '../../../shared/forwarding';
import type { CheckpointRow, EventRow } from './records';

type Db = BetterSqlite3.Database;

export interface Watermark {
  sentEventId: number;
  sentCheckpointId: number;
  lastSentAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  nextAttemptAt: number | null;
}

export function destinationKey(config: ForwardingConfig): string {
  return `${config.ingestionEndpoint}|${config.dcrImmutableId}|${config.streamName}`;
}

const EVENT_COLUMNS = `id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name, action,
  outcome, verification, ticket_ref, notes, detail, tenant, prev_hash, hash`;

export class Outbox {
  constructor(
    private readonly db: Db,
    readonly destination: string,
  ) {
    db.prepare('INSERT OR IGNORE INTO audit_forwarding (destination) VALUES (?)').run(destination);
  }

  watermark(): Watermark {
    const r = this.db
      .prepare(
        `SELECT sent_event_id AS sentEventId, sent_checkpoint_id AS sentCheckpointId, last_sent_at AS lastSentAt,
           last_error AS lastError, last_error_at AS lastErrorAt, next_attempt_at AS nextAttemptAt
         FROM audit_forwarding WHERE destination = ?`,
      )
      .get(this.destination) as Watermark | undefined;
    if (!r) throw new Error('forwarding watermark row missing');
    return r;
  }

  events(afterId: number, limit: number): EventRow[] {
    return this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE id > ? ORDER BY id LIMIT ?`)
      .all(afterId, limit) as EventRow[];
  }

  checkpoints(afterId: number, limit: number): CheckpointRow[] {
    return this.db
      .prepare(
        'SELECT id, row_id, row_hash, signed_at, verified, signature FROM audit_checkpoints WHERE id > ? ORDER BY id LIMIT ?',
      )
      .all(afterId, limit) as CheckpointRow[];
  }

  backlog(): number {
    const w = this.watermark();
    const events = this.db
      .prepare('SELECT count(*) FROM audit_events WHERE id > ?')
      .pluck()
      .get(w.sentEventId) as number;
    const cps = this.db
      .prepare('SELECT count(*) FROM audit_checkpoints WHERE id > ?')
      .pluck()
      .get(w.sentCheckpointId) as number;
    return events + cps;
  }

  /** After the service accepted a batch: both watermarks move (never back: the schema's trigger). */
  markSent(eventId: number, checkpointId: number, at: number): void {
    this.db
      .prepare(
        `UPDATE audit_forwarding SET sent_event_id = max(sent_event_id, ?), sent_checkpoint_id = max(sent_checkpoint_id, ?),
           last_sent_at = ?, last_error = NULL, last_error_at = NULL, next_attempt_at = NULL WHERE destination = ?`,
      )
      .run(eventId, checkpointId, at, this.destination);
  }

  recordFailure(message: string, at: number, nextAttemptAt: number | null): void {
    this.db
      .prepare(
        'UPDATE audit_forwarding SET last_error = ?, last_error_at = ?, next_attempt_at = ? WHERE destination = ?',
      )
      .run(message.slice(0, 500), at, nextAttemptAt, this.destination);
  }
}
