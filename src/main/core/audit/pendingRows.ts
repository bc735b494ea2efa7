// Audit rows that say what already happened but could not be written yet (SQLite's write lock was
// held elsewhere past busy_timeout). They are kept in memory, in order, retried a few times with
// back-off, then at the next audit write and when a call closes. They never hold a secret (the audit
// module refuses secret-like keys), so logging what waits is safe.
import type Database from 'better-sqlite3';
import { appendAuditEvent } from './append';
import type { AuditEventInput } from './rows';
import { createLogger } from '../log';

const log = createLogger('audit-queue');

/** Back-off between the background attempts after a row could not be written. */
const RETRY_DELAYS_MS = [250, 1_000, 4_000] as const;
/** How long a retry waits for the lock: short, since the main process is blocked while it waits. */
const RETRY_BUSY_TIMEOUT_MS = 100;

/** SQLite's "another connection holds the lock" (after busy_timeout): the one failure worth waiting out. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** Runs `fn` with a shorter busy_timeout on this connection, restoring the previous one after. */
function withBusyTimeout<T>(db: Database.Database, ms: number, fn: () => T): T {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}

export class PendingAuditRows {
  private readonly rows: AuditEventInput[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database.Database) {}

  get size(): number {
    return this.rows.length;
  }

  /**
   * Writes the row now (waiting up to busy_timeout) unless older rows still wait, in which case it
   * queues behind them so the trail keeps its order. Returns null when it waits. Only a busy database
   * is waited out: any other failure (a row the audit module refuses) is thrown, as a plain append would.
   */
  append(input: AuditEventInput): { id: number } | null {
    const row = { ...input, occurredAt: input.occurredAt ?? Date.now() };
    if (this.flush()) {
      try {
        return { id: appendAuditEvent(this.db, row).id };
      } catch (error) {
        if (!isBusy(error)) throw error;
        log.warn('audit row could not be written; kept to retry', { action: row.action, callId: row.callId, error });
      }
    }
    this.rows.push({ ...row, detail: { ...row.detail, recordedLate: true } });
    this.schedule(0);
    return null;
  }

  /** Writes what waits, oldest first, with a short wait for the lock. true when nothing waits. */
  flush(): boolean {
    if (this.rows.length === 0) return true;
    if (!this.db.open) return false;
    try {
      withBusyTimeout(this.db, RETRY_BUSY_TIMEOUT_MS, () => {
        while (this.rows.length > 0) {
          appendAuditEvent(this.db, this.rows[0]!);
          this.rows.shift();
        }
      });
      log.info('waiting audit rows written');
      return true;
    } catch (error) {
      if (isBusy(error) || !this.db.open) return false;
      // A row the audit module refuses would block every row behind it forever: said loudly, then dropped.
      const [refused] = this.rows.splice(0, 1);
      log.error('waiting audit row refused by the audit trail; dropped', { action: refused?.action, error });
      return this.flush();
    }
  }

  private schedule(attempt: number): void {
    if (this.timer) return;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      log.warn('audit rows still waiting; retried at the next audit write or call close', {
        waiting: this.rows.length,
        actions: this.rows.map((r) => r.action).join(','),
      });
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.flush()) this.schedule(attempt + 1);
    }, delay);
    this.timer.unref();
  }
}
