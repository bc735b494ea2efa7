// The seams inside the demo tenant: the HTTP server (server.ts, identity side) authenticates a call
// and hands it to the Graph handler (graph/), both reading the same knobs. Nothing here imports the app.

/** Who is calling Graph, as read from a validated access token. */
export interface GraphCaller {
  /** The signed-in user's object id (`oid`). */
  userId: string;
  /** Delegated scopes from `scp`, e.g. ["User.Read.All", "UserAuthenticationMethod.ReadWrite.All"]. */
  scopes: string[];
  /** Directory role template ids from `wids`. */
  roleTemplateIds: string[];
  /** The application (client) id the token was issued to (`appid`/`azp`). */
  clientId: string;
}

/** One Graph v1.0 call, already authenticated. `path` is relative to the version root, e.g. "/users/{id}". */
export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path without the "/v1.0" prefix, still percent-encoded exactly as received (UPNs with %23EXT%23 etc.). */
  path: string;
  /** The raw query string without "?" (OData options are parsed by the handler). */
  query: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  caller: GraphCaller;
  /** The request-id the server assigned (also sent back as the `request-id` header). */
  requestId: string;
  clientRequestId: string | undefined;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type GraphHandler = (req: GraphRequest) => Promise<GraphResponse>;

/** A fault injected on requests whose `METHOD path` matches `pattern` (a RegExp source). */
export type FaultKind =
  | { kind: 'status'; status: 503 | 500 | 502 | 504 | 429; retryAfterSeconds?: number }
  | { kind: 'connection-reset' }
  | { kind: 'slow'; delayMs: number }
  /** The resetPassword operation it creates ends in `failed`. */
  | { kind: 'reset-operation-fails' }
  /** The resetPassword operation it creates stays `running` forever. */
  | { kind: 'reset-operation-hangs' };

export interface FaultRule {
  /** RegExp source matched against `${METHOD} ${path}` (path relative to the version root, e.g. "POST /users/.../resetPassword"). */
  pattern: string;
  fault: FaultKind;
  /** How many matching requests get the fault; undefined = every one. */
  times?: number;
}

export interface ThrottleKnob {
  /** Every Nth Graph request (counting individual $batch items too) answers 429. 0 = off. */
  everyNth: number;
  /** Or: more than this many requests in one second answer 429. 0 = off. */
  maxPerSecond: number;
  retryAfterSeconds: number;
}

export interface Knobs {
  latencyMs: number;
  jitterMs: number;
  throttle: ThrottleKnob;
  faults: FaultRule[];
  /**
   * Microsoft's documented throttling (rules/throttling.ts): on by default, as Graph behaves; 'off' only
   * for the few tests and benches that hammer on purpose.
   */
  throttling: 'documented' | 'off';
  /** Multiplies every documented throttling window (and so Retry-After): 1 as documented; < 1 for quick tests. */
  throttlingTimeScale: number;
  /** Graph scopes the admin never consented to (taken out of the app registration's consent, live). */
  withheldScopes: string[];
}

export const DEFAULT_KNOBS: Knobs = {
  latencyMs: 0,
  jitterMs: 0,
  throttle: { everyNth: 0, maxPerSecond: 0, retryAfterSeconds: 1 },
  faults: [],
  throttling: 'documented',
  throttlingTimeScale: 1,
  withheldScopes: [],
};
