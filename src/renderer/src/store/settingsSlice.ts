// Settings and Policy state: the tenant connection (`settings:get`/`settings:update`), the cached
// tenant policy (`policy:get`/`policy:refresh`), each part shown with its age, the SSPR policy as an
// admin recorded it (`settings:get-sspr`/`settings:set-sspr`) and Resetline's verification policy.
import type { StateCreator } from 'zustand';
import type { PolicyView, ResetlineApi } from '../../../shared/contract';
import type { SmsSettingsView, VerificationPolicy } from '../../../shared/caller';
import type { PermissionCheck } from '../../../shared/permissions';
import type { ResultError } from '../../../shared/result';
import type { SsprRecord, SsprRecordInputValue, TenantSettings } from '../../../shared/settings';
import { call, idle, loading, toResultError, type Loadable } from './loadable';
import type { Store } from './types';

/** While main refreshes the policy in the background, read the cache again this often… */
export const POLICY_FOLLOW_MS = 1000;
/** …but not for ever: main restarts a refresh on every read while a part stays unreadable. */
export const POLICY_FOLLOW_MAX = 15;

export type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; error: ResultError };

export interface SettingsState {
  tenant: Loadable<TenantSettings>;
  save: SaveState;
  policy: Loadable<PolicyView>;
  /** A background refresh main started is being followed until its results land. */
  policyFollowing: boolean;
  /** "Refresh" has its own state so a failed refresh keeps the cached policy on screen. */
  policyRefresh: { status: 'idle' | 'refreshing' } | { status: 'error'; error: ResultError };
  /** null until an admin records the tenant's SSPR policy (Graph cannot read it). */
  sspr: Loadable<SsprRecord | null>;
  ssprSave: SaveState;
  verification: Loadable<VerificationPolicy>;
  verificationSave: SaveState;
  /** The SMS provider as main shows it: never the access key. */
  sms: Loadable<SmsSettingsView>;
  smsSave: SaveState;
  /** The permissions check: consented permissions and roles against what each feature needs. */
  permissions: Loadable<PermissionCheck>;
}

export interface SettingsSlice {
  settings: SettingsState;
  loadSettings: () => Promise<void>;
  saveSettings: (tenant: TenantSettings) => Promise<boolean>;
  clearSaveState: () => void;
  loadPolicy: () => Promise<void>;
  refreshPolicy: () => Promise<void>;
  loadSspr: () => Promise<void>;
  saveSspr: (record: SsprRecordInputValue) => Promise<boolean>;
  loadVerificationPolicy: () => Promise<void>;
  saveVerificationPolicy: (policy: VerificationPolicy) => Promise<boolean>;
  loadSms: () => Promise<void>;
  /** Omit the connection string to keep the stored key and change only the number. */
  saveSms: (input: { connectionString?: string; fromNumber: string }) => Promise<boolean>;
  loadPermissionCheck: () => Promise<void>;
}

