// The demo tenant's knobs: latency (+ jitter), throttling (every Nth request or a per-second rate)
// and faults per route pattern. One live Knobs object is shared with the Graph handler, which reads
// it for the resetPassword operation faults; this module applies the transport-level ones.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_KNOBS,
  type FaultKind,
  type FaultRule,
  type GraphResponse,
  type Knobs,
  type ThrottleKnob,
} from './contracts';
import { graphErrorBody } from './http';
import { assertNever } from './never';

export type KnobsPatch = Partial<Omit<Knobs, 'throttle'>> & { throttle?: Partial<ThrottleKnob> };

export class InvalidKnobsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKnobsError';
  }
}

/** Faults the server applies itself; the operation faults belong to the Graph handler. */
export type TransportFault = Extract<FaultKind, { kind: 'status' | 'connection-reset' | 'slow' }>;

export interface KnobStats {
  /** Graph requests counted for throttling (each $batch item counts). */
  graphRequests: number;
  /**
   * HTTP requests that reached Graph (/v1.0 on the HTTPS origin): one per round trip, whatever the
   * answer (401, 429 and injected faults included); a $batch counts once, however many items.
   */
  graphHttpRequests: number;
  throttled: number;
  faultsApplied: number;
  /** Requests that were held back by the latency knob. */
  delayedRequests: number;
}

function cloneKnobs(k: Knobs): Knobs {
  return {
    ...k,
    throttle: { ...k.throttle },
    faults: k.faults.map((f) => ({ ...f, fault: { ...f.fault } })),
    withheldScopes: [...k.withheldScopes],
  };
}

function validate(k: Knobs): void {
  const nonNeg = (n: number, name: string): void => {
    if (!Number.isFinite(n) || n < 0) throw new InvalidKnobsError(`${name} must be a finite number ≥ 0, got ${n}`);
  };
  nonNeg(k.latencyMs, 'latencyMs');
  nonNeg(k.jitterMs, 'jitterMs');
  nonNeg(k.throttle.everyNth, 'throttle.everyNth');
  nonNeg(k.throttle.maxPerSecond, 'throttle.maxPerSecond');
  nonNeg(k.throttle.retryAfterSeconds, 'throttle.retryAfterSeconds');
  if (k.throttling !== 'documented' && k.throttling !== 'off')
    throw new InvalidKnobsError(`throttling must be 'documented' or 'off', got ${JSON.stringify(k.throttling)}`);
  if (!Number.isFinite(k.throttlingTimeScale) || k.throttlingTimeScale <= 0)
    throw new InvalidKnobsError(`throttlingTimeScale must be a finite number > 0, got ${k.throttlingTimeScale}`);
  for (const f of k.faults) {
    try {
      new RegExp(f.pattern);
    } catch (err) {
      throw new InvalidKnobsError(
        `fault pattern ${JSON.stringify(f.pattern)} is not a valid RegExp: ${(err as Error).message}`,
      );
    }
  }
}

export class KnobStore {
  private current: Knobs;
  private nth = 0;
  private window: number[] = [];
  private readonly counters: KnobStats = {
    graphRequests: 0,
    graphHttpRequests: 0,
    throttled: 0,
    faultsApplied: 0,
    delayedRequests: 0,
  };

  constructor(initial: KnobsPatch = {}) {
    this.current = cloneKnobs(DEFAULT_KNOBS);
    this.set(initial);
  }

  /** The live object (the Graph handler reads it on every call). */
  get(): Knobs {
    return this.current;
  }

