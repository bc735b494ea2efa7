// Deterministic demo tenant: same seed (and `now`) → same directory. Fixed agents and named targets
// first (seeding/fixtures.ts), then generated users up to the requested count.
import { DemoDirectory } from './model';
import type { AuthMethodsPolicy, DemoAgent, DemoGroup, DemoTenant, DemoUser, TapPolicy } from './model-types';
import { ROLE, ROLE_DISPLAY_NAMES, type RoleKey } from './roles';
import { seedSelfServiceAudits } from './seeding/audit';
import { AGENT_SPECS, DEMO_DOMAIN, DEMO_USER_PASSWORD, INITIAL_DOMAIN, TARGET_SPECS } from './seeding/fixtures';
import { ALL_METHOD_COMBINATIONS, buildMethods, maskOf, phoneNumber, randomMask } from './seeding/methods';
import { DEPARTMENTS, GIVEN_NAMES, JOB_TITLES, OFFICES, SURNAMES } from './seeding/names';
import { Rng } from './seeding/random';

export { AGENT_SPECS, TARGET_SPECS, DEMO_DOMAIN, INITIAL_DOMAIN, DEMO_USER_PASSWORD } from './seeding/fixtures';
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

  const tenant: DemoTenant = {
    tenantId: rng.guid(),
    displayName: 'Contoso (Resetline demo)',
    premium: opts.premium ?? true,
    writeback: opts.writeback ?? true,
    syncAgent: 'Microsoft Entra Connect',
    domains: [
      {
        id: DEMO_DOMAIN,
        isDefault: true,
        isInitial: false,
        isVerified: true,
        authenticationType: 'Managed',
        passwordValidityPeriodInDays: 90,
        passwordNotificationWindowInDays: 14,
        supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      },
      {
        id: INITIAL_DOMAIN,
        isDefault: false,
        isInitial: true,
        isVerified: true,
        authenticationType: 'Managed',
        passwordValidityPeriodInDays: 90,
        passwordNotificationWindowInDays: 14,
        supportedServices: ['Email'],
      },
    ],
    skus: [],
    createdDateTime: iso(nowMs - 3000 * DAY),
    city: 'Redmond',
    countryLetterCode: 'US',
    ssprMethodsRequired: 1,
  };
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

  const join = (u: DemoUser, g: DemoGroup): void => {
    u.groupIds.push(g.id);
    g.memberIds.push(u.id);
  };

  const agents: DemoAgent[] = [];
  for (const a of AGENT_SPECS) {
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
    users.push(u);
    join(u, serviceDesk);
    agents.push({
      upn: a.upn,
      password: a.password,
      roles: roles.map((r) => ROLE_DISPLAY_NAMES[r]),
      roleTemplateIds: roles,
      userId: u.id,
      label: a.label,
    });
  }
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
    if (!t.guest && teamLead) u.managerId = teamLead.id;
    users.push(u);
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
    users.push(u);
  }

  const policy: AuthMethodsPolicy = {
    states: {
      Fido2: 'enabled',
      MicrosoftAuthenticator: 'enabled',
      Sms: 'enabled',
      Voice: 'enabled',
      Email: 'enabled',
      TemporaryAccessPass: 'enabled',
      SoftwareOath: 'enabled',
      X509Certificate: 'disabled',
    },
    tap: {
      state: 'enabled',
      defaultLength: 8,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      ...opts.tap,
    },
    lastModifiedDateTime: iso(nowMs - 40 * DAY),
  };
  tenant.skus = [
    {
      skuId: tenant.premium ? '06ebc4ee-1bb5-47dd-8120-11324bc54e06' : '3b555118-da6a-4418-894f-7df1e2096870',
      skuPartNumber: tenant.premium ? 'SPE_E5' : 'O365_BUSINESS_ESSENTIALS',
      prepaidUnits: Math.max(25, Math.ceil(users.length * 1.1)),
      consumedUnits: users.filter((u) => u.userType === 'Member').length,
      servicePlans: tenant.premium
        ? [{ servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', servicePlanName: 'AAD_PREMIUM' }]
        : [],
    },
  ];
  const audits = seedSelfServiceAudits(rng, users, nowMs, 20_000);
  const frozen = opts.freezeClock === true;
  return new DemoDirectory({
    tenant,
    users,
    groups,
    policy,
    audits,
    agents,
    ...(frozen ? { clock: () => nowMs } : {}),
  });
}
