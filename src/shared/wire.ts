// The browser host's HTTP wire, defined once for both ends: the host (core/host/httpHost.ts) and the
// renderer's fetch client (renderer/src/api/transport.ts). Lint refuses these literals anywhere else.

/** The header that carries a tab's session key on every API call and download. */
export const SECRET_HEADER = 'x-resetline-secret';

/** Where a tab trades its address's bootstrap token (`{ "bootstrap": "<hex>" }`) for a session key. */
export const SESSION_PATH = '/session';

/** The address's fragment parameter (and the session exchange's body field) that carries the bootstrap token. */
export const BOOTSTRAP_PARAM = 'bootstrap';

/** Every channel is POSTed to `/api/<channel name, URI-encoded>`. */
export const API_PREFIX = '/api/';

/** A finished export is fetched once from `/download/<token>`. */
export const DOWNLOAD_PREFIX = '/download/';

/**
 * The event stream (server-sent events, `text/event-stream`): GET `/events?ticket=<ticket>`. EventSource
 * cannot send the session header, so a tab first trades its session key (in SECRET_HEADER) for a
 * one-time ticket with POST `/events/ticket`; a ticket opens one stream, once, within a short time.
 */
export const EVENTS_PATH = '/events';
export const EVENTS_TICKET_PATH = '/events/ticket';
export const EVENTS_TICKET_PARAM = 'ticket';

export function apiPath(channelName: string): string {
  return API_PREFIX + encodeURIComponent(channelName);
}

export function downloadPath(token: string): string {
  return DOWNLOAD_PREFIX + encodeURIComponent(token);
}

export function eventStreamPath(ticket: string): string {
  return `${EVENTS_PATH}?${EVENTS_TICKET_PARAM}=${encodeURIComponent(ticket)}`;
}
