// The agent's sign-in state as the renderer sees it. Tokens never cross; only who is signed in,
// with which roles, against which tenant — and, while signing in, where to finish.
import { z } from 'zod';
import type { AgentRole, ScopedRole } from './roles';
import type { Cloud, GraphCloud } from './settings';

export interface TenantSummary {
  mode: 'demo' | 'tenant';
  cloud: Cloud;
  /** Which Microsoft Graph this is (the demo tenant stands in for one): decides which features exist. */
  graphCloud: GraphCloud;
  tenantId: string;
  clientId: string;
}

export type PendingSignInView =
  | { kind: 'browser'; authorizeUrl: string }
  | { kind: 'device-code'; userCode: string; verificationUri: string; message: string; expiresAt: string };

export interface SignedInAgent {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Tenant-wide directory roles, held directly or through a role-assignable group. */
  roles: AgentRole[];
  /** Roles limited to administrative units: they count only for callers inside the unit. */
  scopedRoles: ScopedRole[];
  /** The delegated Graph permissions this sign-in's token carries (what the tenant consented). */
  grantedScopes: string[];
  /** What could not be read about the agent's own roles, each naming the consent that fixes it. */
  roleGaps: string[];
}

export type AuthState =
  | { status: 'signed-out'; tenant: TenantSummary | null; lastError: string | null }
  | { status: 'pending'; tenant: TenantSummary; pending: PendingSignInView | null }
  | { status: 'signed-in'; tenant: TenantSummary; agent: SignedInAgent };

/**
 * The `auth:session` event: the session changed (a sign-in started, its link or code is known, it ended,
 * the agent signed out). It carries only the new status: the renderer reads the rest with
 * `auth:get-session`, so nothing about the agent travels in an event.
 */
export const AuthSessionEvent = z.object({ status: z.enum(['signed-out', 'pending', 'signed-in']) }).strict();
export type AuthSessionEvent = z.infer<typeof AuthSessionEvent>;
