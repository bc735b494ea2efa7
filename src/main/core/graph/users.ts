// Finding the caller and reading everything their card needs, in one $batch round trip.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { roleKeyForTemplate, type AgentRole } from '../../../shared/roles';
import type {
  AuthMethodSummary,
  CallerCard,
  MethodKind,
  RegistrationSummary,
  UserSearchResult,
  UserSummary,
} from '../../../shared/users';
import { sendBatch, type BatchAnswer } from './batch';
import { mapGraphError } from './errors';
import { maskEmail, maskPhone } from './mask';

const SUMMARY_SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'jobTitle',
  'department',
  'employeeId',
  'accountEnabled',
  'onPremisesSyncEnabled',
  'userType',
];
const CARD_SELECT = [
  ...SUMMARY_SELECT,
  'officeLocation',
  'createdDateTime',
  'lastPasswordChangeDateTime',
  'passwordPolicies',
  'employeeHireDate',
];

// '+' must travel as %2B: in a query string a bare '+' is read as a space (phone numbers start with one).
const odataString = (v: string) => `'${v.replace(/'/g, "''").replace(/\+/g, '%2B')}'`;
const searchTerm = (v: string) => v.replace(/["\\]/g, '');

export function toSummary(u: MicrosoftGraph.User): UserSummary {
  return {
    id: u.id ?? '',
    displayName: u.displayName ?? u.userPrincipalName ?? '',
    userPrincipalName: u.userPrincipalName ?? '',
    mail: u.mail ?? null,
    jobTitle: u.jobTitle ?? null,
    department: u.department ?? null,
    employeeId: u.employeeId ?? null,
    accountEnabled: u.accountEnabled ?? null,
    synced: u.onPremisesSyncEnabled === true,
    userType: u.userType === 'Guest' ? 'Guest' : u.userType === 'Member' ? 'Member' : null,
  };
}

/** How a typed text is read: UPN/mail, employee id (E100003, 004211) or phone (+1 425 555 0180), or a name. */
export function classifySearch(text: string): UserSearchResult['matchedBy'] {
  if (text.includes('@')) return 'upn-or-mail';
  if (/^\+?[\d\s().-]{3,}$/.test(text)) return 'employee-id-or-phone';
  if (/^[A-Za-z]{0,4}-?\d{3,}$/.test(text)) return 'employee-id-or-phone';
  return 'name';
}

export async function searchUsers(client: Client, rawText: string, top = 25): Promise<UserSearchResult> {
  const text = rawText.trim();
  const matchedBy = classifySearch(text);
  // Every form here is an advanced query: ConsistencyLevel: eventual and $count=true (GRAPH-NOTES A1).
  let request = client
    .api('/users')
    .header('ConsistencyLevel', 'eventual')
    .query({ $count: 'true' })
    .select(SUMMARY_SELECT)
    .top(top);
  switch (matchedBy) {
    case 'upn-or-mail':
      request = request.filter(
        `startswith(userPrincipalName,${odataString(text)}) or startswith(mail,${odataString(text)})`,
      );
      break;
    case 'employee-id-or-phone': {
      request = request.filter(`employeeId eq ${odataString(text)} or startswith(mobilePhone,${odataString(text)})`);
      break;
    }
    case 'name': {
      const term = searchTerm(text);
      request = request
        .search(`"displayName:${term}" OR "mail:${term}" OR "userPrincipalName:${term}"`)
        .orderby('displayName');
      break;
    }
  }
  try {
    const page = (await request.get()) as { value: MicrosoftGraph.User[]; '@odata.count'?: number };
    return { users: page.value.map(toSummary), total: page['@odata.count'] ?? null, matchedBy };
  } catch (error) {
    throw mapGraphError(error);
  }
}

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
      return { ...base, label: String(m.displayName ?? m.model ?? kind) };
  }
}

function partialMessage(answer: BatchAnswer | undefined): string {
  if (!answer) return 'No answer from Microsoft Graph.';
  return mapGraphError({ statusCode: answer.status, body: answer.body, message: JSON.stringify(answer.body) }).message;
}

/** Everything the caller card needs in ONE round trip ($batch), the profile read first for a clear 404. */
export async function getCaller(client: Client, id: string): Promise<CallerCard> {
  const user = `/users/${encodeURIComponent(id)}`;
  let answers: Map<string, BatchAnswer>;
  try {
    answers = await sendBatch(client, [
      { id: 'user', method: 'GET', url: `${user}?$select=${CARD_SELECT.join(',')}` },
      { id: 'manager', method: 'GET', url: `${user}/manager?$select=id,displayName,userPrincipalName` },
      { id: 'methods', method: 'GET', url: `${user}/authentication/methods` },
      {
        id: 'memberOf',
        method: 'GET',
        url: `${user}/memberOf?$select=id,displayName,roleTemplateId,isAssignableToRole`,
      },
      {
        id: 'registration',
        method: 'GET',
        url: `/reports/authenticationMethods/userRegistrationDetails/${encodeURIComponent(id)}`,
      },
    ]);
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

  const methodsAnswer = answers.get('methods');
  const methods =
    methodsAnswer?.status === 200
      ? ((methodsAnswer.body as { value: Record<string, unknown>[] }).value ?? []).map(toMethodSummary)
      : [];
  if (methodsAnswer?.status !== 200) partial.push({ part: 'methods', message: partialMessage(methodsAnswer) });

  const roles: AgentRole[] = [];
  const roleAssignableGroups: CallerCard['roleAssignableGroups'] = [];
  const memberAnswer = answers.get('memberOf');
  if (memberAnswer?.status === 200) {
    for (const o of (memberAnswer.body as { value: Record<string, unknown>[] }).value ?? []) {
      if (o['@odata.type'] === '#microsoft.graph.directoryRole' && typeof o.roleTemplateId === 'string') {
        roles.push({
          templateId: o.roleTemplateId,
          key: roleKeyForTemplate(o.roleTemplateId) ?? null,
          displayName: String(o.displayName ?? o.roleTemplateId),
        });
      } else if (o['@odata.type'] === '#microsoft.graph.group' && o.isAssignableToRole === true) {
        roleAssignableGroups.push({ id: String(o.id), displayName: String(o.displayName ?? o.id) });
      }
    }
  } else {
    partial.push({ part: 'memberships', message: partialMessage(memberAnswer) });
  }

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
    registrationUnavailable = partialMessage(regAnswer);
  }

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
    methods,
    roles,
    roleAssignableGroups,
    registration,
    registrationUnavailable,
    partial,
    fetchedAt: new Date().toISOString(),
  };
}
