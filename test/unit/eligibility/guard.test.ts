// The eligibility guard against Microsoft's "who can reset passwords" table, written out here cell by
// cell (not derived from the guard), and cross-checked against the demo tenant's own authorisation.
import { describe, expect, it } from 'vitest';
import { decideEligibility, type GuardTarget } from '../../../src/main/core/eligibility/guard';
import { GUARDED_ACTIONS, type GuardedAction } from '../../../src/shared/caller';
import {
  CALLER_ROLES,
  mayActOn,
  TARGET_TIERS,
  type CallerRole,
  type TargetAction,
  type TargetTier,
} from '../../../src/demo-tenant/graph/authorize';
import { ROLE } from '../../../src/demo-tenant/roles';

// Agents: the six table columns plus two that can reset nobody.
const AGENTS = {
  PwdAdm: ROLE.passwordAdministrator,
  Helpdesk: ROLE.helpdeskAdministrator,
  AuthAdm: ROLE.authenticationAdministrator,
  UserAdm: ROLE.userAdministrator,
  PrivAuth: ROLE.privilegedAuthenticationAdministrator,
  GA: ROLE.globalAdministrator,
  GlobalReader: ROLE.globalReader,
  ReportsReader: ROLE.reportsReader,
} as const;
type Agent = keyof typeof AGENTS;

// Target kinds: one example per table row, by role template id (or group membership).
const TARGETS: Record<string, { roles: string[]; group?: boolean }> = {
  'plain user': { roles: [] },
  'Directory Readers': { roles: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'] },
  'Guest Inviter': { roles: ['95e79109-95c0-4d8e-aee3-d01accf2d47b'] },
  'Password Administrator': { roles: [ROLE.passwordAdministrator] },
  'Helpdesk Administrator': { roles: [ROLE.helpdeskAdministrator] },
  'Message Center Reader': { roles: ['790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b'] },
  'Reports Reader': { roles: [ROLE.reportsReader] },
  'User Experience Success Manager': { roles: ['27460883-1df1-4691-b032-3b79643e5e63'] },
  'Usage Summary Reports Reader': { roles: ['75934031-6c7e-415a-99d7-48dbd49e875e'] },
  'Authentication Administrator': { roles: [ROLE.authenticationAdministrator] },
  'Groups Administrator': { roles: [ROLE.groupsAdministrator] },
  'User Administrator': { roles: [ROLE.userAdministrator] },
  'Global Administrator': { roles: [ROLE.globalAdministrator] },
  'Privileged Authentication Administrator': { roles: [ROLE.privilegedAuthenticationAdministrator] },
  'Privileged Role Administrator': { roles: [ROLE.privilegedRoleAdministrator] },
  'role-assignable group member': { roles: [], group: true },
  'Exchange Administrator (other role)': { roles: [ROLE.exchangeAdministrator] },
  'Security Reader (other role)': { roles: [ROLE.securityReader] },
  'Global Reader (other role)': { roles: [ROLE.globalReader] },
};

const Y = true;
const _ = false;
// Microsoft's table, columns: PwdAdm, Helpdesk, AuthAdm, UserAdm, PrivAuth, GA (MicrosoftDocs/entra-docs docs/identity/role-based-access-control/privileged-roles-permissions.md).
const RESET: Record<string, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  'plain user': [Y, Y, Y, Y, Y, Y],
  'Directory Readers': [Y, Y, Y, Y, Y, Y],
  'Guest Inviter': [Y, Y, Y, Y, Y, Y],
  'Password Administrator': [Y, Y, Y, Y, Y, Y],
  'Helpdesk Administrator': [_, Y, _, Y, Y, Y],
  'Message Center Reader': [_, Y, Y, Y, Y, Y],
  'Reports Reader': [_, Y, Y, Y, Y, Y],
  'User Experience Success Manager': [_, Y, Y, Y, Y, Y],
  'Usage Summary Reports Reader': [_, Y, Y, Y, Y, Y],
  'Authentication Administrator': [_, _, Y, _, Y, Y],
  'Groups Administrator': [_, _, _, Y, Y, Y],
  'User Administrator': [_, _, _, Y, Y, Y],
  'Global Administrator': [_, _, _, _, Y, Y],
  'Privileged Authentication Administrator': [_, _, _, _, Y, Y],
  'Privileged Role Administrator': [_, _, _, _, Y, Y],
  'role-assignable group member': [_, _, _, _, Y, Y],
  'Exchange Administrator (other role)': [_, _, _, _, Y, Y],
  'Security Reader (other role)': [_, _, _, _, Y, Y],
  'Global Reader (other role)': [_, _, _, _, Y, Y],
};
const COLUMNS: Agent[] = ['PwdAdm', 'Helpdesk', 'AuthAdm', 'UserAdm', 'PrivAuth', 'GA'];

