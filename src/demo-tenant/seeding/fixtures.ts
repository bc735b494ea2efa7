// Fixed, documented accounts: the demo agents (one per role) and named example targets of every
// kind, so the app's tests and a tester at the sign-in page can rely on them whatever the seed.
import { ROLE, type RoleKey } from '../roles';
import { maskOf, type MethodBit } from './methods';

export const DEMO_DOMAIN = 'contoso.com';
export const INITIAL_DOMAIN = 'contosodemo.onmicrosoft.com';
/** Every seeded non-agent user starts with this password. */
export const DEMO_USER_PASSWORD = 'DemoUser!2026';

export interface AgentSpec {
  label: string;
  upn: string;
  password: string;
  givenName: string;
  surname: string;
  /** Tenant-wide roles assigned directly. */
  roles: RoleKey[];
  /**
   * A role held another way: through the role-assignable group "Helpdesk Operators" (Helpdesk
   * Administrator), or assigned at the scope of the "Sales" administrative unit (Helpdesk Administrator).
   */
  heldVia?: 'helpdesk-operators-group' | 'sales-unit';
}

/** The shared mailbox the agents may send from (Send As and Full Access granted to every agent with a role). */
export const SHARED_MAILBOX = `servicedesk@${DEMO_DOMAIN}`;

export const AGENT_SPECS: readonly AgentSpec[] = [
  {
    label: 'helpdesk',
    upn: `helpdesk@${DEMO_DOMAIN}`,
    password: 'Helpdesk!Demo2026',
    givenName: 'Harper',
    surname: 'Helpdesk',
    roles: ['helpdeskAdministrator'],
  },
  {
    label: 'password-admin',
    upn: `password.admin@${DEMO_DOMAIN}`,
    password: 'PwdAdm!Demo2026',
    givenName: 'Parker',
    surname: 'Password',
    roles: ['passwordAdministrator'],
  },
  {
    label: 'authentication-admin',
    upn: `authentication.admin@${DEMO_DOMAIN}`,
    password: 'AuthAdm!Demo2026',
    givenName: 'Avery',
    surname: 'Authentication',
    roles: ['authenticationAdministrator'],
  },
  {
    label: 'privileged-authentication-admin',
    upn: `privileged.auth.admin@${DEMO_DOMAIN}`,
    password: 'PrivAuth!Demo2026',
    givenName: 'Priya',
    surname: 'Privileged',
    roles: ['privilegedAuthenticationAdministrator'],
  },
  {
    label: 'user-admin',
    upn: `user.admin@${DEMO_DOMAIN}`,
    password: 'UserAdm!Demo2026',
    givenName: 'Ulrich',
    surname: 'User',
    roles: ['userAdministrator'],
  },
  {
    label: 'global-reader',
    upn: `global.reader@${DEMO_DOMAIN}`,
    password: 'Reader!Demo2026',
    givenName: 'Greta',
    surname: 'Reader',
    roles: ['globalReader'],
  },
  {
    label: 'global-admin',
    upn: `global.admin@${DEMO_DOMAIN}`,
    password: 'GlobalAdm!Demo2026',
    givenName: 'Gloria',
    surname: 'Global',
    roles: ['globalAdministrator'],
  },
  {
    label: 'team-lead',
    upn: `team.lead@${DEMO_DOMAIN}`,
    password: 'TeamLead!Demo2026',
    givenName: 'Terry',
    surname: 'Lead',
    roles: ['reportsReader'],
  },
  {
    label: 'no-role',
    upn: `staff.member@${DEMO_DOMAIN}`,
    password: 'Staff!Demo2026',
    givenName: 'Stacy',
    surname: 'Staff',
    roles: [],
  },
  {
    label: 'helpdesk-via-group',
    upn: `group.helpdesk@${DEMO_DOMAIN}`,
    password: 'GroupHelp!Demo2026',
    givenName: 'Gabriel',
    surname: 'Grouphelp',
    roles: [],
    heldVia: 'helpdesk-operators-group',
  },
  {
    label: 'helpdesk-sales-unit',
    upn: `au.helpdesk@${DEMO_DOMAIN}`,
    password: 'AuHelp!Demo2026',
    givenName: 'Aubrey',
    surname: 'Unithelp',
    // Listing role assignments (how a client learns of a unit-scoped role) is documented for Directory
    // Readers, Global Reader and Privileged Role Administrator (rbacapplication-list-roleassignments.md).
    roles: ['directoryReaders'],
    heldVia: 'sales-unit',
  },
];

export interface TargetSpec {
  key: string;
  upn: string;
  givenName: string;
  surname: string;
  synced: boolean;
  enabled: boolean;
  guest: boolean;
  methods: number;
  passwordAgeDays: number;
  roles: RoleKey[];
  /** 'tier0' = role-assignable group without roles; 'secops' = role-assignable group holding Security Reader. */
  group?: 'tier0' | 'secops';
  passwordPolicies?: string;
  /** Member of the "Sales" administrative unit. */
  salesUnit?: boolean;
}

