// Gives the renderer its `ResetlineApi`: the preload's object under Electron, or a small fetch client to
// the browser host. The host's address carries a one-time bootstrap token in its fragment; the tab trades
// it (POST /session) for a session key it keeps in memory only, and takes the fragment out of the address.
// Events (a job's progress) arrive over one EventSource per tab, opened with a one-time ticket.
import {
  buildApi,
  eventNames,
  isEventName,
  parseEventPayload,
  type EventName,
  type EventStreamState,
  type EventSubscriptions,
  type ResetlineApi,
} from '../../../shared/contract';
import { fail, isErrorCode, ResetlineError, type Result } from '../../../shared/result';
import {
  apiPath,
  BOOTSTRAP_PARAM,
  downloadPath,
  eventStreamPath,
  EVENTS_TICKET_PATH,
  SECRET_HEADER,
  SESSION_PATH,
} from '../../../shared/wire';

export type TransportKind = 'electron' | 'browser' | 'no-session';

export const SESSION_LOST_MESSAGE =
  'This tab has no session key (a reload or a new tab forgets it). Press Enter in the window running `npm start` ' +
  'to print a new address, and open that.';

interface Transport {
  kind: TransportKind;
  api: ResetlineApi;
}

// The browser host's session key lives here and nowhere else: not in storage, cookies or the address
// bar, so a reload (or another tab) cannot reuse it.
let secret: string | null = null;
let transport: Transport | undefined;
/** Resolves once the browser host's token exchange is over; undefined when there was none. */
let settled: Promise<TransportKind> | undefined;
/** Why this tab has no session, in words for the agent (shown by the session-lost page). */
let sessionProblem = SESSION_LOST_MESSAGE;

/** Reads `#bootstrap=<hex>` once and removes the fragment at once, so the address bar keeps nothing. */
function takeBootstrapFromUrl(): string | null {
  const fragment = window.location.hash.replace(/^#/, '');
  if (fragment === '') return null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  const value = new URLSearchParams(fragment).get(BOOTSTRAP_PARAM);
  return value !== null && /^[0-9a-f]{16,256}$/i.test(value) ? value : null;
}

function unavailable(message: string): Result<never> {
  return fail('unavailable', message);
}

/** Accepts only a well-formed envelope; anything else means the host is not the one we expect. */
function asEnvelope(body: unknown): Result<unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as { ok?: unknown; value?: unknown; error?: unknown };
  if (candidate.ok === true && 'value' in candidate) return { ok: true, value: candidate.value };
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return null;
  const error = candidate.error as { code?: unknown; message?: unknown; requestId?: unknown };
  if (typeof error.message !== 'string') return null;
  // An unknown code would slip past the UI's exhaustive switches; keep the message, name it internal.
  const code = isErrorCode(error.code) ? error.code : 'internal';
  return fail(code, error.message, typeof error.requestId === 'string' ? error.requestId : undefined);
}

/** One JSON POST to the browser host. Never throws: every failure becomes a Result the UI can show. */
async function postJson(
  path: string,
  headers: Record<string, string>,
  payload: unknown,
  fetchImpl: typeof fetch,
): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch {
    return unavailable('Could not reach the Resetline host. Is `npm start` still running?');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return unavailable(`The Resetline host answered HTTP ${response.status} without a readable result.`);
  }
  return (
    asEnvelope(body) ??
    unavailable(`The Resetline host answered HTTP ${response.status} with something that is not a result.`)
  );
}

/** One call to the browser host. Never throws: every failure becomes a Result the UI can show. */
export function sendOverHttp(
  sessionSecret: string,
  channelName: string,
  input: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  return postJson(apiPath(channelName), { [SECRET_HEADER]: sessionSecret }, { input }, fetchImpl);
}

/** Trades the address's one-time token for a session key; the host refuses a used one and says why. */
async function exchangeBootstrap(bootstrap: string): Promise<Result<string>> {
  const result = await postJson(SESSION_PATH, {}, { [BOOTSTRAP_PARAM]: bootstrap }, fetch);
  if (!result.ok) return result;
  const key = (result.value as { sessionKey?: unknown } | null)?.sessionKey;
  return typeof key === 'string' && /^[0-9a-f]{64}$/.test(key)
    ? { ok: true, value: key }
    : unavailable('The Resetline host answered the session exchange with something that is not a key.');
}

/** Waits before the event stream is opened again after it dropped: 1 s, doubling, at most 15 s. */
export const EVENT_RETRY_MS = { first: 1_000, max: 15_000 };

export interface EventStreamOptions {
  /** The tab's session key (null: none, so no stream). */
  sessionKey: () => Promise<string | null>;
  fetchImpl?: typeof fetch;
  /** The EventSource constructor (the browser's). */
  eventSource?: (url: string) => EventSource;
  retryMs?: { first: number; max: number };
}

/**
 * The browser host's events over server-sent events. EventSource cannot send the session header, so each
 * connection starts with a one-time ticket bought with it (POST /events/ticket). When the stream drops
 * (sign-out ends it, the host restarts) it is reopened with a new ticket after a growing wait; meanwhile
 * `onStream` says 'down' and followers poll.
 */