// Which agents hold each permission at all (before the target's row limits it).
const HOLDS: Record<Exclude<GuardedAction, 'readMethods'>, Agent[]> = {
  resetPassword: ['PwdAdm', 'Helpdesk', 'AuthAdm', 'UserAdm', 'PrivAuth', 'GA'],
  issueTap: ['AuthAdm', 'PrivAuth', 'GA'],
  requireMfaReregistration: ['AuthAdm', 'PrivAuth', 'GA'],
  revokeSessions: ['Helpdesk', 'AuthAdm', 'UserAdm', 'PrivAuth', 'GA'],
  enableAccount: ['AuthAdm', 'UserAdm', 'PrivAuth', 'GA'],
};
const READERS: Agent[] = ['GlobalReader', 'AuthAdm', 'PrivAuth', 'GA'];

function expected(action: GuardedAction, agent: Agent, target: string): boolean {
  if (action === 'readMethods') return READERS.includes(agent);
  const col = COLUMNS.indexOf(agent);
  return col >= 0 && HOLDS[action].includes(agent) && RESET[target]![col]!;
}

const guardTarget = (t: { roles: string[]; group?: boolean }, extra: Partial<GuardTarget> = {}): GuardTarget => ({
  roleTemplateIds: t.roles,
  inRoleAssignableGroup: t.group === true,
  membershipsKnown: true,
  isSelf: false,
  isGuest: false,
  ...extra,
});

describe('eligibility guard: every agent role × target kind', () => {
  const cases = (Object.keys(AGENTS) as Agent[]).flatMap((agent) =>
    Object.keys(TARGETS).flatMap((target) => GUARDED_ACTIONS.map((action) => [agent, target, action] as const)),
  );
  it.each(cases)('%s on %s: %s', (agent, target, action) => {
    const decision = decideEligibility([AGENTS[agent]], guardTarget(TARGETS[target]!))[action];
    expect(decision.allowed).toBe(expected(action, agent, target));
    if (!decision.allowed) {
      expect(decision.reason.length).toBeGreaterThan(10);
      // Whoever the guard names as able must really be able.
      for (const name of decision.whoCan) expect(name).toMatch(/Administrator|Reader/);
    }
  });

  it('names the roles that could reset a Global Administrator when Helpdesk is refused', () => {
    const d = decideEligibility([AGENTS.Helpdesk], guardTarget(TARGETS['Global Administrator']!)).resetPassword;
    expect(d).toEqual({
      allowed: false,
      reason: expect.stringContaining('Global Administrator'),
      whoCan: ['Privileged Authentication Administrator', 'Global Administrator'],
    });
  });

  it('tells Helpdesk that a TAP needs an authentication administrator', () => {
    const d = decideEligibility([AGENTS.Helpdesk], guardTarget(TARGETS['plain user']!)).issueTap;
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.whoCan).toContain('Authentication Administrator');
  });

  it('needs ONE role covering every row: Helpdesk + Authentication Admin cannot reset a target who is Helpdesk and Authentication Admin', () => {
    const target = guardTarget({ roles: [ROLE.helpdeskAdministrator, ROLE.authenticationAdministrator] });
    expect(decideEligibility([AGENTS.Helpdesk, AGENTS.AuthAdm], target).resetPassword.allowed).toBe(false);
    expect(decideEligibility([AGENTS.UserAdm, AGENTS.AuthAdm], target).resetPassword.allowed).toBe(false);
    expect(decideEligibility([AGENTS.PrivAuth], target).resetPassword.allowed).toBe(true);
  });

  it('takes the union of several agent roles: Helpdesk + Authentication Admin may issue a TAP to a plain user', () => {
    const d = decideEligibility([AGENTS.Helpdesk, AGENTS.AuthAdm], guardTarget(TARGETS['plain user']!));
    expect(d.issueTap.allowed && d.resetPassword.allowed && d.revokeSessions.allowed).toBe(true);
  });

  it('refuses every action on the agent’s own account', () => {
    const d = decideEligibility([AGENTS.GA], guardTarget(TARGETS['plain user']!, { isSelf: true }));
    for (const a of GUARDED_ACTIONS.filter((x) => x !== 'readMethods')) expect(d[a].allowed).toBe(false);
  });

  it('refuses a guest’s password reset and session revocation, not a TAP for an authentication admin', () => {
    const d = decideEligibility([AGENTS.AuthAdm], guardTarget(TARGETS['plain user']!, { isGuest: true }));
    expect(d.resetPassword.allowed).toBe(false);
    expect(d.revokeSessions.allowed).toBe(false);
    expect(d.issueTap.allowed).toBe(true);
  });

  it('fails closed when the target’s memberships could not be read', () => {
    const d = decideEligibility([AGENTS.GA], guardTarget(TARGETS['plain user']!, { membershipsKnown: false }));
    expect(d.resetPassword.allowed).toBe(false);
    expect(d.readMethods.allowed).toBe(true);
  });

  it('accepts template ids in any letter case', () => {
    const d = decideEligibility(
      [AGENTS.Helpdesk.toUpperCase()],
      guardTarget({ roles: [ROLE.globalAdministrator.toUpperCase()] }),
    );
    expect(d.resetPassword.allowed).toBe(false);
    expect(decideEligibility([AGENTS.Helpdesk.toUpperCase()], guardTarget({ roles: [] })).resetPassword.allowed).toBe(
      true,
    );
  });
});

