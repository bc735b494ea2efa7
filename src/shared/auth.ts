// The agent's sign-in state as the renderer sees it. Tokens never cross; only who is signed in,
// with which roles, against which tenant — and, while signing in, where to finish.
import { z } from 'zod';
import type { AgentRole } from './roles';
import type { Cloud } from './settings';

export interface TenantSummary {
  mode: 'demo' | 'tenant';
  cloud: Cloud;
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
  roles: AgentRole[];
}

export type AuthState =
  | { status: 'signed-out'; tenant: TenantSummary | null; lastError: string | null }
  | { status: 'pending'; tenant: TenantSummary; pending: PendingSignInView | null }
  | { status: 'signed-in'; tenant: TenantSummary; agent: SignedInAgent };

export const SignInInput = z.undefined();
