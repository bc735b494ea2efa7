// One-time tickets that open the browser host's event stream. EventSource cannot send the session
// header, so a tab trades its session key (checked like any API call) for a ticket that works once,
// within a short time; a ticket in an address is worthless after that. Only SHA-256 digests are kept.
import { createHash, randomBytes } from 'node:crypto';

/** How long an unused ticket stays valid. */
export const STREAM_TICKET_MS = 30_000;

export interface StreamTickets {
  issue(): string;
  /** True once for a ticket issued within STREAM_TICKET_MS; false for anything else. */
  take(ticket: unknown): boolean;
}

const TICKET = /^[0-9a-f]{64}$/;
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

export function createStreamTickets(now: () => number = Date.now): StreamTickets {
  const open = new Map<string, number>();
  const forgetExpired = () => {
    for (const [key, expires] of open) if (expires <= now()) open.delete(key);
  };
  return {
    issue() {
      forgetExpired();
      const ticket = randomBytes(32).toString('hex');
      open.set(digest(ticket), now() + STREAM_TICKET_MS);
      return ticket;
    },
    take(ticket) {
      if (typeof ticket !== 'string' || !TICKET.test(ticket)) return false;
      const key = digest(ticket);
      const expires = open.get(key);
      open.delete(key);
      return expires !== undefined && expires > now();
    },
  };
}
