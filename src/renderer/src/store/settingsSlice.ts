// Settings and Policy state: the tenant connection (`settings:get`/`settings:update`), the cached
// tenant policy (`policy:get`; a refresh is a `policy-refresh` job, followed like every job) with
// each part's age, the SSPR policy as an
// admin recorded it (`settings:get-sspr`/`settings:set-sspr`), Resetline's verification policy, and
// forwarding to Azure Monitor Logs (`settings:get-forwarding`/`settings:set-forwarding`) with its status
// line (`forwarding:get-status`, read again every FORWARDING_STATUS_MS while a status line shows).
import type { StateCreator } from 'zustand';
import type { PolicyView, ResetlineApi } from '../../../shared/contract';
import type { ForwardingSetInputValue, ForwardingSettingsView, ForwardingStatus } from '../../../shared/forwarding';
import type { PermissionCheck } from '../../../shared/permissions';
import type {
  SmsSettingsInputValue,
  SmsSettingsView,
  SsprRecord,
  SsprRecordInputValue,
  TenantSettings,
  VerificationPolicy,
} from '../../../shared/settings';
import { idle, ready, save, settle, track, type Loadable, type SaveState } from './loadable';
import { createJobFollower, type JobFollow } from './jobs';
import type { Store } from './types';

/** How often a shown forwarding status line is read again. */
export const FORWARDING_STATUS_MS = 15_000;

export type { SaveState } from './loadable';

export interface SettingsState {
  tenant: Loadable<TenantSettings>;
  save: SaveState;
  policy: Loadable<PolicyView>;
  /**
   * The policy-refresh job being followed (one main started for a stale cache, or "Refresh"): its own
   * state, so a failed refresh keeps the cached policy on screen. The cache is read again when it ends.
   */
  policyRefresh: JobFollow;
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
  /** Forwarding to Azure Monitor Logs: the destination in use, where it comes from, how it is going. */
  forwarding: Loadable<ForwardingSettingsView>;
  forwardingSave: SaveState;
  /** The status line alone (Settings and History show it, refreshed every FORWARDING_STATUS_MS). */
  forwardingStatus: Loadable<ForwardingStatus>;
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
  saveSms: (input: SmsSettingsInputValue) => Promise<boolean>;
  loadPermissionCheck: () => Promise<void>;
  loadForwarding: () => Promise<void>;
  /** A destination, or `{ off: true }`. */
  saveForwarding: (input: ForwardingSetInputValue) => Promise<boolean>;
  loadForwardingStatus: () => Promise<void>;
}

const initialSettings: SettingsState = {
  tenant: idle,
  save: { status: 'idle' },
  policy: idle,
  policyRefresh: { status: 'idle' },
  sspr: idle,
  ssprSave: { status: 'idle' },
  verification: idle,
  verificationSave: { status: 'idle' },
  sms: idle,
  smsSave: { status: 'idle' },
  permissions: idle,
  forwarding: idle,
  forwardingSave: { status: 'idle' },
  forwardingStatus: idle,
};

