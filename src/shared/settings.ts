// The settings an admin changes over the `settings:*` channels: the tenant connection (which cloud, which
// tenant, which app registration; first run: the demo tenant), the SSPR record, the verification policy and
// the SMS provider.
import { z } from 'zod';
import { VERIFICATION_TYPES } from './audit';

export const CLOUDS = ['demo', 'global', 'usgov', 'dod', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** The Microsoft Graph a connection speaks to; the demo tenant stands in for one of them (global by default). */
export const GRAPH_CLOUDS = ['global', 'usgov', 'dod', 'china'] as const;
export type GraphCloud = (typeof GRAPH_CLOUDS)[number];

export const CLOUD_LABELS: Record<Cloud, string> = {
  demo: 'Demo tenant (built in, no Microsoft account)',
  global: 'Microsoft Entra ID (global)',
  usgov: 'US Government (GCC High)',
  dod: 'US Government DoD',
  china: 'China (operated by 21Vianet)',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant can be named by its id or by a verified domain (contoso.onmicrosoft.com).
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const TenantSettingsInput = z.discriminatedUnion('cloud', [
  z.object({ cloud: z.literal('demo') }).strict(),
  z
    .object({
      cloud: z.enum(['global', 'usgov', 'dod', 'china']),
      tenantId: z
        .string()
        .trim()
        .refine((v) => GUID.test(v) || DOMAIN.test(v), {
          message: 'Enter the tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.',
        }),
      clientId: z.string().trim().regex(GUID, {
        message: 'Enter the application (client) id of the app registration: a GUID.',
      }),
    })
    .strict(),
]);
export type TenantSettings = z.output<typeof TenantSettingsInput>;

export const DEFAULT_TENANT_SETTINGS: TenantSettings = { cloud: 'demo' };

/**
 * The tenant's self-service password reset policy as an admin recorded it in Resetline: Microsoft
 * Graph has no API that reads the SSPR policy, so Resetline can only know what someone typed in.
 */
const SSPR_SCOPES = ['all', 'selected', 'none'] as const;
export type SsprScope = (typeof SSPR_SCOPES)[number];

export const SsprRecordInput = z
  .object({
    /** "Number of methods required to reset" in the Entra admin centre (admins always need 2). */
    methodsRequired: z.union([z.literal(1), z.literal(2)]),
    /** "Self service password reset enabled": All, Selected (one group) or None. */
    enabledFor: z.enum(SSPR_SCOPES),
    /** The group's name when enabled for a selected group; ignored otherwise. */
    selectedGroup: z.string().trim().max(256).default(''),
  })
  .strict()
  .refine((r) => r.enabledFor !== 'selected' || r.selectedGroup.length > 0, {
    message: 'Name the group SSPR is enabled for.',
    path: ['selectedGroup'],
  });
export type SsprRecordInputValue = z.input<typeof SsprRecordInput>;

/** What was recorded, when and by whom; null until someone records it. */
export type SsprRecord = z.output<typeof SsprRecordInput> & { recordedAt: string; recordedBy: string | null };

// ---- verification policy ---------------------------------------------------------------------

export const VerificationPolicyInput = z
  .object({
    /** Passed checks of distinct types a non-admin caller needs. Admin targets always need 2. */
    requiredChecks: z.union([z.literal(1), z.literal(2)]),
    allowedTypes: z.array(z.enum(VERIFICATION_TYPES)).min(1).max(VERIFICATION_TYPES.length),
    /** Wrong codes (or answers) a challenge takes before it locks. */
    maxAttempts: z.number().int().min(1).max(10),
    codeLength: z.number().int().min(6).max(8),
    /**
     * Send email codes (and emailed secrets) from this shared mailbox instead of the agent's own;
     * the agent needs Send As on it in Exchange. null = the signed-in agent's mailbox.
     */
    mailFrom: z.email().nullable().default(null),
    /** Closing a call (other than as abandoned: nothing to file) needs a ticket reference. */
    ticketRequired: z.boolean().default(false),
  })
  .strict()
  .refine((p) => p.allowedTypes.some((t) => t !== 'knowledge'), {
    // Directory questions are answerable by anyone who can read the directory: never a check on their own.
    message: 'Allow at least one code check (SMS, email or manager): knowledge questions never count on their own.',
    path: ['allowedTypes'],
  })
  .refine((p) => new Set(p.allowedTypes).size >= 2, {
    message: 'Allow at least two verification types: admin callers always need two.',
    path: ['allowedTypes'],
  });
export type VerificationPolicy = z.output<typeof VerificationPolicyInput>;

export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = {
  requiredChecks: 2,
  allowedTypes: ['sms', 'email', 'manager', 'knowledge'],
  maxAttempts: 5,
  codeLength: 6,
  mailFrom: null,
  ticketRequired: false,
};

// ---- SMS provider ----------------------------------------------------------------------------

/** SMS provider settings as the renderer may see them: the access key never leaves main. */
export interface SmsSettingsView {
  mode: 'demo' | 'acs' | 'none';
  endpointHost: string | null;
  fromNumber: string | null;
  /**
   * Where the access key is kept: sealed by the OS keychain (Electron), or in memory for this run only
   * (the browser host, like its token cache). null in demo mode.
   */
  keyStorage: 'keychain' | 'memory' | null;
  /** A sender number is configured but its key is gone (memory-only after a restart): enter it again. */
  keyMissing: boolean;
}

export const SmsSettingsInput = z
  .object({
    /** `endpoint=https://….communication.azure.com/;accesskey=…`; omit to keep the stored one. */
    connectionString: z
      .string()
      .trim()
      .regex(
        /^endpoint=https:\/\/[^;]+;accesskey=[A-Za-z0-9+/=]+$/i,
        'Paste the connection string from the Azure portal (endpoint=…;accesskey=…).',
      )
      .optional(),
    fromNumber: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, 'A phone number in E.164 form, e.g. +18005550100.'),
  })
  .strict();
export type SmsSettingsInputValue = z.input<typeof SmsSettingsInput>;
