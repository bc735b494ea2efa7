// The policy_cache table: one row per tenant and policy part, the last good value beside the last error.
import type Database from 'better-sqlite3';
import {
  POLICY_PARTS,
  type PolicyEntry,
  type PolicyPart,
  type PolicySnapshot,
  type PolicyValues,
} from '../../../shared/policy';

interface Row {
  part: string;
  value: string | null;
  fetched_at: number | null;
  error_code: string | null;
  error_message: string | null;
}

export function readPolicySnapshot(db: Database.Database, tenantKey: string): PolicySnapshot {
  const rows = db
    .prepare('SELECT part, value, fetched_at, error_code, error_message FROM policy_cache WHERE tenant_key = ?')
    .all(tenantKey) as Row[];
  const byPart = new Map(rows.map((r) => [r.part, r]));
  const snapshot = {} as Record<PolicyPart, PolicyEntry<PolicyPart>>;
  for (const part of POLICY_PARTS) {
    const row = byPart.get(part);
    snapshot[part] = {
      value: row?.value ? (JSON.parse(row.value) as PolicyValues[typeof part]) : null,
      fetchedAt: row?.fetched_at ? new Date(row.fetched_at).toISOString() : null,
      error: row?.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    };
  }
  return snapshot as PolicySnapshot;
}

export function writePolicyValue<K extends PolicyPart>(
  db: Database.Database,
  tenantKey: string,
  part: K,
  value: PolicyValues[K],
  fetchedAt: number,
): void {
  db.prepare(
    `INSERT INTO policy_cache (tenant_key, part, value, fetched_at, error_code, error_message)
     VALUES (?, ?, ?, ?, NULL, NULL)
     ON CONFLICT(tenant_key, part) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at,
       error_code = NULL, error_message = NULL`,
  ).run(tenantKey, part, JSON.stringify(value), fetchedAt);
}

/** Records a failed refresh without touching the last good value. */
export function writePolicyError(
  db: Database.Database,
  tenantKey: string,
  part: PolicyPart,
  code: string,
  message: string,
): void {
  db.prepare(
    `INSERT INTO policy_cache (tenant_key, part, value, fetched_at, error_code, error_message)
     VALUES (?, ?, NULL, NULL, ?, ?)
     ON CONFLICT(tenant_key, part) DO UPDATE SET error_code = excluded.error_code, error_message = excluded.error_message`,
  ).run(tenantKey, part, code, message);
}
