// Gives the renderer its `ResetlineApi`: the preload's object under Electron, or a small fetch client to
// the browser host, which needs the per-launch secret handed to this tab once in the URL fragment.
import { buildApi, type ResetlineApi } from '../../../shared/contract';
import { fail, isErrorCode, ResetlineError, type Result } from '../../../shared/result';

export type TransportKind = 'electron' | 'browser' | 'no-session';

export const SECRET_HEADER = 'x-resetline-secret';

export const SESSION_LOST_MESSAGE = 'This tab lost its session key — open the address printed by `npm start` again.';

interface Transport {
  kind: TransportKind;
  api: ResetlineApi;
}

// The browser host's secret lives here and nowhere else: not in storage, cookies or the address bar,
// so a reload (or another tab) cannot reuse it.
let secret: string | null = null;
let transport: Transport | undefined;

/** Reads `#secret=<hex>` once and removes the fragment, so it is not left in history or screenshots. */
function takeSecretFromUrl(): string | null {
  const fragment = window.location.hash.replace(/^#/, '');
  if (fragment === '') return null;
  const value = new URLSearchParams(fragment).get('secret');
  if (value !== null) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
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

/** One call to the browser host. Never throws: every failure becomes a Result the UI can show. */
export async function sendOverHttp(
  sessionSecret: string,
  channelName: string,
  input: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetchImpl('/api/' + encodeURIComponent(channelName), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: sessionSecret },
      body: JSON.stringify({ input }),
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

function createTransport(): Transport {
  const preloadApi = window.resetline;
  if (typeof preloadApi === 'object' && preloadApi !== null) return { kind: 'electron', api: preloadApi };

  secret = takeSecretFromUrl();
  if (secret === null) {
    // Calls still answer (with a typed error) so nothing crashes if something asks before the gate shows.
    return { kind: 'no-session', api: buildApi(async () => fail('unauthorized', SESSION_LOST_MESSAGE)) };
  }
  const sessionSecret = secret;
  return { kind: 'browser', api: buildApi((channelName, input) => sendOverHttp(sessionSecret, channelName, input)) };
}

/** Which transport this tab uses; the first call (made before rendering) consumes the URL fragment. */
export function getTransportKind(): TransportKind {
  transport ??= createTransport();
  return transport.kind;
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
  const response = await fetch('/download/' + encodeURIComponent(token), {
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
