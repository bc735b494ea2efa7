// Human wording for the contract's enums, exhaustive so a new mode cannot show up blank.
import type { HostKind, TenantMode } from '../../../../shared/contract';
import { assertNever } from '../../../../shared/result';

export function tenantModeLabel(mode: TenantMode): string {
  switch (mode) {
    case 'demo':
      return 'Demo tenant';
    case 'tenant':
      return 'Microsoft 365 tenant';
    default:
      return assertNever(mode, 'tenant mode');
  }
}

export function hostKindLabel(host: HostKind): string {
  switch (host) {
    case 'electron':
      return 'Desktop app (Electron)';
    case 'browser':
      return 'Browser host';
    default:
      return assertNever(host, 'host kind');
  }
}