export const createSettingsSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], SettingsSlice> =>
  (set, get) => {
    const patch = (changes: Partial<SettingsState>) => set((s) => ({ settings: { ...s.settings, ...changes } }));
    // A newer load (another agent, a save) makes the one being read stale.
    let policyLoads = 0;
    const policyJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => get().settings.policyRefresh,
      show: (state) => patch({ policyRefresh: state }),
    });
    /** Follows a policy-refresh job to its end, then shows the cache it filled. */
    const followRefresh = async (start: () => ReturnType<ResetlineApi['jobs']['get']>) => {
      const load = policyLoads;
      await policyJob.follow(start, async () => {
        const view = await settle(() => api().policy.get());
        if (view.ok && load === policyLoads) patch({ policy: ready(view.value) });
      });
    };

    return {
      settings: initialSettings,

      loadSettings: async () => {
        await track(patch, 'tenant', () => api().settings.get(), {
          loading: get().settings.tenant.status !== 'ready',
          select: (answer) => answer.tenant,
        });
      },

      saveSettings: async (tenant) => {
        const saved = await save(patch, 'save', () => api().settings.update({ tenant }), {
          alsoSaved: (answer): Partial<SettingsState> => {
            policyLoads += 1;
            policyJob.dismiss();
            return {
              tenant: ready(answer.tenant),
              policy: idle,
              // The recorded SSPR policy belongs to the tenant.
              sspr: idle,
              ssprSave: { status: 'idle' },
              sms: idle,
              smsSave: { status: 'idle' },
              permissions: idle,
            };
          },
        });
        if (!saved.ok) return false;
        // Main signs the agent out when the tenant changed; the header, the tenant badge and the
        // sign-in screen must follow at once.
        await Promise.all([get().loadSession(), get().loadInfo()]);
        return true;
      },

      clearSaveState: () => patch({ save: { status: 'idle' } }),

      loadPermissionCheck: async () => {
        await track(patch, 'permissions', () => api().settings.getPermissionCheck());
      },

      loadPolicy: async () => {
        policyLoads += 1;
        const load = policyLoads;
        const loaded = await track(patch, 'policy', () => api().policy.get(), {
          loading: get().settings.policy.status !== 'ready',
          isCurrent: () => load === policyLoads,
        });
        const jobId = loaded?.ok ? loaded.value.refreshJobId : null;
        // Main started a refresh of a stale cache: follow it, then show what it fetched.
        if (jobId !== null) await followRefresh(() => api().jobs.get({ jobId }));
      },

      refreshPolicy: async () => {
        await followRefresh(() => api().jobs.start({ kind: 'policy-refresh' }));
      },

      loadSspr: async () => {
        // Opening the screen again starts without the last visit's "Recorded.".
        patch({ ssprSave: { status: 'idle' } });
        await track(patch, 'sspr', () => api().settings.getSspr(), {
          loading: get().settings.sspr.status !== 'ready',
          select: (answer) => answer.record,
        });
      },

      saveSspr: async (record) => {
        const saved = await save(patch, 'ssprSave', () => api().settings.setSspr(record), {
          alsoSaved: (answer) => ({ sspr: ready(answer.record) }),
        });
        return saved.ok;
      },

      loadVerificationPolicy: async () => {
        patch({ verificationSave: { status: 'idle' } });
        await track(patch, 'verification', () => api().settings.getVerificationPolicy(), {
          loading: get().settings.verification.status !== 'ready',
        });
      },

      loadSms: async () => {
        patch({ smsSave: { status: 'idle' } });
        await track(patch, 'sms', () => api().settings.getSmsProvider(), {
          loading: get().settings.sms.status !== 'ready',
        });
      },

      saveSms: async (input) => {
        const saved = await save(patch, 'smsSave', () => api().settings.setSmsProvider(input), {
          alsoSaved: (value) => ({ sms: ready(value) }),
        });
        return saved.ok;
      },

      loadForwarding: async () => {
        patch({ forwardingSave: { status: 'idle' } });
        await track(patch, 'forwarding', () => api().settings.getForwarding(), {
          loading: get().settings.forwarding.status !== 'ready',
          alsoReady: (view) => ({ forwardingStatus: ready(view.status) }),
        });
      },

      saveForwarding: async (input) => {
        const saved = await save(patch, 'forwardingSave', () => api().settings.setForwarding(input), {
          alsoSaved: (view) => ({ forwarding: ready(view), forwardingStatus: ready(view.status) }),
        });
        return saved.ok;
      },

      loadForwardingStatus: async () => {
        // A refresh keeps the line on screen; only the first read shows "loading".
        await track(patch, 'forwardingStatus', () => api().forwarding.getStatus(), {
          loading: get().settings.forwardingStatus.status !== 'ready',
        });
      },

      saveVerificationPolicy: async (policy) => {
        const saved = await save(patch, 'verificationSave', () => api().settings.setVerificationPolicy(policy), {
          alsoSaved: (value) => ({ verification: ready(value) }),
        });
        return saved.ok;
      },
    };
  };