const m = (...bits: MethodBit[]): number => maskOf(bits);

export const TARGET_SPECS: readonly TargetSpec[] = [
  {
    key: 'cloud-sspr',
    upn: `alex.cloud@${DEMO_DOMAIN}`,
    givenName: 'Alex',
    surname: 'Cloud',
    synced: false,
    enabled: true,
    guest: false,
    methods: m('mobilePhone', 'email', 'microsoftAuthenticator'),
    passwordAgeDays: 20,
    roles: [],
  },
  {
    key: 'synced',
    upn: `sam.synced@${DEMO_DOMAIN}`,
    givenName: 'Sam',
    surname: 'Synced',
    synced: true,
    enabled: true,
    guest: false,
    methods: m('mobilePhone', 'microsoftAuthenticator'),
    passwordAgeDays: 30,
    roles: [],
    passwordPolicies: 'DisablePasswordExpiration',
  },
  {
    key: 'no-methods',
    upn: `nora.nomethods@${DEMO_DOMAIN}`,
    givenName: 'Nora',
    surname: 'Nomethods',
    synced: false,
    enabled: true,
    guest: false,
    methods: 0,
    passwordAgeDays: 10,
    roles: [],
  },
  {
    key: 'disabled',
    upn: `dana.disabled@${DEMO_DOMAIN}`,
    givenName: 'Dana',
    surname: 'Disabled',
    synced: false,
    enabled: false,
    guest: false,
    methods: m('mobilePhone'),
    passwordAgeDays: 40,
    roles: [],
  },
  {
    key: 'expired',
    upn: `evan.expired@${DEMO_DOMAIN}`,
    givenName: 'Evan',
    surname: 'Expired',
    synced: false,
    enabled: true,
    guest: false,
    methods: m('mobilePhone', 'email'),
    passwordAgeDays: 200,
    roles: [],
  },
  {
    key: 'every-method',
    upn: `erin.everything@${DEMO_DOMAIN}`,
    givenName: 'Erin',
    surname: 'Everything',
    synced: false,
    enabled: true,
    guest: false,
    methods: (1 << 9) - 1,
    passwordAgeDays: 5,
    roles: [],
  },
  {
    key: 'guest',
    upn: `gus.guest_fabrikam.com#EXT#@${INITIAL_DOMAIN}`,
    givenName: 'Gus',
    surname: 'Guest',
    synced: false,
    enabled: true,
    guest: true,
    methods: 0,
    passwordAgeDays: 60,
    roles: [],
  },
  {
    key: 'role-assignable-group-member',
    upn: `rory.rolegroup@${DEMO_DOMAIN}`,
    givenName: 'Rory',
    surname: 'Rolegroup',
    synced: false,
    enabled: true,
    guest: false,
    methods: m('mobilePhone'),
    passwordAgeDays: 15,
    roles: [],
    group: 'tier0',
  },
  {
    key: 'role-via-group',
    upn: `sid.secops@${DEMO_DOMAIN}`,
    givenName: 'Sid',
    surname: 'Secops',
    synced: false,
    enabled: true,
    guest: false,
    methods: m('microsoftAuthenticator'),
    passwordAgeDays: 15,
    roles: [],
    group: 'secops',
  },
  ...(Object.keys(ROLE) as RoleKey[]).map((key): TargetSpec => ({
    key: `role-${key}`,
    upn: `target.${key.toLowerCase()}@${DEMO_DOMAIN}`,
    givenName: 'Target',
    surname: key.charAt(0).toUpperCase() + key.slice(1),
    synced: false,
    enabled: true,
    guest: false,
    methods: m('mobilePhone', 'microsoftAuthenticator'),
    passwordAgeDays: 25,
    roles: [key],
  })),
  // Added later than the ones above, so they come last and leave earlier users' numbers alone.
  {
    key: 'sales-unit-member',
    upn: `sally.sales@${DEMO_DOMAIN}`,
    givenName: 'Sally',
    surname: 'Sales',
    synced: false,
    enabled: true,
    guest: false,
    methods: m('mobilePhone', 'microsoftAuthenticator'),
    passwordAgeDays: 12,
    roles: [],
    salesUnit: true,
  },
  {
    // Disabled in on-premises AD: a cloud re-enable is undone by the next sync cycle.
    key: 'synced-disabled-on-premises',
    upn: `olive.offboarded@${DEMO_DOMAIN}`,
    givenName: 'Olive',
    surname: 'Offboarded',
    synced: true,
    enabled: false,
    guest: false,
    methods: m('mobilePhone'),
    passwordAgeDays: 35,
    roles: [],
    passwordPolicies: 'DisablePasswordExpiration',
  },
  {
    // A shared mailbox: a user object without sign-in, whose mailbox the agents may send from.
    key: 'shared-mailbox',
    upn: SHARED_MAILBOX,
    givenName: 'Service',
    surname: 'Desk',
    synced: false,
    enabled: false,
    guest: false,
    methods: 0,
    passwordAgeDays: 400,
    roles: [],
  },
];
