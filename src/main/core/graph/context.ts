// What the Graph client's middleware reads from a request. The client types `context.request` as the
// DOM's RequestInfo, which Node's type definitions lack; in Node it is a URL string or a fetch Request.
import type { Context } from '@microsoft/microsoft-graph-client';

/** The request as Node sees it: its URL as a string, or a fetch Request. */
export function requestOf(context: Context): string | Request {
  const { request } = context as unknown as { request: string | Request };
  return request;
}

export function requestUrl(context: Context): string {
  const request = requestOf(context);
  return typeof request === 'string' ? request : request.url;
}

/** A request's HTTP method in upper case (GET when none is set); `request` as the retry middleware passes it. */
export function methodOf(request: unknown, options: { method?: string } | undefined): string {
  const method = typeof request === 'string' ? options?.method : (request as { method?: string } | null)?.method;
  return (method ?? 'GET').toUpperCase();
}

export function requestMethod(context: Context): string {
  return methodOf(requestOf(context), context.options);
}
