// Tenant connection settings: which cloud, which tenant, which app registration. First run: the demo tenant.
import { z } from 'zod';

export const CLOUDS = ['demo', 'global', 'usgov', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const CLOUD_LABELS: Record<Cloud, string> = {
  demo: 'Demo tenant (built in, no Microsoft account)',
  global: 'Microsoft Entra ID (global)',
  usgov: 'US Government (GCC High / DoD)',
  china: 'China (operated by 21Vianet)',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A tenant can be named by its id or by a verified domain (contoso.onmicrosoft.com).
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const TenantSettingsInput = z.discriminatedUnion('cloud', [
  z.object({ cloud: z.literal('demo') }).strict(),
  z
    .object({
      cloud: z.enum(['global', 'usgov', 'china']),
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
