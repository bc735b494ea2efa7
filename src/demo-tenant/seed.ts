// Deterministic demo tenant: same seed (and `now`) → same directory. Fixed agents and named targets
// first (seeding/fixtures.ts), then generated users up to the requested count.
import { DemoDirectory, deriveId } from './model';
import type {
  DemoAdministrativeUnit,
  DemoAgent,
  DemoGroup,
  DemoMailboxPermissions,
  DemoUser,
  TapPolicy,
} from './model-types';
import { pickDefaultMfaMethod } from './rules/methods';
import { ROLE, ROLE_DISPLAY_NAMES, type RoleKey } from './roles';
import { seedSelfServiceAudits } from './seeding/audit';
import {
  AGENT_SPECS,
  DEMO_DOMAIN,
  DEMO_USER_PASSWORD,
  INITIAL_DOMAIN,
  SHARED_MAILBOX,
  TARGET_SPECS,
} from './seeding/fixtures';
import { ALL_METHOD_COMBINATIONS, buildMethods, maskOf, phoneNumber, randomMask } from './seeding/methods';
import { DEPARTMENTS, GIVEN_NAMES, JOB_TITLES, OFFICES, SURNAMES } from './seeding/names';
import { Rng } from './seeding/random';
import { demoPolicy, demoSkus, demoTenant } from './seeding/tenant';

export {
  AGENT_SPECS,
  TARGET_SPECS,
  DEMO_DOMAIN,
  INITIAL_DOMAIN,
  DEMO_USER_PASSWORD,
  SHARED_MAILBOX,
} from './seeding/fixtures';
export { SSPR_SERVICE, SSPR_ACTIVITIES } from './seeding/audit';

export interface SeedOptions {
  /** Total users including agents and named targets. Default 2,000. */
  users?: number;
  seed?: number;
  premium?: boolean;
  writeback?: boolean;
  /** The seed's "today"; default the current time. Dates are relative to it. */
  now?: Date | number;
  tap?: Partial<TapPolicy>;
  /** Keeps the clock fixed at `now` (tests). */
  freezeClock?: boolean;
  /** Minutes of directory clock between on-premises sync cycles (default 30; 0 = only syncTick()). */
  syncIntervalMinutes?: number;
}

const DAY = 24 * 3600 * 1000;

/** Admin roles sprinkled over generated users (besides the named targets that hold every role). */
const SPRINKLED_ROLES: readonly RoleKey[] = [
  'helpdeskAdministrator',
  'passwordAdministrator',
  'authenticationAdministrator',
  'userAdministrator',
  'exchangeAdministrator',
  'securityAdministrator',
  'globalReader',
  'reportsReader',
  'groupsAdministrator',
];