describe('eligibility guard agrees with the demo tenant’s own authorisation', () => {
  const ACTION_OF: Record<Exclude<GuardedAction, 'readMethods'>, TargetAction> = {
    resetPassword: 'resetPassword',
    issueTap: 'manageMethods',
    requireMfaReregistration: 'manageMethods',
    revokeSessions: 'revokeSessions',
    enableAccount: 'enableDisable',
  };
  const CALLER_TEMPLATE: Record<CallerRole, string> = {
    passwordAdmin: ROLE.passwordAdministrator,
    helpdeskAdmin: ROLE.helpdeskAdministrator,
    authenticationAdmin: ROLE.authenticationAdministrator,
    userAdmin: ROLE.userAdministrator,
    privilegedAuthenticationAdmin: ROLE.privilegedAuthenticationAdministrator,
    globalAdmin: ROLE.globalAdministrator,
  };
  // One representative role per demo tier.
  const TIER_TARGET: Record<TargetTier, { roles: string[]; group?: boolean }> = {
    user: { roles: [] },
    basicReaders: { roles: [ROLE.directoryReaders] },
    helpdeskAdmin: { roles: [ROLE.helpdeskAdministrator] },
    reportReaders: { roles: [ROLE.messageCenterReader] },
    authenticationAdmin: { roles: [ROLE.authenticationAdministrator] },
    userAdmin: { roles: [ROLE.groupsAdministrator] },
    globalAdmin: { roles: [ROLE.globalAdministrator] },
    privileged: { roles: [ROLE.privilegedRoleAdministrator] },
    roleAssignableGroupMember: { roles: [], group: true },
    otherRole: { roles: [ROLE.securityAdministrator] },
  };
  // Single roles, and every pair of roles (an agent may hold two).
  const agentSets: string[][] = [
    [],
    [ROLE.globalReader],
    ...CALLER_ROLES.map((c) => [CALLER_TEMPLATE[c]]),
    ...CALLER_ROLES.flatMap((a, i) => CALLER_ROLES.slice(i + 1).map((b) => [CALLER_TEMPLATE[a], CALLER_TEMPLATE[b]])),
  ];
  const targets: { roles: string[]; group?: boolean }[] = [
    ...TARGET_TIERS.map((t) => TIER_TARGET[t]),
    // Two-tier targets.
    ...TARGET_TIERS.flatMap((a, i) =>
      TARGET_TIERS.slice(i + 1).map((b) => ({
        roles: [...TIER_TARGET[a].roles, ...TIER_TARGET[b].roles],
        group: TIER_TARGET[a].group === true || TIER_TARGET[b].group === true,
      })),
    ),
  ];

  it('decides every agent role set × target the same way for every targeted action', () => {
    let compared = 0;
    for (const agent of agentSets) {
      for (const target of targets) {
        const mine = decideEligibility(agent, guardTarget(target));
        const demoTarget = { roleTemplateIds: target.roles, inRoleAssignableGroup: target.group === true };
        for (const [action, demoAction] of Object.entries(ACTION_OF) as [keyof typeof ACTION_OF, TargetAction][]) {
          expect({ agent, target, action, allowed: mine[action].allowed }).toEqual({
            agent,
            target,
            action,
            allowed: mayActOn(demoAction, agent, demoTarget),
          });
          compared += 1;
        }
      }
    }
    expect(compared).toBe(agentSets.length * targets.length * 5);
  });
});
