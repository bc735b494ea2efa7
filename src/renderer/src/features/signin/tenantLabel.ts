// How the sign-in screen and the header name the tenant the agent is about to sign in to.
import type { TenantSummary } from '../../../../shared/auth';
import { CLOUD_LABELS, type TenantSettings } from '../../../../shared/settings';

/** Main only knows the tenant summary once connected; before that the saved settings say where it will go. */
export function describeTenant(tenant: TenantSummary | null, settings: TenantSettings | null): string | null {
  if (tenant !== null) {
    return tenant.mode === 'demo' ? 'Demo tenant' : `Tenant ${tenant.tenantId} · ${CLOUD_LABELS[tenant.cloud]}`;
  }
  if (settings === null) return null;
  return settings.cloud === 'demo' ? 'Demo tenant' : `Tenant ${settings.tenantId} · ${CLOUD_LABELS[settings.cloud]}`;
}