  /** Merges a patch; `faults` replaces the list, `throttle` merges field by field. Resets the Nth counter. */
  set(patch: KnobsPatch): Knobs {
    const next: Knobs = {
      ...this.current,
      ...(patch.latencyMs !== undefined ? { latencyMs: patch.latencyMs } : {}),
      ...(patch.jitterMs !== undefined ? { jitterMs: patch.jitterMs } : {}),
      ...(patch.throttling !== undefined ? { throttling: patch.throttling } : {}),
      ...(patch.throttlingTimeScale !== undefined ? { throttlingTimeScale: patch.throttlingTimeScale } : {}),
      throttle: { ...this.current.throttle, ...(patch.throttle ?? {}) },
      faults: patch.faults ? patch.faults.map((f) => ({ ...f, fault: { ...f.fault } })) : this.current.faults,
      withheldScopes: patch.withheldScopes ? [...patch.withheldScopes] : this.current.withheldScopes,
    };
    validate(next);
    // Mutate in place so holders of get() see the change.
    Object.assign(this.current, next);
    this.nth = 0;
    this.window = [];
    return this.current;
  }

  stats(): KnobStats {
    return { ...this.counters };
  }

  /** Counts a 429 answered by Microsoft's documented limits (rules/throttling.ts). */
  countDocumentedThrottle(): void {
    this.counters.throttled += 1;
  }

  /** Counts one HTTP request to Graph (the server calls it as the request arrives). */
  countGraphHttpRequest(): void {
    this.counters.graphHttpRequests += 1;
  }

  /** Latency + uniform jitter for this request, in ms. */
  latencyFor(): number {
    const { latencyMs, jitterMs } = this.current;
    const ms = latencyMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
    if (ms > 0) this.counters.delayedRequests += 1;
    return ms;
  }

  /** Counts one Graph request; a 429 response when the throttle knob says so. */
  throttle(now: number = Date.now()): GraphResponse | undefined {
    const t = this.current.throttle;
    this.counters.graphRequests += 1;
    let limited = false;
    if (t.everyNth > 0) {
      this.nth += 1;
      if (this.nth % t.everyNth === 0) limited = true;
    }
    if (t.maxPerSecond > 0) {
      this.window = this.window.filter((ts) => now - ts < 1000);
      if (this.window.length >= t.maxPerSecond) limited = true;
      else this.window.push(now);
    }
    if (!limited) return undefined;
    this.counters.throttled += 1;
    const requestId = randomUUID();
    return {
      status: 429,
      headers: { 'Retry-After': String(t.retryAfterSeconds), 'request-id': requestId },
      body: graphErrorBody('TooManyRequests', 'Too many requests.', requestId, undefined),
    };
  }

  /**
   * The first active transport fault whose pattern matches `${method} ${path}`; consumes one of its
   * `times`. Operation faults are left alone for the Graph handler.
   */
  takeFault(method: string, path: string): TransportFault | undefined {
    const subject = `${method} ${path}`;
    for (const rule of this.current.faults) {
      const fault = rule.fault;
      if (fault.kind !== 'status' && fault.kind !== 'connection-reset' && fault.kind !== 'slow') continue;
      if (!isActive(rule) || !new RegExp(rule.pattern).test(subject)) continue;
      if (rule.times !== undefined) rule.times -= 1;
      this.counters.faultsApplied += 1;
      return fault;
    }
    return undefined;
  }
}

function isActive(rule: FaultRule): boolean {
  return rule.times === undefined || rule.times > 0;
}

/** Graph's error code for an injected status. */
export function faultErrorCode(status: 429 | 500 | 502 | 503 | 504): { code: string; message: string } {
  switch (status) {
    case 429:
      return { code: 'TooManyRequests', message: 'Too many requests.' };
    case 500:
      return { code: 'generalException', message: 'An unspecified error has occurred.' };
    case 502:
      return { code: 'badGateway', message: 'The server, while acting as a gateway, received an invalid response.' };
    case 503:
      return {
        code: 'serviceNotAvailable',
        message: 'The service is temporarily unavailable. Please retry after a delay.',
      };
    case 504:
      return {
        code: 'gatewayTimeout',
        message: 'The server, while acting as a gateway, did not receive a timely response.',
      };
    default:
      return assertNever(status, 'fault status');
  }
}
