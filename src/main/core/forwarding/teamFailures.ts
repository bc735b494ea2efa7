// What a failed team query means, in words an agent (or their team lead) can act on. Statuses from
// MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/api/errors.md: 401 no sign-in, 403 a bad
// token or no access to the workspace (InsufficientAccessError: the role is Log Analytics Reader,
// articles/azure-monitor/logs/manage-access.md), 404 no such workspace, 400 a query the service refused;
// 429 the per-user query rate (MicrosoftDocs/azure-docs includes/azure-monitor-limits-log-queries.md), with
// Retry-After; no status at all: the workspace could not be reached.
import { ResetlineError } from '../../../shared/result';
import { retryAfterMs } from './failures';

interface RestLike {
  statusCode?: number;
  code?: string;
  cause?: unknown;
  response?: { headers?: { get(name: string): string | undefined } };
}

export function noWorkspace(): ResetlineError {
  return new ResetlineError(
    'not_found',
    "No team workspace is set up, so there is no team history to show. An administrator sets the Log Analytics workspace in Settings, under the team trail (Azure Monitor). This PC's history is still here.",
  );
}

export function tooManyRows(): ResetlineError {
  return new ResetlineError(
    'invalid_input',
    'The team history for these filters is larger than Azure Monitor returns in one answer. Choose a shorter date range or another filter.',
  );
}

/** A sign-in problem the credential raised (maybe wrapped by the SDK), kept as it is. */
function signInProblem(error: unknown): ResetlineError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    if (e instanceof ResetlineError) return e;
    e = (e as RestLike).cause;
  }
  return undefined;
}

export function teamFailure(error: unknown, now: number): ResetlineError {
  const signIn = signInProblem(error);
  if (signIn) return signIn;
  const rest = (error ?? {}) as RestLike;
  const status = typeof rest.statusCode === 'number' ? rest.statusCode : undefined;
  switch (status) {
    case undefined:
      return new ResetlineError(
        'network',
        "Could not reach the team's workspace in Azure Monitor. Check this PC's connection and try again.",
      );
    case 401:
      return new ResetlineError('signed_out', 'Azure Monitor did not accept your sign-in. Sign in to Resetline again.');
    case 403:
      return new ResetlineError(
        'insufficient_role',
        "Your account cannot read the team's workspace. Ask an administrator for the Log Analytics Reader role on the Log Analytics workspace.",
      );
    case 404:
      return new ResetlineError(
        'not_found',
        'Azure Monitor does not know the team workspace. Ask an administrator to check the workspace id in Settings, under the team trail.',
      );
    case 429: {
      const wait = retryAfterMs(rest.response?.headers?.get('retry-after'), now);
      const seconds = Math.max(1, Math.ceil((wait ?? 30_000) / 1000));
      return new ResetlineError(
        'throttled',
        `Azure Monitor asked Resetline to slow down: too many team queries at once. Try again in ${seconds} s.`,
      );
    }
    case 400:
      return new ResetlineError(
        'graph_error',
        "Azure Monitor refused the team query. The workspace's table may not have the columns Resetline forwards; ask an administrator to check the team trail's set-up.",
      );
    default:
      return new ResetlineError(
        'graph_error',
        `Azure Monitor could not answer the team query right now (HTTP ${status}). Try again in a moment.`,
      );
  }
}
