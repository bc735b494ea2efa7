// Graph reads of the registration snapshot ingest (background work): the registration report and the
// /users stream one page at a time (the caller persists each page's next link), the user count, the
// $batch fallback's per-user reads, and the drill-down's methods. The client's retry middleware is told
// per request to count every 429/503/504 it waits out, and a few more waits of our own follow when
// the middleware gives up on a throttling storm (concepts/throttling.md).
import { ResponseType, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { createLogger } from '../log';
import { mapGraphError, retryAfterSeconds } from './errors';
import { pages } from './paging';
import { sleep } from '../net/sleep';

const log = createLogger('registration');

export interface Throttle {
  /** Called once for every wait Graph asked for (429/503/504 with Retry-After). */
  onWait(): void;
  signal: AbortSignal;
}

const OWN_RETRIES = 5;
export function retryOptions(t: Throttle, maxRetries = 6): RetryHandlerOptions {
  return new RetryHandlerOptions(1, maxRetries, () => {
    t.onWait();
    return !t.signal.aborted;
  });
}

/** Runs a Graph call; a 429/503 that outlasted the middleware's retries is waited out here too. */
async function withThrottle<T>(t: Throttle, run: () => Promise<T>): Promise<T> {
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
  /** @odata.nextLink, followed verbatim; null on the last page. */
  next: string | null;
}

async function getPage<T>(client: Client, url: string, t: Throttle): Promise<GraphPage<T>> {
  const page = (await withThrottle(t, () =>
    client
      .api(url)
      .middlewareOptions([retryOptions(t)])
      .get(),
  )) as { value?: T[]; '@odata.nextLink'?: string };
  return { value: page.value ?? [], next: page['@odata.nextLink'] ?? null };
}

const REPORT_URL = '/reports/authenticationMethods/userRegistrationDetails';

/** One page of the registration report; `next` null starts at the first page. */
// catalogue: registration.report — api-reference/v1.0/api/authenticationmethodsroot-list-userregistrationdetails.md
export const registrationReportPage = (client: Client, next: string | null, t: Throttle) =>
  getPage<MicrosoftGraph.UserRegistrationDetails>(client, next ?? REPORT_URL, t);

/** The registration report with an optional $filter, for reads that need no resume. */
// catalogue: registration.report
export function registrationDetailsPages(client: Client, filter?: string, signal?: AbortSignal) {
  const query = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
  return pages<MicrosoftGraph.UserRegistrationDetails>(client, `${REPORT_URL}${query}`, signal);
}

const USERS_SELECT = [
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
export const USERS_PAGE_SIZE = 999;

/** One page of every user with what the snapshot and password age need; `next` null starts over. */
// catalogue: registration.users — api-reference/v1.0/api/user-list.md
export const directoryUsersPage = (client: Client, next: string | null, t: Throttle) =>
  getPage<MicrosoftGraph.User>(client, next ?? `/users?$select=${USERS_SELECT.join(',')}&$top=${USERS_PAGE_SIZE}`, t);

/** GET /users/$count (an advanced query: ConsistencyLevel: eventual, concepts/aad-advanced-queries.md). */
// catalogue: registration.userCount — api-reference/v1.0/api/user-list.md
export async function countUsers(client: Client, t: Throttle): Promise<number> {
  const text = await withThrottle<unknown>(t, () =>
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

/** A user's registered authentication methods, for the registration drill-down (one read, no batch). */
// catalogue: registration.userMethods — api-reference/v1.0/api/authentication-list-methods.md
export async function userMethods(client: Client, userId: string): Promise<Record<string, unknown>[]> {
  try {
    const page = (await client.api(`/users/${encodeURIComponent(userId)}/authentication/methods`).get()) as {
      value?: Record<string, unknown>[];
    };
    return page.value ?? [];
  } catch (error) {
    throw mapGraphError(error);
  }
}

// ---- The $batch fallback (concepts/json-batching.md): 20 requests per POST /$batch. ----

export const BATCH_SIZE = 20;
/** Requests per user: their methods and their directory roles. */
export const REQUESTS_PER_USER = 2;
const MAX_ITEM_ROUNDS = 8;

interface Item {
  id: string;
  method: 'GET';
  url: string;
  headers?: Record<string, string>;
}
interface ReadAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function retryAfterMs(headers: Record<string, string> | undefined): number {
  const raw = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

/** One $batch of at most 20 reads; throttled items go again after their Retry-After (counted). */
async function sendReads(client: Client, items: Item[], t: Throttle): Promise<Map<string, ReadAnswer>> {
  const answers = new Map<string, ReadAnswer>();
  let pending = items;
  for (let round = 0; pending.length > 0 && !t.signal.aborted; round++) {
    const res = (await withThrottle(t, () =>
      client
        .api('/$batch')
        .middlewareOptions([retryOptions(t)])
        .post({ requests: pending }),
    )) as { responses?: ReadAnswer[] };
    const again: Item[] = [];
    let wait = 0;
    for (const answer of res.responses ?? []) {
      const item = pending.find((p) => p.id === answer.id);
      if ((answer.status === 429 || answer.status === 503) && item && round + 1 < MAX_ITEM_ROUNDS) {
        again.push(item);
        wait = Math.max(wait, retryAfterMs(answer.headers));
      } else answers.set(answer.id, answer);
    }
    if (again.length > 0) {
      t.onWait();
      await sleep(wait);
    }
    pending = again;
  }
  return answers;
}

interface FallbackReads {
  /** GET /users/{id}/authentication/methods; undefined when no answer came (cancelled). */
  methods: ReadAnswer | undefined;
  /** The user's directory roles (transitive); undefined when no answer came. */
  roles: ReadAnswer | undefined;
}

/**
 * Each user's methods and directory roles, for up to 10 users (two reads each) in one $batch. The role
 * read is an OData cast, so it carries `$count=true` and, as the item's own header,
 * `ConsistencyLevel: eventual` (user-list-transitivememberof.md, Request headers;
 * concepts/aad-advanced-queries.md). Only whether a role is there counts, so ids suffice.
 */
// catalogue: fallback.methods — api-reference/v1.0/api/authentication-list-methods.md
// catalogue: fallback.roles — api-reference/v1.0/api/user-list-transitivememberof.md
export async function fallbackReads(client: Client, userIds: readonly string[], t: Throttle): Promise<FallbackReads[]> {
  const items: Item[] = userIds.flatMap((id, i) => [
    { id: `m${i}`, method: 'GET' as const, url: `/users/${encodeURIComponent(id)}/authentication/methods` },
    {
      id: `r${i}`,
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(id)}/transitiveMemberOf/microsoft.graph.directoryRole?$count=true&$select=id,roleTemplateId`,
      headers: { ConsistencyLevel: 'eventual' },
    },
  ]);
  const answers = await sendReads(client, items, t);
  return userIds.map((_, i) => ({ methods: answers.get(`m${i}`), roles: answers.get(`r${i}`) }));
}
