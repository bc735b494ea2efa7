// What a failed upload means for the forwarder: wait and try again (how long), in words an agent can
// pass on. Status codes: 204 is success (the SDK's upload operation expects only 204); 429 carries
// Retry-After, which is honoured ("Retry after the duration listed in the Retry-After header in the
// response": MicrosoftDocs/azure-monitor-docs articles/azure-monitor/fundamentals/service-limits.md,
// "Logs Ingestion API"). Other codes the pages do not list: 5xx and network failures are retried with
// back-off; 4xx are retried slowly (an admin may fix the role or the rule meanwhile).
import { ResetlineError } from '../../../shared/result';

export interface Backoff {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, capMs: 5 * 60_000 };

export interface Failure {
  /** How long to wait before the next attempt. */
  retryInMs: number;
  message: string;
  status?: number;
}

interface RestLike {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** The first cause inside the SDK's AggregateLogsUploadError (or the error itself). */
function causeOf(error: unknown): unknown {
  const errors = (error as { errors?: { cause?: unknown }[] } | null)?.errors;
  return Array.isArray(errors) && errors[0]?.cause !== undefined ? errors[0].cause : error;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function backoffMs(attempt: number, b: Backoff): number {
  return Math.min(b.capMs, b.baseMs * 2 ** Math.min(attempt, 20));
}

export function classifyFailure(error: unknown, attempt: number, b: Backoff, now: number): Failure {
  const cause = causeOf(error);
  if (cause instanceof ResetlineError) {
    const message =
      cause.code === 'signed_out'
        ? 'Sign in to forward the audit trail to Azure Monitor; the rows wait on this PC until then.'
        : `Resetline could not get a sign-in for Azure Monitor: ${cause.message}`;
    return { retryInMs: backoffMs(attempt, b), message };
  }
  const rest = cause as RestLike;
  const status = typeof rest?.statusCode === 'number' ? rest.statusCode : undefined;
  if (status === 429) {
    const wait = retryAfterMs(rest.response?.headers?.get('retry-after'), now) ?? backoffMs(attempt, b);
    return {
      retryInMs: Math.max(wait, 1000),
      status,
      message: `Azure Monitor asked Resetline to slow down; sending again in ${Math.ceil(Math.max(wait, 1000) / 1000)} s.`,
    };
  }
  if (status === undefined)
    return {
      retryInMs: backoffMs(attempt, b),
      message: 'Could not reach Azure Monitor. The audit rows wait on this PC and are sent when it answers again.',
    };
  if (status >= 500 || status === 408)
    return {
      retryInMs: backoffMs(attempt, b),
      status,
      message: `Azure Monitor is not available right now (HTTP ${status}); Resetline tries again shortly.`,
    };
  const why =
    status === 401 || status === 403
      ? 'refused this agent. An admin gives agents the Monitoring Metrics Publisher role on the data collection rule.'
      : status === 404
        ? 'does not know this data collection rule or stream. Check the forwarding settings.'
        : status === 413
          ? 'refused a batch as too large.'
          : `refused the rows (HTTP ${status}). Check the forwarding settings and the rule's stream.`;
  return { retryInMs: b.capMs, status, message: `Azure Monitor ${why}` };
}
