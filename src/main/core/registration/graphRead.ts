// Graph reads of the ingest: one page at a time (the caller persists each page's next link), with
// the client's retry middleware told per request to count every 429/503/504 it waits out, and a
// few more waits of our own when the middleware gives up on a throttling storm.
import { ResponseType, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { RegistrationRow } from '../../../shared/registration';
import { mapGraphError, retryAfterSeconds } from '../graph/errors';
import { createLogger } from '../log';
import type { DirectoryUserRow } from './store';

const log = createLogger('registration');

export const REPORT_URL = '/reports/authenticationMethods/userRegistrationDetails';
export const USERS_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'department',
  'userType',
  'lastPasswordChangeDateTime',
  'passwordPolicies',
  'onPremisesSyncEnabled',
  'accountEnabled',
];
export const USERS_URL = `/users?$select=${USERS_SELECT.join(',')}&$top=999`;

export interface Throttle {
  /** Called once for every wait Graph asked for (429/503/504 with Retry-After). */
  onWait(): void;
  signal: AbortSignal;
}

const OWN_RETRIES = 5;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export function retryOptions(t: Throttle, maxRetries = 6): RetryHandlerOptions {
  return new RetryHandlerOptions(1, maxRetries, () => {
    t.onWait();
    return !t.signal.aborted;
  });
}

/** Runs a Graph call; a 429/503 that outlasted the middleware's retries is waited out here too. */
export async function withThrottle<T>(t: Throttle, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if ((status === 429 || status === 503) && attempt < OWN_RETRIES && !t.signal.aborted) {
        t.onWait();
        const seconds = retryAfterSeconds((error as { headers?: Headers }).headers) ?? 2 ** attempt;
        await sleep(Math.min(seconds, 60) * 1000, t.signal);
        continue;
      }
      const mapped = mapGraphError(error);
      // A dropped connection on a read: try again a few times before failing the (resumable) ingest.
      if (mapped.code === 'network' && attempt < OWN_RETRIES && !t.signal.aborted) {
        log.warn('graph read failed, trying again', { attempt });
        await sleep(500 * 2 ** attempt, t.signal);
        continue;
      }
      throw mapped;
    }
  }
}

export interface GraphPage<T> {
  value: T[];
  next: string | null;
}

export async function getPage<T>(client: Client, url: string, t: Throttle): Promise<GraphPage<T>> {
  const page = (await withThrottle(t, () =>
    client
      .api(url)
      .middlewareOptions([retryOptions(t)])
      .get(),
  )) as { value?: T[]; '@odata.nextLink'?: string };
  return { value: page.value ?? [], next: page['@odata.nextLink'] ?? null };
}

/** GET /users/$count (an advanced query: ConsistencyLevel: eventual). */
export async function countUsers(client: Client, t: Throttle): Promise<number> {
  const text = await withThrottle(t, () =>
    client
      .api('/users/$count')
      .header('ConsistencyLevel', 'eventual')
      .responseType(ResponseType.TEXT)
      .middlewareOptions([retryOptions(t)])
      .get(),
  );
  const n = Number(String(text).trim());
  return Number.isFinite(n) ? n : 0;
}

export function fromReport(r: MicrosoftGraph.UserRegistrationDetails): RegistrationRow {
  return {
    userId: r.id ?? '',
    userPrincipalName: r.userPrincipalName ?? '',
    displayName: r.userDisplayName ?? r.userPrincipalName ?? '',
    department: null,
    userType: r.userType === 'guest' ? 'guest' : 'member',
    isAdmin: r.isAdmin === true,
    isSsprRegistered: r.isSsprRegistered === true,
    isSsprEnabled: r.isSsprEnabled === true,
    isSsprCapable: r.isSsprCapable === true,
    isMfaRegistered: r.isMfaRegistered === true,
    isMfaCapable: r.isMfaCapable === true,
    isPasswordlessCapable: r.isPasswordlessCapable === true,
    methodsRegistered: r.methodsRegistered ?? [],
    preferredMethod: r.userPreferredMethodForSecondaryAuthentication ?? null,
  };
}

export function fromUser(u: MicrosoftGraph.User): DirectoryUserRow {
  const changed = u.lastPasswordChangeDateTime ? Date.parse(u.lastPasswordChangeDateTime) : NaN;
  return {
    userId: u.id ?? '',
    userPrincipalName: u.userPrincipalName ?? '',
    displayName: u.displayName ?? u.userPrincipalName ?? '',
    department: u.department ?? null,
    userType: u.userType === 'Guest' ? 'guest' : 'member',
    accountEnabled: u.accountEnabled ?? null,
    passwordChangedAt: Number.isNaN(changed) ? null : changed,
    neverExpires: /DisablePasswordExpiration/i.test(u.passwordPolicies ?? ''),
    onPremises: u.onPremisesSyncEnabled === true,
  };
}
