// Tenant connection settings: which cloud, which tenant, which app registration. First run: the demo tenant.
import { z } from 'zod';

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
