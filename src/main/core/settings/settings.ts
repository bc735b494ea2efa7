// Settings in SQLite, one JSON value per key, each parsed by its zod schema on the way out so a bad
// or older value falls back to the default with a warning instead of breaking the app.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { z as zod } from 'zod';
import { DEFAULT_VERIFICATION_POLICY, VerificationPolicyInput, type VerificationPolicy } from '../../../shared/caller';
import {
  DEFAULT_TENANT_SETTINGS,
  SsprRecordInput,
  TenantSettingsInput,
  type SsprRecord,
  type SsprRecordInputValue,
  type TenantSettings,
} from '../../../shared/settings';
import { createLogger } from '../log';

const log = createLogger('settings');

function readSetting<S extends z.ZodType>(
  db: Database.Database,
  key: string,
  schema: S,
  fallback: z.output<S>,
): z.output<S> {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  if (parsed.success) return parsed.data;
  log.warn('stored setting no longer valid; using the default', { key });
  return fallback;
}

function writeSetting(db: Database.Database, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), Date.now());
}

export function getTenantSettings(db: Database.Database): TenantSettings {
  return readSetting(db, 'tenant', TenantSettingsInput, DEFAULT_TENANT_SETTINGS);
}

export function setTenantSettings(db: Database.Database, settings: TenantSettings): void {
  writeSetting(db, 'tenant', TenantSettingsInput.parse(settings));
}

export function getVerificationPolicy(db: Database.Database): VerificationPolicy {
  return readSetting(db, 'verification-policy', VerificationPolicyInput, DEFAULT_VERIFICATION_POLICY);
}

export function setVerificationPolicy(db: Database.Database, policy: VerificationPolicy): void {
  writeSetting(db, 'verification-policy', VerificationPolicyInput.parse(policy));
}

// The ACS settings (their access key is a secret) live in core/verify/smsSettings.ts.

/**
 * The SSPR policy an admin recorded (Graph cannot read it), kept per configured tenant so pointing
 * Resetline at another tenant does not show this one's answer.
 */
const StoredSspr = zod
  .object({ record: SsprRecordInput, recordedAt: zod.iso.datetime(), recordedBy: zod.string().nullable() })
  .strict();

function ssprKey(db: Database.Database): string {
  const t = getTenantSettings(db);
  return t.cloud === 'demo' ? 'sspr-policy:demo' : `sspr-policy:${t.cloud}:${t.tenantId.toLowerCase()}`;
}

export function getSsprRecord(db: Database.Database): SsprRecord | null {
  const stored = readSetting(db, ssprKey(db), StoredSspr.nullable(), null);
  return stored === null ? null : { ...stored.record, recordedAt: stored.recordedAt, recordedBy: stored.recordedBy };
}

export function setSsprRecord(
  db: Database.Database,
  input: SsprRecordInputValue,
  recordedBy: string | null,
  now: number = Date.now(),
): SsprRecord {
  const record = SsprRecordInput.parse(input);
  // A group name means nothing unless SSPR is enabled for a selected group.
  if (record.enabledFor !== 'selected') record.selectedGroup = '';
  writeSetting(db, ssprKey(db), { record, recordedAt: new Date(now).toISOString(), recordedBy });
  return getSsprRecord(db)!;
}
