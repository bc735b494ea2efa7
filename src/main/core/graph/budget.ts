// The app's side of Microsoft Graph's throttling (concepts/throttling-limits.md). Every request carries
// x-ms-throttle-priority: `high` for what the agent waits on (the default: "We recommend setting
// priority to high only for the requests initiated by the user"), `low` for background work, which asks
// through background(client). The identity and access reports service allows five requests per 10
// seconds per app per tenant (includes/throttling-entra-logs-reports.md); ReportsBudget shares those
// five among all of this app's requests, so background work never takes the slots a caller card needs.
// Graph stays the judge (other copies of the app share the same limit): its 429s are still honoured
// with Retry-After by the retry middleware, and they hold background work back here too.
import type { Client, Context, Middleware } from '@microsoft/microsoft-graph-client';
import { requestOf, requestUrl } from './context';

type GraphPriority = 'high' | 'low';
const PRIORITY_HEADER = 'x-ms-throttle-priority';

/**
 * Paths of the identity and access reports service: auditLogRoot (directoryAudits, signIns),
 * /reports/authenticationMethods (userRegistrationDetails and its summaries), and authenticationMethod
 * (a user's methods, resetPassword, Temporary Access Pass). The authentication root and its
 * operations are in no documented list; like the demo tenant, the stricter reports limit is assumed.
 */
const REPORTS_PATHS = [
  /^\/auditlogs(\/|$)/,
  /^\/reports\/authenticationmethods(\/|$)/,
  /^\/(me|users\/[^/]+)\/authentication(\/|$)/,
];

/** `url` absolute (https://graph…/v1.0/…) or relative to the version root, with or without a query. */
export function isReportsRequest(url: string): boolean {
  const path = url
    .replace(/^https?:\/\/[^/]+/i, '')
    .replace(/^\/?(v1\.0|beta)(?=\/)/i, '')
    .split('?')[0]!
    .toLowerCase();
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return REPORTS_PATHS.some((p) => p.test(rooted));
}

interface BudgetOptions {
  /** Requests per window (the documented 5). */
  limit?: number;
  windowMs?: number;
  /**
   * Slots background work leaves free while the agent is working a call: a caller card reads the
   * methods, the registration details and the caller's self-service attempts (three report requests).
   */
  callerReserve?: number;
  /** How long after the last high-priority report request the reserve is kept (the rest of a call). */
  callerHoldMs?: number;
  now?: () => number;
}

interface Waiter {
  priority: GraphPriority;
  n: number;
  resolve: (slots: Slots) => void;
}

/**
 * Slots taken for one request. Graph counts a request when it arrives, somewhere between sending and
 * the answer; the slots leave the window `windowMs` after `settle()` (call it when the answer came),
 * so the app never counts a slot free before Graph does. Until then they do not expire.
 */
export interface Slots {
  settle(): void;
}
const NO_SLOTS: Slots = { settle: () => undefined };

interface Taken {
  at: number;
}

/** A client-side sliding window over the reports service's five requests per 10 seconds. */
export class ReportsBudget {
  readonly limit: number;
  readonly windowMs: number;
  private readonly reserve: number;
  private readonly holdMs: number;
  private readonly now: () => number;
  private taken: Taken[] = [];
  private lastHigh = -Infinity;
  private blockedUntil = -Infinity;
  /** Background work is paced (one slot per windowMs/limit), so the window never fills in one burst. */
  private lowPacedUntil = -Infinity;
  private waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wakeAt = Infinity;

  constructor(options: BudgetOptions = {}) {
    this.limit = options.limit ?? 5;
    this.windowMs = options.windowMs ?? 10_000;
    this.reserve = Math.min(options.callerReserve ?? 3, this.limit - 1);
    this.holdMs = options.callerHoldMs ?? 120_000;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * Resolves when `n` report requests may leave. High goes first and may use every slot; low waits
   * while a high request waits, while Graph's last Retry-After runs, for room beyond the caller
   * reserve during a call, and is paced evenly across the window (a caller arriving mid-ingest then
   * finds the oldest slots about to leave, not a window filled in one burst). A $batch of more
   * requests than the limit takes what the limit allows (Graph answers the rest 429, which the batch
   * helpers send again).
   */
  acquire(priority: GraphPriority, n: number): Promise<Slots> {
    if (n <= 0) return Promise.resolve(NO_SLOTS);
    if (priority === 'high') this.lastHigh = this.now();
    return new Promise((resolve) => {
      this.waiters.push({ priority, n, resolve });
      this.pump();
    });
  }

  /** Graph answered a report request 429: background work waits out its Retry-After. */
  noteThrottled(retryAfterMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + Math.max(0, retryAfterMs));
    this.pump();
  }

  /** Slots in use and requests waiting (for tests and the bench). */
  stats(): { inWindow: number; waitingHigh: number; waitingLow: number } {
    this.prune(this.now());
    return {
      inWindow: this.taken.length,
      waitingHigh: this.waiters.filter((w) => w.priority === 'high').length,
      waitingLow: this.waiters.filter((w) => w.priority === 'low').length,
    };
  }

