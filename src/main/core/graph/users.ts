// Finding the caller: one `GET /users` (filter or $search) per search, summaries only. Their card is
// read by callerCard.ts. The summaries are what Graph answered; what the renderer may see of them is
// the services' rule (verify/cardFields.ts), applied by the caller of searchUsers.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { CountryCode } from 'libphonenumber-js';
import { assertNever, ResetlineError } from '../../../shared/result';
import { hasNoWords, SEARCH_MAX_CHARS } from '../../../shared/searchWords';
import type { UserSearchResult, UserSummary } from '../../../shared/users';
import { mapGraphError } from './errors';
import { phonePrefixes } from './phoneSearch';

export const SUMMARY_SELECT = [
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

/** Said instead of a search when the text has no letter or digit: Graph would match anything or nothing. */
export function nothingToMatch(text: string): string {
  return `Nothing matches “${text}”: type part of a name, UPN or mail, an employee id or a phone number.`;
}

export interface SearchOptions {
  top?: number;
  /**
   * The tenant's country (its organization's countryLetterCode), for phone numbers typed without a
   * country code; unset, such numbers are tried as typed and as if their "+" was left off (phoneSearch.ts).
   */
  defaultRegion?: CountryCode | undefined;
}

/** The `$filter` for an employee id or a phone number: the id as typed, the phone in each likely format. */
function idOrPhoneFilter(text: string, defaultRegion: CountryCode | undefined): string {
  const phones = phonePrefixes(text, defaultRegion).map((p) => `startswith(mobilePhone,${odataString(p)})`);
  return [`employeeId eq ${odataString(text)}`, ...phones].join(' or ');
}

/**
 * catalogue: search.users — `GET /users` with `$filter`/`$search`, `$count` and ConsistencyLevel
 * (api-reference/v1.0/api/user-list.md, concepts/aad-advanced-queries.md). A text without any letter or
 * digit (emoji, punctuation) or longer than the search box takes is answered here, with no request.
 */
export async function searchUsers(
  client: Client,
  rawText: string,
  { top = 25, defaultRegion }: SearchOptions = {},
): Promise<UserSearchResult> {
  const text = rawText.trim();
  if (text.length > SEARCH_MAX_CHARS) {
    throw new ResetlineError('invalid_input', `The search is too long: at most ${SEARCH_MAX_CHARS} characters.`);
  }
  const matchedBy = classifySearch(text);
  if (hasNoWords(text)) return { users: [], total: 0, matchedBy, note: nothingToMatch(text) };
  // Every form here is an advanced query: ConsistencyLevel: eventual and $count=true (api-reference/v1.0/api/user-list.md, concepts/aad-advanced-queries.md).
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
    case 'employee-id-or-phone':
      request = request.filter(idOrPhoneFilter(text, defaultRegion));
      break;
    case 'name': {
      const term = searchTerm(text);
      request = request
        .search(`"displayName:${term}" OR "mail:${term}" OR "userPrincipalName:${term}"`)
        .orderby('displayName');
      break;
    }
    default:
      assertNever(matchedBy, 'search form');
  }
  try {
    const page = (await request.get()) as { value: MicrosoftGraph.User[]; '@odata.count'?: number };
    return {
      users: page.value.map(toSummary),
      total: page['@odata.count'] ?? null,
      matchedBy,
    };
  } catch (error) {
    throw mapGraphError(error);
  }
}
