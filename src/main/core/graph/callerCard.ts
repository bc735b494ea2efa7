// Reading everything the caller card needs: its identity part and its reports part (methods,
// registration details), each in one $batch round trip, the two sent together.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { AgentRole, ScopedRole } from '../../../shared/roles';
import type { GraphCloud } from '../../../shared/settings';
import type { AuthMethodSummary, CallerCard, MethodKind, RegistrationSummary } from '../../../shared/users';
import { callAvailable, GRAPH_CLOUD_NAMES } from './availability';
import { sendBatch, type BatchAnswer, type BatchItem } from './batch';
import { graphCall } from './catalogue';
import { mapGraphError } from './errors';
import { maskEmail, maskPhone } from './mask';
import {
  ADVANCED,
  allPages,
  assignmentsUrl,
  GROUPS_CONSENT_GAP,
  groupsUrl,
  mergeRoles,
  parseAssignments,
  parseDirectoryRoles,
  parseRoleAssignableGroups,
  ROLES_CONSENT_GAP,
  rolesUrl,
  unitsUrl,
} from './roles';
import { SUMMARY_SELECT, toSummary } from './users';

const CARD_SELECT = [
  ...SUMMARY_SELECT,
  'officeLocation',
  'createdDateTime',
  'lastPasswordChangeDateTime',
  'passwordPolicies',
  'employeeHireDate',
];

const METHOD_KIND: Record<string, MethodKind> = {
  '#microsoft.graph.passwordAuthenticationMethod': 'password',
  '#microsoft.graph.phoneAuthenticationMethod': 'phone',
  '#microsoft.graph.emailAuthenticationMethod': 'email',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticator',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusiness',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOath',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPass',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'platformCredential',
};

const PHONE_LABEL = { mobile: 'Mobile', alternateMobile: 'Alternate mobile', office: 'Office phone' } as const;

export function toMethodSummary(m: Record<string, unknown>): AuthMethodSummary {
  const kind = METHOD_KIND[String(m['@odata.type'])] ?? 'other';
  const created = (m.createdDateTime ?? m.creationDateTime ?? null) as string | null;
  const base = { id: String(m.id), kind, createdDateTime: created };
  switch (kind) {
    case 'phone': {
      const phoneType = (m.phoneType as keyof typeof PHONE_LABEL) ?? 'mobile';
      return {
        ...base,
        phoneType,
        label: `${PHONE_LABEL[phoneType] ?? 'Phone'} ${maskPhone(m.phoneNumber as string)}`,
      };
    }
    case 'email':
      return { ...base, label: `Email ${maskEmail(m.emailAddress as string)}` };
    case 'password':
      return { ...base, label: 'Password' };
    case 'temporaryAccessPass':
      return { ...base, label: 'Temporary Access Pass' };
    default:
      // A device's name, else its model, as Graph gives them (strings); the method's kind otherwise.
      return { ...base, label: [m.displayName, m.model].find((v) => typeof v === 'string') ?? kind };
  }
}

function partialMessage(answer: BatchAnswer | undefined): string {
  if (!answer) return 'No answer from Microsoft Graph.';
  return mapGraphError({ statusCode: answer.status, body: answer.body, message: JSON.stringify(answer.body) }).message;
}

/**
 * Everything the caller card needs (catalogue: caller.*), as two $batch round trips sent together
 * (json-batching.md): the identity part and the reports part (getCallerIdentity, getCallerReports).
 * Pages: user-get.md, user-list-manager.md, authentication-list-methods.md,
 * user-list-transitivememberof.md, user-list-memberof.md, rbacapplication-list-roleassignments.md,
 * userregistrationdetails-get.md.
 * The card as Graph answered it (knowledge answers included): what the renderer may see of it is the
 * services' rule (verify/cardFields.ts), applied where the card leaves for the renderer.
 */
export async function getCaller(
  client: Client,
  id: string,
  options: { administrativeUnits?: boolean; cloud?: GraphCloud } = {},
): Promise<CallerCard> {
  return (await getCallerWithMethods(client, id, options)).card;
}

/**
 * The card, and for main only the methods list as Graph returned it (phone numbers and addresses
 * unmasked where the agent's role shows them): where verification codes can go is read from it, not
 * asked again — authentication methods count against the reports limit of 5 requests per 10 s
 * (concepts/throttling-limits.md).
 */
export async function getCallerWithMethods(
  client: Client,
  id: string,
  options: { administrativeUnits?: boolean; cloud?: GraphCloud } = {},
): Promise<{ card: CallerCard; rawMethods: Record<string, unknown>[] | null }> {
  const reports = getCallerReports(client, id, options);
  const card = await getCallerIdentity(client, id, options);
  const read = await reports;
  return { card: withReports(card, read), rawMethods: read.rawMethods };
}