export function eventStreamSubscriptions(options: EventStreamOptions): EventSubscriptions & { close(): void } {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const open = options.eventSource ?? ((url) => new EventSource(url));
  const retry = options.retryMs ?? EVENT_RETRY_MS;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const streamListeners = new Set<(state: EventStreamState) => void>();
  let state: EventStreamState = 'down';
  let source: EventSource | null = null;
  let started = false;
  let closed = false;
  let waitMs = retry.first;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: EventStreamState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...streamListeners]) listener(next);
  };
  const deliver = (name: EventName, data: unknown) => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(data));
    } catch {
      return;
    }
    const checked = parseEventPayload(name, payload);
    if (checked === null) return;
    for (const listener of [...(listeners.get(name) ?? [])]) (listener as (p: unknown) => void)(checked);
  };
  const reopenLater = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), waitMs);
    waitMs = Math.min(retry.max, waitMs * 2);
  };
  const connect = async () => {
    if (closed) return;
    const key = await options.sessionKey();
    if (key === null || closed) return;
    const answer = await postJson(EVENTS_TICKET_PATH, { [SECRET_HEADER]: key }, {}, fetchImpl);
    const ticket = answer.ok ? (answer.value as { ticket?: unknown } | null)?.ticket : undefined;
    if (typeof ticket !== 'string' || closed) return reopenLater();
    const es = open(eventStreamPath(ticket));
    source = es;
    es.onopen = () => {
      waitMs = retry.first;
      setState('up');
    };
    // A dropped stream cannot reconnect by itself (its ticket is used): close it and buy a new one.
    es.onerror = () => {
      es.close();
      if (source === es) source = null;
      setState('down');
      reopenLater();
    };
    for (const name of eventNames) {
      if (isEventName(name)) es.addEventListener(name, (message) => deliver(name, message.data));
    }
  };
  const start = () => {
    if (started) return;
    started = true;
    void connect();
  };

  return {
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Resetline sends no event named ${String(event).slice(0, 80)}.`);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      start();
      return () => void set.delete(listener);
    },
    onStream(listener) {
      streamListeners.add(listener);
      listener(state);
      start();
      return () => void streamListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
      source = null;
      setState('down');
    },
  };
}

function noSession(message: string): Transport {
  sessionProblem = message;
  // Calls still answer (with a typed error) so nothing crashes if something asks before the gate shows.
  return { kind: 'no-session', api: buildApi(() => Promise.resolve(fail('unauthorized', message))) };
}

/**
 * The browser host's transport, usable at once: calls wait for the exchange, so the app renders (and
 * takes keys) while it runs. A refused token turns the tab into a no-session one, with the host's reason.
 */
function exchangingTransport(bootstrap: string): Transport {
  const sessionKey = exchangeBootstrap(bootstrap).then((exchanged) => {
    if (exchanged.ok) {
      secret = exchanged.value;
      return exchanged.value;
    }
    transport = noSession(exchanged.error.message);
    return null;
  });
  settled = sessionKey.then(() => getTransportKind());
  const events = eventStreamSubscriptions({ sessionKey: () => sessionKey });
  // Opened at once, so a job started later is followed by its events from the first one.
  events.onStream(() => undefined);
  return {
    kind: 'browser',
    api: buildApi(async (channelName, input) => {
      const key = await sessionKey;
      return key === null ? fail('unauthorized', sessionProblem) : sendOverHttp(key, channelName, input);
    }, events),
  };
}

function createTransport(): Transport {
  const preloadApi = window.resetline;
  if (typeof preloadApi === 'object' && preloadApi !== null) return { kind: 'electron', api: preloadApi };
  const bootstrap = takeBootstrapFromUrl();
  return bootstrap === null ? noSession(SESSION_LOST_MESSAGE) : exchangingTransport(bootstrap);
}

/** Which transport this tab uses; the first call (made before rendering) consumes the URL fragment. */
export function getTransportKind(): TransportKind {
  transport ??= createTransport();
  return transport.kind;
}

/** The transport once the browser host's token exchange (if any) has settled: 'no-session' if refused. */
export function transportSettled(): Promise<TransportKind> {
  return settled ?? Promise.resolve(getTransportKind());
}

/** Why this tab has no session (a reload, or an address that was already used). */
export function getSessionProblem(): string {
  return sessionProblem;
}

export function getApi(): ResetlineApi {
  transport ??= createTransport();
  return transport.api;
}

/**
 * Browser host only: fetches a finished export once (GET /download/<token>, with the in-memory session
 * key, so a link alone is useless) and hands it to the browser's own save through a Blob object URL.
 */
export async function downloadWithSecret(token: string, fallbackName: string): Promise<void> {
  if (secret === null) throw new ResetlineError('unauthorized', SESSION_LOST_MESSAGE);
  const response = await fetch(downloadPath(token), {
    headers: { [SECRET_HEADER]: secret },
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
  });
  if (!response.ok) throw new ResetlineError('unavailable', `The download failed: HTTP ${response.status}.`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
  } finally {
    // Revoked after the click has been handled; the browser keeps its own copy for the save.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
