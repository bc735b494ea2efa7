// The header's reminder of which tenant the agent is working on: a demo never touches real accounts.
import { Badge, Spinner } from '@fluentui/react-components';
import { assertNever } from '../../../shared/result';
import { tenantModeLabel } from '../features/about/labels';
import { useStore } from '../store';

export function TenantBadge() {
  const info = useStore((s) => s.info);
  switch (info.status) {
    case 'idle':
    case 'loading':
      return <Spinner size="extra-tiny" aria-label="Loading tenant mode" />;
    case 'error':
      return (
        <Badge appearance="outline" color="danger" aria-label="Tenant mode unknown">
          Tenant unknown
        </Badge>
      );
    case 'ready': {
      const mode = info.value.tenantMode;
      return (
        <Badge
          appearance="tint"
          color={mode === 'demo' ? 'warning' : 'brand'}
          aria-label={`Tenant mode: ${tenantModeLabel(mode)}`}
        >
          {tenantModeLabel(mode)}
        </Badge>
      );
    }
    default:
      return assertNever(info, 'load status');
  }
}
