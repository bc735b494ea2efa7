// The tenant policy Resetline works within, as cached in main: each part with when it was fetched,
// so the UI can show its age when Graph cannot be reached.

export const POLICY_PARTS = ['authMethods', 'tap', 'domains', 'licences', 'writeback'] as const;
export type PolicyPart = (typeof POLICY_PARTS)[number];

export interface AuthMethodPolicyEntry {
  id: string;
  state: 'enabled' | 'disabled';
  /** "all_users" or the group ids the method is enabled for. */
  includeTargets: string[];
}

export interface TapPolicy {
  state: 'enabled' | 'disabled';
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
}

export interface DomainPasswordPolicy {
  id: string;
  isDefault: boolean;
  /** Graph's default when unset is 90; 2147483647 means "never expires". */
  passwordValidityPeriodInDays: number;
  passwordNotificationWindowInDays: number;
}

export interface LicenceSummary {
  entraP1: boolean;
  entraP2: boolean;
  skus: { skuPartNumber: string; enabledUnits: number }[];
}

/** Directory synchronization as Graph reports it: whether admin resets of synced users reach AD. */
export interface WritebackPolicy {
  /** organization.onPremisesSyncEnabled: the tenant syncs from on-premises AD. */
  syncEnabled: boolean;
  lastSyncDateTime: string | null;
  /** features.passwordSyncEnabled (password hash sync); false when the tenant does not sync. */
  passwordSyncEnabled: boolean;
  /**
   * features.passwordWritebackEnabled, kept as read but never shown as the writeback status: Microsoft
   * documents it as "not in use" (resources/onpremisesdirectorysynchronizationfeature.md).
   */
  passwordWritebackEnabled: boolean;
}

/** Reading directory synchronization needs this delegated permission and the Global Administrator role. */
export const WRITEBACK_PERMISSION = 'OnPremDirectorySynchronization.Read.All';

export interface PolicyValues {
  authMethods: AuthMethodPolicyEntry[];
  tap: TapPolicy | null;
  domains: DomainPasswordPolicy[];
  licences: LicenceSummary;
  writeback: WritebackPolicy;
}

export interface PolicyEntry<K extends PolicyPart> {
  value: PolicyValues[K] | null;
  /** ISO time of the last successful fetch; null if never fetched. */
  fetchedAt: string | null;
  /** Why the last refresh failed (kept beside the older value). */
  error: { code: string; message: string } | null;
}

export type PolicySnapshot = { [K in PolicyPart]: PolicyEntry<K> };
