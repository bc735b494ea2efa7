// The browser host's keys. An address carries a one-time bootstrap token (so the address left in the
// browser's history is worthless once opened); the tab trades it for a session key it keeps in memory.
// Only SHA-256 digests are kept, so a lookup leaks nothing about a stored key through its timing.
import { createHash, randomBytes } from 'node:crypto';

export interface SessionKeys {
  /** A fresh one-time token for an address; it works for exactly one exchange. */
  issueBootstrap(): string;
  /** Trades a bootstrap token for a new session key; null for an unknown or already used token. */
  exchange(bootstrapToken: unknown): string | null;
  /** A session key for a caller inside this process (tests, tools); never printed or put in an address. */
  issueSession(): string;
  isSession(given: unknown): boolean;
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

function newKey(): string {
  return randomBytes(32).toString('hex');
}

function digest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function createSessionKeys(): SessionKeys {
  const unusedBootstraps = new Set<string>();
  const sessions = new Set<string>();
  const issueInto = (set: Set<string>) => {
    const key = newKey();
    set.add(digest(key));
    return key;
  };
  const isKnown = (set: Set<string>, given: unknown) =>
    typeof given === 'string' && KEY_PATTERN.test(given) && set.has(digest(given));

  return {
    issueBootstrap: () => issueInto(unusedBootstraps),
    exchange(bootstrapToken) {
      if (!isKnown(unusedBootstraps, bootstrapToken)) return null;
      unusedBootstraps.delete(digest(bootstrapToken as string));
      return issueInto(sessions);
    },
    issueSession: () => issueInto(sessions),
    isSession: (given) => isKnown(sessions, given),
  };
}
