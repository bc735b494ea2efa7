// Wording for Entra's self-service activity; typed over the shared kinds so a new kind fails to
// compile until it has a label.
import type { BadgeProps } from '@fluentui/react-components';
import type { SsprKind, SsprStats } from '../../../../shared/sspr';
import type { SsprPreset } from '../../store/ssprSlice';

export const KIND_LABELS: Record<SsprKind, string> = {
  'self-service-reset': 'Self-service reset',
  blocked: 'Blocked from self-service',
  registration: 'Registered for self-service',
  unlock: 'Self-service unlock',
  progress: 'Self-service flow progress',
  change: 'Self-service password change',
  'admin-reset': 'Admin reset (any tool)',
  other: 'Other',
};

export const PRESET_LABELS: Record<SsprPreset, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

/** Entra's result values (success, failure, timeout, unknownFutureValue) as a badge. */
export function resultBadge(result: string): { label: string; color: NonNullable<BadgeProps['color']> } {
  switch (result) {
    case 'success':
      return { label: 'Success', color: 'success' };
    case 'failure':
      return { label: 'Failure', color: 'danger' };
    case 'timeout':
      return { label: 'Timed out', color: 'warning' };
    default:
      return { label: 'Unknown', color: 'informative' };
  }
}

export interface SsprTotals {
  selfService: number;
  /** Resetline's resets, as History counts them. */
  helpdesk: number;
  /** Successful admin resets in Entra's log, by any tool. */
  entraAdminResets: number;
  blocked: number;
  /** Self-service resets as a share of all successful resets, 0–100; null when there were none. */
  share: number | null;
}

export function ssprTotals(stats: SsprStats): SsprTotals {
  const selfService = stats.perDay.reduce((n, d) => n + d.selfService, 0);
  const helpdesk = stats.perDay.reduce((n, d) => n + d.helpdesk, 0);
  const entraAdminResets = stats.perDay.reduce((n, d) => n + d.entraAdminResets, 0);
  const blocked = stats.perDay.reduce((n, d) => n + d.blocked, 0);
  const all = selfService + helpdesk;
  return {
    selfService,
    helpdesk,
    entraAdminResets,
    blocked,
    share: all === 0 ? null : Math.round((selfService / all) * 100),
  };
}
