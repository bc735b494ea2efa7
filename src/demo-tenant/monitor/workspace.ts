// The demo's Log Analytics workspace and its one data collection rule: a custom table with the columns
// README's template declares, rows kept per table (in memory, or in a SQLite file several demo tenants on
// one PC share, so a team lead's Team History sees every demo desk), a sliding per-DCR window for the
// documented rate limits, and fault switches tests use (throttle, fail, unreachable).
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Column, ColumnType, Row } from './kql';
import { INGESTION_LIMITS } from './rules';
import { assertNever } from '../never';

/** The custom table (names end in _CL: articles/azure-monitor/logs/create-custom-table.md). */
export const DEMO_TABLE = 'ResetlineAudit_CL';
/** The DCR's input stream (custom streams start with Custom-: articles/azure-monitor/logs/logs-ingestion-api-overview.md). */
export const DEMO_STREAM = 'Custom-ResetlineAudit';

/** The stream declaration's columns (its transformKql is `source`, so the table's are the same). */
export const DEMO_COLUMNS: readonly Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'RecordId', type: 'string' },
  { name: 'Kind', type: 'string' },
  { name: 'Desk', type: 'string' },
  { name: 'Tenant', type: 'string' },
  { name: 'RowId', type: 'long' },
  { name: 'Hash', type: 'string' },
  { name: 'PrevHash', type: 'string' },
  { name: 'CallId', type: 'string' },
  { name: 'AgentUpn', type: 'string' },
  { name: 'AgentId', type: 'string' },
  { name: 'TargetUpn', type: 'string' },
  { name: 'TargetId', type: 'string' },
  { name: 'TargetName', type: 'string' },
  { name: 'Action', type: 'string' },
  { name: 'Outcome', type: 'string' },
  { name: 'TicketRef', type: 'string' },
  { name: 'Notes', type: 'string' },
  { name: 'Verification', type: 'dynamic' },
  { name: 'Detail', type: 'dynamic' },
  { name: 'CheckpointId', type: 'long' },
  { name: 'SignedAt', type: 'datetime' },
  { name: 'Verified', type: 'boolean' },
  { name: 'Signature', type: 'string' },
];

export interface IngestionRecord {
  at: number;
  dcr: string;
  stream: string;
  status: number;
  rows: number;
  /** Bytes on the wire and after gunzip. */
  wireBytes: number;
  jsonBytes: number;
}

export interface MonitorFaults {
  /** The next `count` ingestion calls answer 429 with this Retry-After (seconds). */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /** The next `count` ingestion calls answer this status (500, 503…). */
  failNext(count: number, status: number): void;
  /** While true, ingestion connections are dropped without an answer (the endpoint unreachable). */
  setUnreachable(on: boolean): void;
}

/** Where a workspace keeps its rows: append in order, scan a table's rows in the order they arrived. */
interface RowStore {
  append(table: string, rows: readonly Row[]): void;
  scan(table: string): readonly Row[];
  close(): void;
}

class MemoryRows implements RowStore {
  private readonly tables = new Map<string, Row[]>();

  append(table: string, rows: readonly Row[]): void {
    let into = this.tables.get(table);
    if (!into) this.tables.set(table, (into = []));
    for (const r of rows) into.push(r);
  }

  scan(table: string): readonly Row[] {
    return this.tables.get(table) ?? [];
  }

  close(): void {}
}

/**
 * Rows in a SQLite file (WAL: several processes append and read at once), one workspace's rows apart from
 * another's. Rows only ever arrive, so each scan reads just the rows added since the last one (by this
 * process or another) into a copy kept in memory: a scan of a large table costs no JSON parsing.
 */
class SqliteRows implements RowStore {
  private readonly db: BetterSqlite3.Database;
  private readonly cache = new Map<string, Row[]>();
  private lastSeq = 0;