const initialSettings: SettingsState = {
  tenant: idle,
  save: { status: 'idle' },
  policy: idle,
  policyFollowing: false,
  policyRefresh: { status: 'idle' },
  sspr: idle,
  ssprSave: { status: 'idle' },
  verification: idle,
  verificationSave: { status: 'idle' },
  sms: idle,
  smsSave: { status: 'idle' },
  permissions: idle,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a refresh changes: when a part was fetched and why it last failed. */
function partsSignature(view: PolicyView): string {
  return JSON.stringify(Object.values(view.snapshot).map((e) => [e.fetchedAt, e.error?.code ?? null]));
}

export const createSettingsSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], SettingsSlice> =>
  (set, get) => {
    const patch = (changes: Partial<SettingsState>) => set((s) => ({ settings: { ...s.settings, ...changes } }));
    // A newer load (another agent, a save) supersedes the one being followed.
    let policyGeneration = 0;

    return {
      settings: initialSettings,

      loadSettings: async () => {
        if (get().settings.tenant.status !== 'ready') patch({ tenant: loading });
        try {
          patch({ tenant: { status: 'ready', value: (await call(api().settings.get())).tenant } });
        } catch (error) {
          patch({ tenant: { status: 'error', error: toResultError(error) } });
        }
      },

      saveSettings: async (tenant) => {
        patch({ save: { status: 'saving' } });
        try {
          const saved = (await call(api().settings.update({ tenant }))).tenant;
          policyGeneration++;
          patch({
            tenant: { status: 'ready', value: saved },
            save: { status: 'saved' },
            policy: idle,
            policyFollowing: false,
            // The recorded SSPR policy belongs to the tenant.
            sspr: idle,
            ssprSave: { status: 'idle' },
            sms: idle,
            smsSave: { status: 'idle' },
            permissions: idle,
          });
          // Main signs the agent out when the tenant changed; the header, the tenant badge and the
          // sign-in screen must follow at once.
          await Promise.all([get().loadSession(), get().loadInfo()]);
          return true;
        } catch (error) {
          patch({ save: { status: 'error', error: toResultError(error) } });
          return false;
        }
      },

      clearSaveState: () => patch({ save: { status: 'idle' } }),

      loadPermissionCheck: async () => {
        patch({ permissions: loading });
        try {
          patch({ permissions: { status: 'ready', value: await call(api().settings.getPermissionCheck()) } });
        } catch (error) {
          patch({ permissions: { status: 'error', error: toResultError(error) } });
        }
      },

      loadPolicy: async () => {
        const generation = ++policyGeneration;
        const current = () => generation === policyGeneration;
        if (get().settings.policy.status !== 'ready') patch({ policy: loading });
        try {
          let view = await call(api().policy.get());
          if (!current()) return;
          patch({ policy: { status: 'ready', value: view }, policyFollowing: view.refreshing });
          // Follow main's background refresh until its results change the cache, then stop.
          const baseline = partsSignature(view);
          for (let i = 0; view.refreshing && i < POLICY_FOLLOW_MAX; i++) {
            await sleep(POLICY_FOLLOW_MS);
            if (!current()) return;
            view = await call(api().policy.get());
            if (!current()) return;
            patch({ policy: { status: 'ready', value: view } });
            if (partsSignature(view) !== baseline) break;
          }
        } catch (error) {
          if (current()) patch({ policy: { status: 'error', error: toResultError(error) } });
        } finally {
          if (current()) patch({ policyFollowing: false });
        }
      },

      refreshPolicy: async () => {
        if (get().settings.policyRefresh.status === 'refreshing') return;
        patch({ policyRefresh: { status: 'refreshing' } });
        try {
          const value = await call(api().policy.refresh());
          patch({ policy: { status: 'ready', value }, policyRefresh: { status: 'idle' } });
        } catch (error) {
          patch({ policyRefresh: { status: 'error', error: toResultError(error) } });
        }
      },

      loadSspr: async () => {
        // Opening the screen again starts without the last visit's "Recorded.".
        patch({ ssprSave: { status: 'idle' } });
        if (get().settings.sspr.status !== 'ready') patch({ sspr: loading });
        try {
          patch({ sspr: { status: 'ready', value: (await call(api().settings.getSspr())).record } });
        } catch (error) {
          patch({ sspr: { status: 'error', error: toResultError(error) } });
        }
      },

      saveSspr: async (record) => {
        patch({ ssprSave: { status: 'saving' } });
        try {
          const saved = (await call(api().settings.setSspr(record))).record;
          patch({ sspr: { status: 'ready', value: saved }, ssprSave: { status: 'saved' } });
          return true;
        } catch (error) {
          patch({ ssprSave: { status: 'error', error: toResultError(error) } });
          return false;
        }
      },

      loadVerificationPolicy: async () => {
        patch({ verificationSave: { status: 'idle' } });
        if (get().settings.verification.status !== 'ready') patch({ verification: loading });
        try {
          patch({ verification: { status: 'ready', value: await call(api().verify.getPolicy()) } });
        } catch (error) {
          patch({ verification: { status: 'error', error: toResultError(error) } });
        }
      },

      loadSms: async () => {
        patch({ smsSave: { status: 'idle' } });
        if (get().settings.sms.status !== 'ready') patch({ sms: loading });
        try {
          patch({ sms: { status: 'ready', value: await call(api().verify.getSmsSettings()) } });
        } catch (error) {
          patch({ sms: { status: 'error', error: toResultError(error) } });
        }
      },

      saveSms: async (input) => {
        patch({ smsSave: { status: 'saving' } });
        try {
          const saved = await call(api().verify.setSmsSettings(input));
          patch({ sms: { status: 'ready', value: saved }, smsSave: { status: 'saved' } });
          return true;
        } catch (error) {
          patch({ smsSave: { status: 'error', error: toResultError(error) } });
          return false;
        }
      },

      saveVerificationPolicy: async (policy) => {
        patch({ verificationSave: { status: 'saving' } });
        try {
          const saved = await call(api().verify.setPolicy(policy));
          patch({ verification: { status: 'ready', value: saved }, verificationSave: { status: 'saved' } });
          return true;
        } catch (error) {
          patch({ verificationSave: { status: 'error', error: toResultError(error) } });
          return false;
        }
      },
    };
  };
