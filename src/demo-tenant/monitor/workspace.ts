// The demo's Log Analytics workspace and its one data collection rule: a custom table with the columns
// README's template declares, rows kept in memory per table, a sliding per-DCR window for the documented
// rate limits, and fault switches tests use (throttle, fail, unreachable).
import { createHash } from 'node:crypto';
import type { Column, ColumnType, Row } from './kql';
import { INGESTION_LIMITS } from './rules';

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

function guidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class DemoWorkspace {
  readonly workspaceId: string;
  readonly dcrImmutableId: string;
  private readonly tables = new Map<string, Row[]>([[DEMO_TABLE, []]]);
  readonly ingestions: IngestionRecord[] = [];
  private window: { at: number; bytes: number }[] = [];
  pending: { throttle: number; retryAfter: number; fail: number; failStatus: number; unreachable: boolean } = {
    throttle: 0,
    retryAfter: 1,
    fail: 0,
    failStatus: 503,
    unreachable: false,
  };

  constructor(tenantId: string) {
    this.workspaceId = guidFrom(`workspace:${tenantId}`);
    this.dcrImmutableId = `dcr-${createHash('sha256').update(`dcr:${tenantId}`).digest('hex').slice(0, 32)}`;
  }

  streamTable(dcr: string, stream: string): { table: string; columns: readonly Column[] } | 'no-dcr' | 'no-stream' {
    if (dcr !== this.dcrImmutableId) return 'no-dcr';
    if (stream !== DEMO_STREAM) return 'no-stream';
    return { table: DEMO_TABLE, columns: DEMO_COLUMNS };
  }

  table(name: string): { columns: readonly Column[]; rows: readonly Row[] } | undefined {
    const rows = this.tables.get(name);
    return rows ? { columns: DEMO_COLUMNS, rows } : undefined;
  }

  totalRows(): number {
    let n = 0;
    for (const rows of this.tables.values()) n += rows.length;
    return n;
  }

  append(table: string, rows: Row[]): void {
    const into = this.tables.get(table);
    if (!into) throw new Error(`no table ${table}`);
    for (const r of rows) into.push(r);
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
  }
}