  private prune(now: number): void {
    this.taken = this.taken.filter((t) => t.at > now - this.windowMs);
  }

  private reserveNow(now: number): number {
    return now - this.lastHigh < this.holdMs ? this.reserve : 0;
  }

  /** How many slots this waiter takes now, or 0 if it must wait. */
  private admit(w: Waiter, now: number): number {
    const free = this.limit - this.taken.length;
    if (w.priority === 'high') {
      const n = Math.min(w.n, this.limit);
      return free >= n ? n : 0;
    }
    if (now < this.blockedUntil || now < this.lowPacedUntil) return 0;
    const reserve = this.reserveNow(now);
    const n = Math.min(w.n, this.limit - reserve);
    if (free - n < reserve) return 0;
    this.lowPacedUntil = now + (n * this.windowMs) / this.limit;
    return n;
  }

  private pump(): void {
    const now = this.now();
    this.prune(now);
    // High first, in arrival order; low only when no high is left waiting, in arrival order.
    for (const priority of ['high', 'low'] as const) {
      for (;;) {
        const w = this.waiters.find((x) => x.priority === priority);
        if (!w) break;
        const n = this.admit(w, now);
        if (n === 0) break;
        const mine: Taken[] = Array.from({ length: n }, () => ({ at: Infinity }));
        this.taken.push(...mine);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({
          settle: () => {
            const at = this.now();
            for (const t of mine) t.at = Math.min(t.at, at);
            this.pump();
          },
        });
      }
      if (this.waiters.some((x) => x.priority === 'high')) break;
    }
    this.schedule(now);
  }

  /** Wakes when a slot leaves the window, Graph's Retry-After ends or the caller reserve lapses. */
  private schedule(now: number): void {
    if (this.waiters.length === 0) return;
    const times = [
      this.blockedUntil,
      this.lowPacedUntil,
      this.lastHigh + this.holdMs,
      ...this.taken.map((t) => t.at + this.windowMs),
    ];
    const next = Math.min(...times.filter((t) => t > now));
    if (!Number.isFinite(next) || next >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = next;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wakeAt = Infinity;
      this.pump();
    }, next - now);
  }
}

function headersOf(context: Context): Headers {
  const request = requestOf(context);
  return request instanceof Request ? request.headers : new Headers(context.options?.headers);
}

function retryAfterMs(raw: string | null | undefined): number {
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

/** Puts each $batch item's priority on the item (Graph reads each item's own headers) and counts report items. */
function stampBatch(context: Context, priority: GraphPriority): number {
  const body = context.options?.body;
  if (typeof body !== 'string') return 0;
  let parsed: { requests?: { url?: unknown; headers?: Record<string, string> }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 0;
  }
  let reports = 0;
  for (const item of parsed.requests ?? []) {
    const headers = (item.headers ??= {});
    if (!Object.keys(headers).some((k) => k.toLowerCase() === PRIORITY_HEADER)) headers[PRIORITY_HEADER] = priority;
    if (typeof item.url === 'string' && isReportsRequest(item.url)) reports++;
  }
  context.options = { ...context.options, body: JSON.stringify(parsed) };
  return reports;
}

/**
 * The middleware (after the retry handler, so every attempt asks again): the priority header on the
 * request and its $batch items, a budget slot per report request, and Graph's 429s on report
 * requests (whole request or $batch item) fed back to the budget.
 */
export class PriorityHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly budget: ReportsBudget) {}

  async execute(context: Context): Promise<void> {
    const headers = headersOf(context);
    const priority: GraphPriority = headers.get(PRIORITY_HEADER)?.trim().toLowerCase() === 'low' ? 'low' : 'high';
    headers.set(PRIORITY_HEADER, priority);
    if (!(requestOf(context) instanceof Request)) context.options = { ...context.options, headers };
    const url = requestUrl(context);
    const isBatch = /\/\$batch(\?|$)/i.test(url);
    const reports = isBatch ? stampBatch(context, priority) : isReportsRequest(url) ? 1 : 0;
    const slots = await this.budget.acquire(priority, reports);
    try {
      await this.next?.execute(context);
    } finally {
      slots.settle();
    }
    const response = context.response;
    if (reports === 0 || !response) return;
    if (response.status === 429) return this.budget.noteThrottled(retryAfterMs(response.headers.get('retry-after')));
    if (isBatch && response.ok) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { responses?: { status?: number; headers?: Record<string, string> }[] } | null;
      const waits = (body?.responses ?? [])
        .filter((r) => r.status === 429)
        .map((r) =>
          retryAfterMs(Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]),
        );
      if (waits.length > 0) this.budget.noteThrottled(Math.max(...waits));
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The same client for background work (registration ingest and its $batch fallback, the
 * self-service and policy refreshes): every request it builds carries `x-ms-throttle-priority: low`.
 */
export function background(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'api') return (path: string) => target.api(path).header(PRIORITY_HEADER, 'low');
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
