// Graph's error body and the named errors routes throw; the handler turns them into responses.
import type { GraphRequest, GraphResponse } from '../contracts';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const INSUFFICIENT_PRIVILEGES = 'Insufficient privileges to complete the operation.';

/** Graph's answer for a path segment its schema does not know (routing comes before authorization). */
export class UnknownSegmentError extends GraphError {
  constructor(segment: string) {
    super(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
    this.name = 'UnknownSegmentError';
  }
}

export function badRequest(message: string, code = 'Request_BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

/** Missing scope or role: Entra's answer for both. */
export function forbidden(message = INSUFFICIENT_PRIVILEGES, code = 'Authorization_RequestDenied'): GraphError {
  return new GraphError(403, code, message);
}

export function notFound(what: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function methodNotAllowed(): GraphError {
  return new GraphError(405, 'Request_BadRequest', 'The requested HTTP method is not supported for this resource.');
}

export function graphErrorBody(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  code: string,
  message: string,
  date: Date = new Date(),
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return {
    error: {
      code,
      message,
      innerError: {
        'request-id': req.requestId,
        date: date.toISOString().replace(/\.\d{3}Z$/, ''),
        'client-request-id': req.clientRequestId ?? req.requestId,
      },
    },
  };
}

export function errorResponse(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  err: GraphError,
  date?: Date,
): GraphResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', ...err.headers },
    body: graphErrorBody(req, err.code, err.message, date),
  };
}
