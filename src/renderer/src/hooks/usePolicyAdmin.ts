// Whether the signed-in agent may change Resetline's policies (main enforces it; the UI only avoids
// offering a form that would be refused).
import { canChangePolicy, POLICY_ADMIN_NAMES } from '../../../shared/roles';
import { useStore } from '../store';

export type PolicyAdmin = { allowed: true } | { allowed: false; reason: string };

export function usePolicyAdmin(what: string): PolicyAdmin {
  const auth = useStore((s) => s.auth);
  if (auth.status !== 'ready' || auth.value.status !== 'signed-in')
    return { allowed: false, reason: `Sign in as a ${POLICY_ADMIN_NAMES} to change ${what}.` };
  if (canChangePolicy(auth.value.agent.roles)) return { allowed: true };
  return { allowed: false, reason: `Only a ${POLICY_ADMIN_NAMES} can change ${what}.` };
}