/** The card's items, each only where the cloud's Graph has its path (e.g. no authentication methods in China). */
function cardItems(
  id: string,
  parts: readonly string[],
  options: { administrativeUnits?: boolean; cloud?: GraphCloud },
) {
  const user = `/users/${encodeURIComponent(id)}`;
  const cloud = options.cloud ?? 'global';
  const all: BatchItem[] = [
    { id: 'user', method: 'GET', url: `${user}?$select=${CARD_SELECT.join(',')}` },
    { id: 'manager', method: 'GET', url: `${user}/manager?$select=id,displayName,userPrincipalName` },
    { id: 'methods', method: 'GET', url: `${user}/authentication/methods` },
    { id: 'roles', method: 'GET', url: rolesUrl(user), headers: { ...ADVANCED } },
    { id: 'groups', method: 'GET', url: groupsUrl(user), headers: { ...ADVANCED } },
    { id: 'assignments', method: 'GET', url: assignmentsUrl(id) },
    {
      id: 'registration',
      method: 'GET',
      url: `/reports/authenticationMethods/userRegistrationDetails/${encodeURIComponent(id)}`,
    },
  ];
  // Only an agent whose role is scoped to an administrative unit needs to know the caller's units.
  if (options.administrativeUnits)
    all.push({ id: 'units', method: 'GET', url: unitsUrl(user), headers: { ...ADVANCED } });
  const wanted = all.filter((i) => parts.includes(i.id));
  const items = wanted.filter((i) => callAvailable(cloud, graphCall(CARD_CALLS[i.id] ?? 'caller.profile')));
  return { items, cloud, skipped: (part: string) => !items.some((i) => i.id === part) };
}

/** The parts Microsoft serves from its identity and access reports service (budget.ts counts them). */
const REPORT_PARTS = ['methods', 'registration'] as const;
const IDENTITY_PARTS = ['user', 'manager', 'roles', 'groups', 'assignments', 'units'] as const;

/**
 * The card's identity part in one $batch, the profile read first for a clear 404: profile, manager,
 * roles, role-assignable groups, role assignments, administrative units — nothing from the reports
 * service, so it never waits for the reports budget. Its methods and registration are pending
 * (`reportsPending`) until withReports fills them in. The casts carry `ConsistencyLevel: eventual`
 * as per-item headers (concepts/aad-advanced-queries.md).
 */
export async function getCallerIdentity(
  client: Client,
  id: string,
  options: { administrativeUnits?: boolean; cloud?: GraphCloud } = {},
): Promise<CallerCard> {
  const { items } = cardItems(id, IDENTITY_PARTS, options);
  let answers: Map<string, BatchAnswer>;
  try {
    answers = await sendBatch(client, items);
  } catch (error) {
    throw mapGraphError(error);
  }
  const profile = answers.get('user');
  if (!profile || profile.status !== 200) {
    throw mapGraphError({ statusCode: profile?.status ?? 0, body: profile?.body, message: partialMessage(profile) });
  }
  const u = profile.body as MicrosoftGraph.User;
  const partial: CallerCard['partial'] = [];

  const managerAnswer = answers.get('manager');
  let manager: CallerCard['manager'] = null;
  if (managerAnswer?.status === 200) {
    const m = managerAnswer.body as MicrosoftGraph.User;
    manager = { id: m.id ?? '', displayName: m.displayName ?? '', userPrincipalName: m.userPrincipalName ?? '' };
  } else if (managerAnswer?.status !== 404) {
    partial.push({ part: 'manager', message: partialMessage(managerAnswer) });
  }

  const memberships = await readMemberships(client, answers);
  if (memberships.gap) partial.push({ part: 'memberships', message: memberships.gap });

  return {
    user: {
      ...toSummary(u),
      officeLocation: u.officeLocation ?? null,
      createdDateTime: u.createdDateTime ?? null,
      lastPasswordChangeDateTime: u.lastPasswordChangeDateTime ?? null,
      passwordPolicies: u.passwordPolicies ?? null,
      employeeHireDate: u.employeeHireDate ?? null,
    },
    manager,
    methods: [],
    roles: memberships.roles,
    roleAssignableGroups: memberships.groups,
    scopedRoles: memberships.scopedRoles,
    administrativeUnitIds: memberships.units,
    registration: null,
    registrationUnavailable: null,
    partial,
    reportsPending: true,
    fetchedAt: new Date().toISOString(),
  };
}

/** The card's reports part: the caller's authentication methods and registration details. */
export interface CallerReports {
  methods: AuthMethodSummary[];
  /** As Graph returned them (main only); null when not read. */
  rawMethods: Record<string, unknown>[] | null;
  /** Why the methods could not be read; null when they were. */
  methodsUnavailable: string | null;
  registration: RegistrationSummary | null;
  registrationUnavailable: string | null;
}

/**
 * The card's reports part in one $batch: the methods (authentication-list-methods.md) and the
 * registration details (userregistrationdetails-get.md), both counted against the reports limit of
 * 5 requests per 10 s (concepts/throttling-limits.md), so they take the reports budget's slots.
 * Never throws: what could not be read is said, as a part of the card that could not be read.
 */
