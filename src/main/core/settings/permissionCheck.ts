// The permissions check (Settings): the signed-in agent's consented permissions and roles against
// what each feature needs, computed from the request catalogue (core/graph/catalogue.ts), Microsoft's
// permission map (core/graph/permissions.ts) and each API page's role list, plus the national cloud's
// schema (core/graph/availability.ts).
import type { SignedInAgent } from '../../../shared/auth';
import type { FeatureCheck, PermissionCheck } from '../../../shared/permissions';
import {
  REGISTRATION_READER_ROLES,
  ROLE_NAMES,
  ROLE_TEMPLATE_IDS as R,
  roleKeyForTemplate,
} from '../../../shared/roles';
import type { GraphCloud } from '../../../shared/settings';
import { DELEGATED_PERMISSIONS } from '../tenant/clouds';
import { featureUnavailable, GRAPH_CLOUD_NAMES } from '../graph/availability';
import { GRAPH_FEATURES, type GraphFeature } from '../graph/catalogue';
import { consentStep, featureScopes } from '../graph/permissions';

const roleName = (templateId: string): string => {
  const key = roleKeyForTemplate(templateId);
  return key ? ROLE_NAMES[key] : templateId;
};

/** The registration report's readers (shared/roles.ts), as template ids. */
const REPORT_READERS = REGISTRATION_READER_ROLES.map((key) => R[key]);

/** Per feature: who may (least privileged first) and the page that says so (api-reference/v1.0/…). */
const FEATURE_ROLES: Record<GraphFeature, { label: string; roles: readonly string[]; doc: string }> = {
  agent: { label: 'Sign in and read your roles', roles: [], doc: 'api/user-list-transitivememberof.md' },
  search: { label: 'Find the caller', roles: [], doc: 'api/user-list.md' },
  'caller-card': { label: 'The caller card', roles: [], doc: 'api/user-get.md' },
  verification: { label: 'Send verification codes', roles: [], doc: 'api/user-sendmail.md' },
  handover: { label: 'Hand the secret over by email', roles: [], doc: 'api/user-sendmail.md' },
  reset: {
    label: 'Reset passwords',
    roles: [
      R.passwordAdministrator,
      R.helpdeskAdministrator,
      R.userAdministrator,
      R.authenticationAdministrator,
      R.privilegedAuthenticationAdministrator,
      R.globalAdministrator,
    ],
    doc: 'api/authenticationmethod-resetpassword.md',
  },
  tap: {
    label: 'Issue Temporary Access Passes',
    roles: [R.authenticationAdministrator, R.privilegedAuthenticationAdministrator, R.globalAdministrator],
    doc: 'api/authentication-post-temporaryaccesspassmethods.md',
  },
  revoke: {
    label: 'Revoke sign-in sessions',
    roles: [
      R.helpdeskAdministrator,
      R.userAdministrator,
      R.authenticationAdministrator,
      R.privilegedAuthenticationAdministrator,
      R.globalAdministrator,
    ],
    doc: 'api/user-revokesigninsessions.md',
  },
  enable: {
    label: 'Re-enable accounts',
    roles: [
      R.userAdministrator,
      R.authenticationAdministrator,
      R.privilegedAuthenticationAdministrator,
      R.globalAdministrator,
    ],
    doc: 'api/user-update.md',
  },
  'mfa-reregistration': {
    label: 'Require MFA re-registration',
    roles: [R.authenticationAdministrator, R.privilegedAuthenticationAdministrator, R.globalAdministrator],
    doc: 'includes/rbac-for-apis/rbac-authentication-methods-apis-write-others.md',
  },
  'registration-report': {
    label: 'Registration report',
    roles: REPORT_READERS,
    doc: 'api/authenticationmethodsroot-list-userregistrationdetails.md',
  },
  'registration-fallback': {
    label: 'Registration without Entra ID P1 (read every user’s methods)',
    roles: [
      R.globalReader,
      R.authenticationAdministrator,
      R.privilegedAuthenticationAdministrator,
      R.globalAdministrator,
    ],
    doc: 'includes/rbac-for-apis/rbac-authentication-methods-apis-read-others.md',
  },
  'self-service': {
    label: 'Self-service activity (audit logs)',
    roles: REPORT_READERS,
    doc: 'api/directoryaudit-list.md',
  },
  policy: {
    label: 'Tenant policy',
    roles: [R.globalReader, R.authenticationPolicyAdministrator, R.globalAdministrator],
    doc: 'api/authenticationmethodspolicy-get.md',
  },
  writeback: {
    label: 'Directory synchronization settings',
    roles: [R.globalAdministrator],
    doc: 'api/onpremisesdirectorysynchronization-get.md',
  },
};

export function permissionCheck(agent: SignedInAgent, cloud: GraphCloud): PermissionCheck {
  const have = new Set(agent.grantedScopes.map((s) => s.toLowerCase()));
  const held = new Set([...agent.roles, ...agent.scopedRoles].map((r) => r.templateId.toLowerCase()));
  // Roles that could not be read are unknown, never "none".
  const rolesUnknown = agent.roleGaps.length > 0 && held.size === 0;
  const features: FeatureCheck[] = GRAPH_FEATURES.map((feature) => {
    const { label, roles, doc } = FEATURE_ROLES[feature];
    const permissions = featureScopes(feature);
    const missingPermissions = permissions.filter((p) => !have.has(p.toLowerCase()));
    return {
      feature,
      label,
      permissions,
      missingPermissions,
      consentFix: missingPermissions.length > 0 ? consentStep(missingPermissions) : null,
      roles: roles.map(roleName),
      roleHeld: roles.length === 0 || roles.some((r) => held.has(r)) ? true : rolesUnknown ? null : false,
      cloudUnavailable: featureUnavailable(cloud, feature),
      doc: `api-reference/v1.0/${doc}`,
    };
  });
  return {
    cloud: GRAPH_CLOUD_NAMES[cloud],
    grantedScopes: [...agent.grantedScopes].sort(),
    requested: [...DELEGATED_PERMISSIONS],
    features,
  };
}