export function createDemoDirectory(opts: SeedOptions = {}): DemoDirectory {
  const total = Math.max(0, Math.floor(opts.users ?? 2000));
  const rng = new Rng(opts.seed ?? 1);
  const nowMs = opts.now === undefined ? Date.now() : typeof opts.now === 'number' ? opts.now : opts.now.getTime();
  // Graph prints whole seconds without milliseconds.
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const dateOnly = (ms: number): string => `${iso(ms).slice(0, 10)}T00:00:00Z`;

  const tenant = demoTenant(rng.guid(), {
    premium: opts.premium ?? true,
    writeback: opts.writeback ?? true,
    createdDateTime: iso(nowMs - 3000 * DAY),
  });
  const groups: DemoGroup[] = [
    {
      id: rng.guid(),
      displayName: 'Tier 0 Operators',
      description: 'Role-assignable group, no role assigned',
      mailNickname: 'tier0',
      isAssignableToRole: true,
      roleTemplateIds: [],
      memberIds: [],
      createdDateTime: iso(nowMs - 900 * DAY),
    },
    {
      id: rng.guid(),
      displayName: 'Security Operations',
      description: 'Role-assignable group holding Security Reader',
      mailNickname: 'secops',
      isAssignableToRole: true,
      roleTemplateIds: [ROLE.securityReader],
      memberIds: [],
      createdDateTime: iso(nowMs - 800 * DAY),
    },
    {
      id: rng.guid(),
      displayName: 'Service Desk',
      description: 'The helpdesk team',
      mailNickname: 'servicedesk',
      isAssignableToRole: false,
      roleTemplateIds: [],
      memberIds: [],
      createdDateTime: iso(nowMs - 700 * DAY),
    },
  ];
  const [tier0, secops, serviceDesk] = groups as [DemoGroup, DemoGroup, DemoGroup];
  // Ids from the tenant id, not the rng, so adding these did not reshuffle the generated users.
  const helpdeskOperators: DemoGroup = {
    id: deriveId(tenant.tenantId, 'group:helpdesk-operators'),
    displayName: 'Helpdesk Operators',
    description: 'Role-assignable group holding Helpdesk Administrator',
    mailNickname: 'helpdeskoperators',
    isAssignableToRole: true,
    roleTemplateIds: [ROLE.helpdeskAdministrator],
    memberIds: [],
    createdDateTime: iso(nowMs - 600 * DAY),
  };
  groups.push(helpdeskOperators);
  const salesUnit: DemoAdministrativeUnit = {
    id: deriveId(tenant.tenantId, 'administrativeUnit:sales'),
    displayName: 'Sales',
    description: 'The Sales department; its helpdesk agent is scoped to it',
    memberIds: [],
    scopedRoles: [],
  };

  const users: DemoUser[] = [];
  const usedLocal = new Map<string, number>();

  interface Shape {
    upn?: string;
    givenName: string;
    surname: string;
    synced: boolean;
    enabled: boolean;
    guest: boolean;
    mask: number;
    passwordAgeDays: number;
    roles: string[];
    password: string;
    passwordPolicies?: string | null;
    /** Named accounts: the profile's mobilePhone is exactly the registered mobile method (or none). */
    fixed?: boolean;
  }

  const makeUser = (s: Shape): DemoUser => {
    const id = rng.guid();
    let upn = s.upn;
    const local = `${s.givenName}.${s.surname}`.toLowerCase();
    if (!upn) {
      const n = (usedLocal.get(local) ?? 0) + 1;
      usedLocal.set(local, n);
      const part = n === 1 ? local : `${local}${n}`;
      upn = s.guest ? `${part}_fabrikam.com#EXT#@${INITIAL_DOMAIN}` : `${part}@${DEMO_DOMAIN}`;
    }
    const department = rng.pick(DEPARTMENTS);
    const createdMs = nowMs - rng.int(Math.max(s.passwordAgeDays, 30), 3000) * DAY;
    const userIndex = users.length;
    const mobile = phoneNumber(userIndex, 'mobile');
    const hasMobileMethod = (s.mask & maskOf(['mobilePhone'])) !== 0;
    const roll = rng.chance(0.7);
    const hasProfileMobile = s.fixed ? hasMobileMethod : !s.guest && roll;
    const hasEmailMethod = (s.mask & maskOf(['email'])) !== 0;
    const otherMailsRoll = rng.chance(0.5);
    // From the de-duplicated UPN, so every personal address is unique too.
    const personalEmail = `${(upn.split('@')[0] ?? local).replace(/_.*$/, '')}@outlook.example`;
    const employeeNo = users.length + 100000;
    return {
      id,
      userPrincipalName: upn,
      displayName: `${s.givenName} ${s.surname}`,
      givenName: s.givenName,
      surname: s.surname,
      mail: s.guest ? `${local}@fabrikam.com` : upn,
      otherMails: s.guest
        ? [`${local}@fabrikam.com`]
        : (s.fixed ? hasEmailMethod : otherMailsRoll)
          ? [personalEmail]
          : [],
      mobilePhone: hasProfileMobile ? mobile : null,
      businessPhones: !s.guest && rng.chance(0.4) ? [phoneNumber(userIndex, 'office')] : [],
      jobTitle: s.guest ? null : rng.pick(JOB_TITLES[department]),
      department: s.guest ? null : department,
      officeLocation: s.guest ? null : rng.pick(OFFICES),
      preferredLanguage: s.guest ? null : 'en-US',
      employeeId: s.guest ? null : `E${employeeNo}`,
      employeeHireDate: s.guest ? null : dateOnly(createdMs - rng.int(0, 20) * DAY),
      accountEnabled: s.enabled,
      userType: s.guest ? 'Guest' : 'Member',
      onPremisesSyncEnabled: s.synced ? true : null,
      onPremisesSamAccountName: s.synced ? local.slice(0, 20) : null,
      onPremisesLastSyncDateTime: s.synced ? iso(nowMs - rng.int(1, 30) * 60_000) : null,
      onPremisesAccountEnabled: s.synced ? s.enabled : null,
      defaultMfaMethod: 'none',
      lastPasswordChangeDateTime: iso(nowMs - s.passwordAgeDays * DAY - rng.int(0, 3600) * 1000),
      // Entra Connect stamps synced users with DisablePasswordExpiration: AD owns their expiry.
      passwordPolicies:
        s.passwordPolicies !== undefined ? s.passwordPolicies : s.synced ? 'DisablePasswordExpiration' : null,
      createdDateTime: iso(createdMs),
      managerId: null,
      roleTemplateIds: s.roles,
      groupIds: [],
      password: s.password,
      forceChangePasswordNextSignIn: false,
      forceChangePasswordNextSignInWithMfa: false,
      signInSessionsValidFromDateTime: iso(createdMs),
      methods: buildMethods(
        s.mask,
        { rng, userIndex, createdIso: iso(createdMs + DAY), mobile, personalEmail, givenName: s.givenName },
        !s.guest,
      ),
      externalUserState: s.guest ? 'Accepted' : null,
    };
  };

  const finish = (u: DemoUser): DemoUser => {
    u.defaultMfaMethod = pickDefaultMfaMethod(u.methods);
    return u;
  };

  const join = (u: DemoUser, g: DemoGroup): void => {
    u.groupIds.push(g.id);
    g.memberIds.push(u.id);
  };

  const agents: DemoAgent[] = [];
  const addAgent = (a: (typeof AGENT_SPECS)[number]): DemoUser => {
    const roles = a.roles.map((k) => ROLE[k]);
    const u = makeUser({
      fixed: true,
      upn: a.upn,
      givenName: a.givenName,
      surname: a.surname,
      synced: false,
      enabled: true,
      guest: false,
      mask: maskOf(['mobilePhone', 'microsoftAuthenticator']),
      passwordAgeDays: 10,
      roles,
      password: a.password,
    });
    u.department = 'IT';
    u.jobTitle = a.label === 'team-lead' ? 'Service Desk Lead' : 'Service Desk Analyst';
    users.push(finish(u));
    join(u, serviceDesk);
    let shown = roles.map((r) => ROLE_DISPLAY_NAMES[r]);
    let effective: string[] = roles;
    if (a.heldVia === 'helpdesk-operators-group') {
      join(u, helpdeskOperators);
      shown = [`${ROLE_DISPLAY_NAMES[ROLE.helpdeskAdministrator]} (through the group Helpdesk Operators)`];
      effective = [ROLE.helpdeskAdministrator];
    } else if (a.heldVia === 'sales-unit') {
      salesUnit.scopedRoles.push({ roleTemplateId: ROLE.helpdeskAdministrator, principalId: u.id });
      shown = [...shown, `${ROLE_DISPLAY_NAMES[ROLE.helpdeskAdministrator]} (administrative unit Sales)`];
    }
    agents.push({
      upn: a.upn,
      password: a.password,
      roles: shown,
      roleTemplateIds: effective,
      userId: u.id,
      label: a.label,
    });
    return u;
  };
  // Agents holding a role another way were added later: seeded after the named targets, so the
  // numbers and ids of the accounts above them stay as they were.
  for (const a of AGENT_SPECS) if (!a.heldVia) addAgent(a);
  const teamLead = users.find((u) => u.userPrincipalName.startsWith('team.lead@'));
  for (const u of users) if (u !== teamLead && teamLead) u.managerId = teamLead.id;

  for (const t of TARGET_SPECS) {
    const u = makeUser({
      fixed: true,
      upn: t.upn,
      givenName: t.givenName,
      surname: t.surname,
      synced: t.synced,
      enabled: t.enabled,
      guest: t.guest,
      mask: t.methods,
      passwordAgeDays: t.passwordAgeDays,
      roles: t.roles.map((k) => ROLE[k]),
      password: DEMO_USER_PASSWORD,
      ...(t.passwordPolicies ? { passwordPolicies: t.passwordPolicies } : {}),
    });
    if (t.group === 'tier0') join(u, tier0);
    if (t.group === 'secops') join(u, secops);
    if (t.salesUnit) salesUnit.memberIds.push(u.id);
    if (!t.guest && teamLead) u.managerId = teamLead.id;
    users.push(finish(u));
  }
  for (const a of AGENT_SPECS) {
    if (!a.heldVia) continue;
    const u = addAgent(a);
    if (teamLead) u.managerId = teamLead.id;
  }

  // Generated users: the first 512 members take every method combination once; the rest are random.
  const firstGenerated = users.length;
  let memberOrdinal = 0;
  for (let i = 0; users.length < total; i++) {
    const guest = rng.chance(0.03);
    const mask = guest ? 0 : memberOrdinal < ALL_METHOD_COMBINATIONS ? memberOrdinal : randomMask(rng);
    if (!guest) memberOrdinal++;
    const synced = !guest && rng.chance(0.4);
    const roleRoll = !guest && rng.chance(0.01);
    const u = makeUser({
      givenName: rng.pick(GIVEN_NAMES),
      surname: rng.pick(SURNAMES),
      synced,
      enabled: !rng.chance(0.05),
      guest,
      mask,
      // Up to ~13 months: with a 90-day validity, many cloud passwords are expired.
      passwordAgeDays: rng.int(0, 400),
      roles: roleRoll ? [ROLE[rng.pick(SPRINKLED_ROLES)]] : [],
      password: DEMO_USER_PASSWORD,
      ...(!synced && !guest && rng.chance(0.1) ? { passwordPolicies: 'DisablePasswordExpiration' } : {}),
    });
    if (!guest && rng.chance(0.005)) join(u, rng.chance(0.5) ? tier0 : secops);
    // A reporting tree: every generated member reports to an earlier generated member (about 8 reports each).
    const boss = users[firstGenerated + Math.floor((i - 1) / 8)];
    if (i > 0 && !guest && boss && boss.userType === 'Member') u.managerId = boss.id;
    if (!guest && u.department === 'Sales') salesUnit.memberIds.push(u.id);
    users.push(finish(u));
  }
  // The shared mailbox grants Send As and Full Access to every agent holding a role
  // (concepts/outlook-send-mail-from-other-user.md: the sender needs Send As or Send on Behalf, and
  // Full Access to send through /users/{mailbox}/sendMail).
  const shared = users.find((u) => u.userPrincipalName === SHARED_MAILBOX);
  const senders = agents.filter((a) => a.label !== 'no-role').map((a) => a.userId);
  const mailboxPermissions: DemoMailboxPermissions[] = shared
    ? [{ mailboxUserId: shared.id, sendAs: senders, sendOnBehalf: [], fullAccess: senders }]
    : [];

  const policy = demoPolicy(iso(nowMs - 40 * DAY), opts.tap);
  tenant.skus = demoSkus(tenant.premium, users);
  const audits = seedSelfServiceAudits(rng, users, nowMs, 20_000);
  const frozen = opts.freezeClock === true;
  return new DemoDirectory({
    tenant,
    users,
    groups,
    policy,
    audits,
    agents,
    administrativeUnits: [salesUnit],
    mailboxPermissions,
    ...(opts.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: opts.syncIntervalMinutes } : {}),
    ...(frozen ? { clock: () => nowMs } : {}),
  });
}