export async function getCallerReports(
  client: Client,
  id: string,
  options: { cloud?: GraphCloud } = {},
): Promise<CallerReports> {
  const { items, cloud, skipped } = cardItems(id, REPORT_PARTS, options);
  let answers = new Map<string, BatchAnswer>();
  let failure: string | null = null;
  try {
    answers = await sendBatch(client, items);
  } catch (error) {
    failure = mapGraphError(error).message;
  }
  const methodsAnswer = answers.get('methods');
  const rawMethods =
    methodsAnswer?.status === 200 ? ((methodsAnswer.body as { value?: Record<string, unknown>[] }).value ?? []) : null;
  const methodsUnavailable = skipped('methods')
    ? `${GRAPH_CLOUD_NAMES[cloud]} has no authentication methods API.`
    : methodsAnswer?.status === 200
      ? null
      : (failure ?? partialMessage(methodsAnswer));

  const regAnswer = answers.get('registration');
  let registration: RegistrationSummary | null = null;
  let registrationUnavailable: string | null = null;
  if (regAnswer?.status === 200) {
    const r = regAnswer.body as MicrosoftGraph.UserRegistrationDetails;
    registration = {
      isSsprRegistered: r.isSsprRegistered ?? false,
      isSsprEnabled: r.isSsprEnabled ?? false,
      isSsprCapable: r.isSsprCapable ?? false,
      isMfaRegistered: r.isMfaRegistered ?? false,
      isMfaCapable: r.isMfaCapable ?? false,
      isAdmin: r.isAdmin ?? false,
      methodsRegistered: r.methodsRegistered ?? [],
    };
  } else {
    registrationUnavailable = skipped('registration')
      ? `${GRAPH_CLOUD_NAMES[cloud]} has no registration report.`
      : (failure ?? partialMessage(regAnswer));
  }
  return {
    methods: (rawMethods ?? []).map(toMethodSummary),
    rawMethods,
    methodsUnavailable,
    registration,
    registrationUnavailable,
  };
}

const PART_ORDER: CallerCard['partial'][number]['part'][] = ['manager', 'methods', 'memberships'];

/** The identity part's card completed with its reports part: whole (no `reportsPending`). */
export function withReports(card: CallerCard, reports: CallerReports): CallerCard {
  const partial = [
    ...card.partial.filter((p) => p.part !== 'methods'),
    ...(reports.methodsUnavailable === null ? [] : [{ part: 'methods' as const, message: reports.methodsUnavailable }]),
  ].sort((a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part));
  const whole: CallerCard = {
    ...card,
    methods: reports.methods,
    registration: reports.registration,
    registrationUnavailable: reports.registrationUnavailable,
    partial,
  };
  delete whole.reportsPending;
  return whole;
}

/** Each card item's catalogue entry, to know whether the cloud has it. */
const CARD_CALLS: Record<string, string> = {
  user: 'caller.profile',
  manager: 'caller.manager',
  methods: 'caller.methods',
  roles: 'caller.roles',
  groups: 'caller.groups',
  assignments: 'caller.roleAssignments',
  registration: 'caller.registration',
  units: 'caller.administrativeUnits',
};

interface Memberships {
  roles: AgentRole[];
  groups: { id: string; displayName: string }[];
  scopedRoles: ScopedRole[];
  units: string[] | null;
  /** Why the memberships are not known in full; the guard then refuses every targeted action. */
  gap: string | null;
}

async function readMemberships(client: Client, answers: Map<string, BatchAnswer>): Promise<Memberships> {
  const out: Memberships = { roles: [], groups: [], scopedRoles: [], units: null, gap: null };
  const rolesAnswer = answers.get('roles');
  const groupsAnswer = answers.get('groups');
  const assignAnswer = answers.get('assignments');
  if (rolesAnswer?.status !== 200) return { ...out, gap: partialMessage(rolesAnswer) };
  const roles = parseDirectoryRoles(await allPages(client, rolesAnswer, { ...ADVANCED }));
  if (!roles.known) return { ...out, gap: ROLES_CONSENT_GAP };
  if (groupsAnswer?.status !== 200) return { ...out, gap: partialMessage(groupsAnswer) };
  const groups = parseRoleAssignableGroups(await allPages(client, groupsAnswer, { ...ADVANCED }));
  if (!groups.known) return { ...out, gap: GROUPS_CONSENT_GAP };
  out.roles = roles.roles;
  out.groups = groups.groups;
  // Listing role assignments is documented for Directory Readers, Global Reader and Privileged Role
  // Administrator only (rbacapplication-list-roleassignments.md): for other agents the caller's
  // unit-scoped roles stay unseen, and the registration report's isAdmin stands in (guardTargetOf).
  if (assignAnswer?.status === 200) {
    const names = new Map(roles.roles.map((r) => [r.templateId, r.displayName]));
    const assignments = parseAssignments(await allPages(client, assignAnswer), names);
    out.roles = mergeRoles(roles.roles, assignments.tenantWide);
    out.scopedRoles = assignments.scoped;
  } else if (assignAnswer && assignAnswer.status !== 403) {
    return { ...out, gap: partialMessage(assignAnswer) };
  }
  const unitsAnswer = answers.get('units');
  if (unitsAnswer) {
    if (unitsAnswer.status !== 200) return { ...out, gap: partialMessage(unitsAnswer) };
    out.units = (await allPages(client, unitsAnswer, { ...ADVANCED })).map((o) => String(o.id));
  }
  return out;
}