  constructor(
    file: string,
    private readonly workspace: string,
    nativeBinding?: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'a', 0o600));
    this.db = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
    try {
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS workspace_rows (
          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
          workspace  TEXT NOT NULL,
          table_name TEXT NOT NULL,
          row        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS workspace_rows_by_workspace ON workspace_rows (workspace, seq);
      `);
      chmodSync(file, 0o600);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  append(table: string, rows: readonly Row[]): void {
    const insert = this.db.prepare('INSERT INTO workspace_rows (workspace, table_name, row) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const r of rows) insert.run(this.workspace, table, JSON.stringify(r));
    })();
  }

  scan(table: string): readonly Row[] {
    // Streamed row by row, as arrays: the first scan of 1,000,000 rows would otherwise hold every row's
    // JSON text and an object per row at once, beside the parsed rows.
    const fresh = this.db
      .prepare('SELECT seq, table_name, row FROM workspace_rows WHERE workspace = ? AND seq > ? ORDER BY seq')
      .raw()
      .iterate(this.workspace, this.lastSeq) as IterableIterator<[number, string, string]>;
    for (const [seq, tableName, row] of fresh) {
      let into = this.cache.get(tableName);
      if (!into) this.cache.set(tableName, (into = []));
      into.push(JSON.parse(row) as Row);
      this.lastSeq = seq;
    }
    return this.cache.get(table) ?? [];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export interface WorkspaceStorage {
  /** A SQLite file to keep the rows in (shared by every demo tenant that names it); without it, memory. */
  file?: string | null;
  /** A better-sqlite3 binary built for Electron's ABI, when the demo tenant runs inside Electron. */
  nativeBinding?: string;
}

function guidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class DemoWorkspace {
  readonly workspaceId: string;
  readonly dcrImmutableId: string;
  private readonly tableNames = new Set([DEMO_TABLE]);
  private readonly store: RowStore;
  readonly ingestions: IngestionRecord[] = [];
  private window: { at: number; bytes: number }[] = [];
  pending: { throttle: number; retryAfter: number; fail: number; failStatus: number; unreachable: boolean } = {
    throttle: 0,
    retryAfter: 1,
    fail: 0,
    failStatus: 503,
    unreachable: false,
  };

  constructor(tenantId: string, storage: WorkspaceStorage = {}) {
    this.workspaceId = guidFrom(`workspace:${tenantId}`);
    this.dcrImmutableId = `dcr-${createHash('sha256').update(`dcr:${tenantId}`).digest('hex').slice(0, 32)}`;
    this.store = storage.file
      ? new SqliteRows(storage.file, this.workspaceId, storage.nativeBinding)
      : new MemoryRows();
  }

  /** Lets go of the rows' file (the demo tenant's stop). */
  close(): void {
    this.store.close();
  }

  streamTable(dcr: string, stream: string): { table: string; columns: readonly Column[] } | 'no-dcr' | 'no-stream' {
    if (dcr !== this.dcrImmutableId) return 'no-dcr';
    if (stream !== DEMO_STREAM) return 'no-stream';
    return { table: DEMO_TABLE, columns: DEMO_COLUMNS };
  }

  /** A table's columns and rows in the order they arrived (from every demo tenant sharing the file). */
  table(name: string): { columns: readonly Column[]; rows: readonly Row[] } | undefined {
    return this.tableNames.has(name) ? { columns: DEMO_COLUMNS, rows: this.store.scan(name) } : undefined;
  }

  totalRows(): number {
    let n = 0;
    for (const name of this.tableNames) n += this.store.scan(name).length;
    return n;
  }

  append(table: string, rows: Row[]): void {
    if (!this.tableNames.has(table)) throw new Error(`no table ${table}`);
    this.store.append(table, rows);
  }

  /** Seconds to wait when this call would pass the per-DCR minute limits, else undefined. */
  rateLimited(now: number, bytes: number): number | undefined {
    this.window = this.window.filter((w) => w.at > now - 60_000);
    const used = this.window.reduce((n, w) => n + w.bytes, 0);
    if (
      this.window.length + 1 > INGESTION_LIMITS.maxRequestsPerMinutePerDcr ||
      used + bytes > INGESTION_LIMITS.maxBytesPerMinutePerDcr
    ) {
      const oldest = this.window[0]?.at ?? now;
      return Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    }
    this.window.push({ at: now, bytes });
    return undefined;
  }

  faults(): MonitorFaults {
    return {
      throttleNext: (count, retryAfterSeconds) => {
        this.pending.throttle = count;
        this.pending.retryAfter = retryAfterSeconds;
      },
      failNext: (count, status) => {
        this.pending.fail = count;
        this.pending.failStatus = status;
      },
      setUnreachable: (on) => {
        this.pending.unreachable = on;
      },
    };
  }
}

/** Whether a JSON value fits a column type (the DCR's stream declaration). */
export function fitsType(value: unknown, type: ColumnType): boolean {
  if (value === null || value === undefined) return true;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'long':
      return typeof value === 'number' && Number.isInteger(value);
    case 'real':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'dynamic':
      return true;
    default:
      return assertNever(type, 'column type');
  }
}
