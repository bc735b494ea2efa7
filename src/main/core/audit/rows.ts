// The audit row as stored, the input an append accepts, and the conversions between them and the
// shared AuditEvent. Everything that is hashed is normalised here, once, before it is stored.
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  VERIFICATION_TYPES,
  type AuditAction,
  type AuditDetail,
  type AuditEvent,
  type AuditOutcome,
  type AuditVerification,
} from '../../../shared/audit';
import { isSecretEntry } from '../secrets';
import { AuditInputError, AuditSecretKeyError } from './errors';

export interface AuditEventInput {
  /** Defaults to now. Epoch ms or a Date. */
  occurredAt?: Date | number;
  callId?: string | null;
  agentUpn: string;
  agentId?: string | null;
  targetId?: string | null;
  targetUpn?: string | null;
  targetName?: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  verification?: AuditVerification | null;
  ticketRef?: string | null;
  notes?: string | null;
  detail?: AuditDetail;
  /** The tenant the event belongs to; defaults to the database's registered source (configureAuditTrail). */
  tenant?: string | null;
}

/** The hashed content of a row, exactly as it is stored (columns other than id and the hashes). */
export interface AuditContent {
  occurred_at: number;
  call_id: string | null;
  agent_upn: string;
  agent_id: string | null;
  target_id: string | null;
  target_upn: string | null;
  target_name: string | null;
  action: string;
  outcome: string;
  verification: string | null;
  ticket_ref: string | null;
  notes: string | null;
  detail: string;
}

/** Content plus the tenant: a row with a tenant is hashed in the v2 format, one without in v1. */
export interface AuditStoredContent extends AuditContent {
  tenant: string | null;
}

/** What the list query selects (no hashes: paging should not pay for BLOBs it does not show). */
export interface AuditRow extends AuditContent {
  id: number;
}

/** What verification reads. */
export interface AuditChainRow extends AuditRow {
  prev_hash: Buffer;
  hash: Buffer;
}

const ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const OUTCOMES: ReadonlySet<string> = new Set(AUDIT_OUTCOMES);
const VERIFICATION: ReadonlySet<string> = new Set(VERIFICATION_TYPES);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const MAX_TEXT = 10_000;

/**
 * SQLite stores UTF-8, which cannot hold a lone surrogate; the driver would swap it for U+FFFD.
 * Doing that swap ourselves first means the hash covers exactly the text that is stored.
 */
function storable(value: string): string {
  return LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, '\uFFFD') : value;
}

function text(field: string, value: string | null | undefined, required = false): string | null {
  if (value === undefined || value === null) {
    if (required) throw new AuditInputError(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw new AuditInputError(field, 'must be a string');
  if (required && value.trim() === '') throw new AuditInputError(field, 'must not be empty');
  if (value.length > MAX_TEXT) throw new AuditInputError(field, `is longer than ${MAX_TEXT} characters`);
  return storable(value);
}

const MAX_TENANT = 200;

function tenantKey(value: string | null): string | null {
  const key = text('tenant', value);
  if (key !== null && (key.trim() === '' || key.length > MAX_TENANT)) {
    throw new AuditInputError('tenant', `must be 1 to ${MAX_TENANT} characters`);
  }
  return key;
}

function epochMs(value: Date | number | undefined, now: number): number {
  const ms = value === undefined ? now : value instanceof Date ? value.getTime() : value;
  if (!Number.isSafeInteger(ms) || ms < 0) throw new AuditInputError('occurredAt', 'must be a valid time');
  return ms;
}

function verificationJson(v: AuditVerification | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (!Number.isSafeInteger(v.required) || v.required < 0) {
    throw new AuditInputError('verification.required', 'must be a non-negative integer');
  }
  for (const [name, list] of [
    ['passed', v.passed],
    ['failed', v.failed],
  ] as const) {
    if (!Array.isArray(list) || list.some((t) => !VERIFICATION.has(t))) {
      throw new AuditInputError(`verification.${name}`, `must list only ${VERIFICATION_TYPES.join(', ')}`);
    }
  }
  // Fixed key order: the stored text is what gets hashed.
  return JSON.stringify({ required: v.required, passed: v.passed, failed: v.failed });
}

function detailJson(detail: AuditDetail | undefined): string {
  if (detail === undefined) return '{}';
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new AuditInputError('detail', 'must be a flat object');
  }
  const keys = Object.keys(detail).sort();
  // No prototype: a "__proto__" key must be stored as data, not change the object.
  const out = Object.create(null) as AuditDetail;
  for (const key of keys) {
    const value = detail[key];
    if (isSecretEntry(key, value)) throw new AuditSecretKeyError(key);
    if (typeof value === 'string') out[storable(key)] = text(`detail.${key}`, value);
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AuditInputError(`detail.${key}`, 'must be a finite number');
      out[storable(key)] = value;
    } else if (typeof value === 'boolean' || value === null) out[storable(key)] = value;
    else throw new AuditInputError(`detail.${key}`, 'must be a string, number, boolean or null');
  }
  return JSON.stringify(out);
}

/**
 * Validates an input and produces the exact content that will be stored and hashed. `tenant` is the
 * registered default, used when the input names none.
 */
export function toContent(input: AuditEventInput, now: number, tenant: string | null = null): AuditStoredContent {
  if (!ACTIONS.has(input.action)) throw new AuditInputError('action', `unknown action "${String(input.action)}"`);
  if (!OUTCOMES.has(input.outcome)) {
    throw new AuditInputError('outcome', `unknown outcome "${String(input.outcome)}"`);
  }
  return {
    occurred_at: epochMs(input.occurredAt, now),
    call_id: text('callId', input.callId),
    agent_upn: text('agentUpn', input.agentUpn, true) as string,
    agent_id: text('agentId', input.agentId),
    target_id: text('targetId', input.targetId),
    target_upn: text('targetUpn', input.targetUpn),
    target_name: text('targetName', input.targetName),
    action: input.action,
    outcome: input.outcome,
    verification: verificationJson(input.verification),
    ticket_ref: text('ticketRef', input.ticketRef),
    notes: text('notes', input.notes),
    detail: detailJson(input.detail),
    tenant: tenantKey(input.tenant === undefined ? tenant : input.tenant),
  };
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    callId: row.call_id,
    agentUpn: row.agent_upn,
    agentId: row.agent_id,
    targetId: row.target_id,
    targetUpn: row.target_upn,
    targetName: row.target_name,
    // Only this module writes the table and it validates both on the way in.
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    verification: row.verification === null ? null : (JSON.parse(row.verification) as AuditVerification),
    ticketRef: row.ticket_ref,
    notes: row.notes,
    // Most events carry no detail; skipping the parse keeps a page cheap.
    detail: row.detail === '{}' ? {} : (JSON.parse(row.detail) as AuditDetail),
  };
}
