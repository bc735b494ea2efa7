// Settings in SQLite, one JSON value per key, each parsed by its zod schema on the way out so a bad
// or older value falls back to the default with a warning instead of breaking the app. What belongs
// to a tenant (the verification policy, the SMS provider, the recorded SSPR policy, forwarding, who signed in) is
// keyed by that tenant, so pointing Resetline at another tenant never carries one tenant's choices over.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { z as zod } from 'zod';
import { ForwardingConfigInput, type ForwardingConfig } from '../../../shared/forwarding';
import {
  DEFAULT_TENANT_SETTINGS,
  DEFAULT_VERIFICATION_POLICY,
  SsprRecordInput,
  TenantSettingsInput,
  VerificationPolicyInput,
  type SsprRecord,
  type SsprRecordInputValue,
  type TenantSettings,
  type VerificationPolicy,
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

/** 'demo' or '<cloud>:<tenant id>' (lower case): the key of everything Resetline keeps per tenant. */
export function tenantKeyOf(tenant: { cloud: TenantSettings['cloud']; tenantId?: string }): string {
  return tenant.cloud === 'demo' ? 'demo' : `${tenant.cloud}:${(tenant.tenantId ?? '').toLowerCase()}`;
}

/** The key of the tenant this database is configured for (a demo data folder holds no selection: demo). */
export function currentTenantKey(db: Database.Database): string {
  return tenantKeyOf(getTenantSettings(db));
}

/**
 * Successful sign-ins, per tenant: the first-run rule (isFirstRun) needs to know whether anyone ever
 * signed in to the configured tenant. Kept in the store that holds the tenant selection.
 */
const SIGN_INS = 'signed-in-tenants';

/** Settings that were one value for the whole install before they were kept per tenant (0.2 and older). */
const LEGACY_SINGLE_VALUES = ['verification-policy', 'sms-provider'] as const;
type PerTenantSetting = (typeof LEGACY_SINGLE_VALUES)[number];

/** Where a per-tenant setting of the configured tenant lives, once any older single value moved there. */
export function perTenantKey(db: Database.Database, setting: PerTenantSetting): string {
  adoptLegacySettings(db);
  return `${setting}:${currentTenantKey(db)}`;
}

/**
 * Moves what older releases kept once per install to the tenant configured now (once: the old key is
 * deleted), and starts the record of sign-ins. An install that was used before sign-ins were recorded
 * (its audit trail names a signed-in agent) counts its configured tenant as signed in to, so upgrading
 * never reopens first-run set-up. The runtime calls this when it opens the store; reads call it too.
 */
export function adoptLegacySettings(db: Database.Database): void {
  const present = db
    .prepare(`SELECT key FROM settings WHERE key IN (${LEGACY_SINGLE_VALUES.map(() => '?').join(',')}, '${SIGN_INS}')`)
    .all(...LEGACY_SINGLE_VALUES)
    .map((r) => (r as { key: string }).key);
  const legacy = present.filter((k) => k !== SIGN_INS);
  if (legacy.length === 0 && present.includes(SIGN_INS)) return;
  const tenant = currentTenantKey(db);
  db.transaction(() => {
    for (const key of legacy) {
      db.prepare(
        'INSERT OR IGNORE INTO settings (key, value, updated_at) SELECT ?, value, updated_at FROM settings WHERE key = ?',
      ).run(`${key}:${tenant}`, key);
      db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    }
    if (!present.includes(SIGN_INS)) {
      const used = db.prepare('SELECT 1 FROM audit_events WHERE agent_id IS NOT NULL LIMIT 1').get() !== undefined;
      writeSetting(
        db,
        SIGN_INS,
        used && tenantSettingsSaved(db) ? { [tenant]: { at: new Date().toISOString(), by: null } } : {},
      );
    }
  })();
  if (legacy.length > 0) log.info('moved install-wide settings to the configured tenant', { keys: legacy.join(',') });
}

export function getVerificationPolicy(db: Database.Database): VerificationPolicy {
  return readSetting(db, perTenantKey(db, 'verification-policy'), VerificationPolicyInput, DEFAULT_VERIFICATION_POLICY);
}

export function setVerificationPolicy(db: Database.Database, policy: VerificationPolicy): void {
  writeSetting(db, perTenantKey(db, 'verification-policy'), VerificationPolicyInput.parse(policy));
}

const SignIns = zod.record(zod.string(), zod.object({ at: zod.string(), by: zod.string().nullable() }).strict());

function signIns(db: Database.Database): z.output<typeof SignIns> {
  adoptLegacySettings(db);
  return readSetting(db, SIGN_INS, SignIns, {});
}

/** Notes that someone signed in to this tenant (once; later sign-ins change nothing). */
export function recordSignIn(db: Database.Database, tenantKey: string, by: string, now: number = Date.now()): void {
  const all = signIns(db);
  if (all[tenantKey]) return;
  writeSetting(db, SIGN_INS, { ...all, [tenantKey]: { at: new Date(now).toISOString(), by } });
}

function hasSignedIn(db: Database.Database, tenantKey: string): boolean {
  return signIns(db)[tenantKey] !== undefined;
}

function tenantSettingsSaved(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM settings WHERE key = 'tenant'").get() !== undefined;
}

/**
 * First-run set-up: the tenant may be chosen without an administrator's sign-in while no tenant was
 * ever saved on this install, or while nobody has ever signed in successfully to the tenant configured
 * now (so a mistyped tenant id can still be corrected). Once anyone signed in to it, only a policy
 * administrator signed in to that tenant may point Resetline elsewhere.
 */
export function isFirstRun(db: Database.Database): boolean {
  return !tenantSettingsSaved(db) || !hasSignedIn(db, currentTenantKey(db));
}

// The ACS settings (their access key is a secret) live in smsSettings.ts.

/**
 * The SSPR policy an admin recorded (Graph cannot read it), kept per configured tenant so pointing
 * Resetline at another tenant does not show this one's answer.
 */
const StoredSspr = zod
  .object({ record: SsprRecordInput, recordedAt: zod.iso.datetime(), recordedBy: zod.string().nullable() })
  .strict();

function ssprKey(db: Database.Database): string {
  return `sspr-policy:${currentTenantKey(db)}`;
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

/**
 * Forwarding to Azure Monitor Logs as an admin chose it for the configured tenant: a destination, or
 * null for off. Nothing saved means the default (settings/forwarding.ts decides it).
 */
const StoredForwarding = zod
  .object({ config: ForwardingConfigInput.nullable(), savedAt: zod.iso.datetime(), savedBy: zod.string().nullable() })
  .strict();
export type ForwardingChoice = { config: ForwardingConfig | null; savedAt: string; savedBy: string | null };

function forwardingKey(db: Database.Database): string {
  return `forwarding:${currentTenantKey(db)}`;
}

export function getForwardingChoice(db: Database.Database): ForwardingChoice | null {
  return readSetting(db, forwardingKey(db), StoredForwarding.nullable(), null);
}

/** Saves an admin's choice; `'default'` forgets it, so the default applies again. */
export function setForwardingChoice(
  db: Database.Database,
  choice: ForwardingConfig | null | 'default',
  savedBy: string | null,
  now: number = Date.now(),
): void {
  if (choice === 'default') {
    db.prepare('DELETE FROM settings WHERE key = ?').run(forwardingKey(db));
    return;
  }
  const config = choice === null ? null : ForwardingConfigInput.parse(choice);
  writeSetting(db, forwardingKey(db), { config, savedAt: new Date(now).toISOString(), savedBy });
}
