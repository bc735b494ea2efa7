// One audit row or signed checkpoint as a record of the custom table the DCR's stream declares (the demo
// tenant's monitor/workspace.ts declares the same columns): column names per MicrosoftDocs/azure-monitor-docs
// articles/azure-monitor/logs/logs-ingestion-api-overview.md, "Supported tables" (a letter first, up to 45
// letters, digits or _, none of the reserved names). RecordId is the row's chain hash (a checkpoint's: its
// signature), so a reader removes the duplicates at-least-once delivery may leave.
import type { CheckpointRow } from '../audit/checkpoints';
import type { AuditChainRow, AuditStoredContent } from '../audit/rows';

/** An audit row as the chain stores it, tenant and hashes included (core/audit owns the shape). */
export type EventRow = AuditChainRow & Pick<AuditStoredContent, 'tenant'>;
export type { CheckpointRow };

export interface ForwardedRecord {
  TimeGenerated: string;
  RecordId: string;
  Kind: 'event' | 'checkpoint';
  Desk: string;
  Tenant: string | null;
  RowId: number;
  Hash: string;
  PrevHash?: string;
  CallId?: string | null;
  AgentUpn?: string;
  AgentId?: string | null;
  TargetUpn?: string | null;
  TargetId?: string | null;
  TargetName?: string | null;
  Action?: string;
  Outcome?: string;
  TicketRef?: string | null;
  Notes?: string | null;
  Verification?: unknown;
  Detail?: unknown;
  CheckpointId?: number;
  SignedAt?: string;
  Verified?: boolean;
  Signature?: string;
}

/** Every column a record may carry, in table order (a unit test keeps the demo's declaration equal). */
export const RECORD_COLUMNS = [
  'TimeGenerated',
  'RecordId',
  'Kind',
  'Desk',
  'Tenant',
  'RowId',
  'Hash',
  'PrevHash',
  'CallId',
  'AgentUpn',
  'AgentId',
  'TargetUpn',
  'TargetId',
  'TargetName',
  'Action',
  'Outcome',
  'TicketRef',
  'Notes',
  'Verification',
  'Detail',
  'CheckpointId',
  'SignedAt',
  'Verified',
  'Signature',
] as const;

function json(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function eventRecord(row: EventRow, desk: string): ForwardedRecord {
  return {
    TimeGenerated: new Date(row.occurred_at).toISOString(),
    RecordId: row.hash.toString('hex'),
    Kind: 'event',
    Desk: desk,
    Tenant: row.tenant,
    RowId: row.id,
    Hash: row.hash.toString('hex'),
    PrevHash: row.prev_hash.toString('hex'),
    CallId: row.call_id,
    AgentUpn: row.agent_upn,
    AgentId: row.agent_id,
    TargetUpn: row.target_upn,
    TargetId: row.target_id,
    TargetName: row.target_name,
    Action: row.action,
    Outcome: row.outcome,
    TicketRef: row.ticket_ref,
    Notes: row.notes,
    Verification: json(row.verification),
    Detail: json(row.detail),
  };
}

export function checkpointRecord(row: CheckpointRow, desk: string, tenant: string | null): ForwardedRecord {
  return {
    TimeGenerated: new Date(row.signed_at).toISOString(),
    RecordId: row.signature.toString('hex'),
    Kind: 'checkpoint',
    Desk: desk,
    Tenant: tenant,
    RowId: row.row_id,
    Hash: row.row_hash.toString('hex'),
    CheckpointId: row.id,
    SignedAt: new Date(row.signed_at).toISOString(),
    Verified: row.verified === 1,
    Signature: row.signature.toString('hex'),
  };
}

/** Keeps the first record of each RecordId, in order: the team view of an at-least-once stream. */
export function dedupeRecords<T extends { RecordId: unknown }>(records: readonly T[]): T[] {
  const seen = new Set<unknown>();
  return records.filter((r) => (seen.has(r.RecordId) ? false : (seen.add(r.RecordId), true)));
}
