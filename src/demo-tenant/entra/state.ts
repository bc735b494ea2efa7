// Short-lived server-side state of the sign-in flows: pending interactions (a sign-in page on
// screen), authorization codes, device codes and browser SSO sessions. All in memory, all expiring.
import { randomBytes } from 'node:crypto';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  loginHint: string | undefined;
  prompt: string | undefined;
  /** How the result goes back: a redirect with a query (default) or an auto-posted form (MSAL's loopback listener needs form_post). */
  responseMode: 'query' | 'form_post';
}

export type InteractionTarget = { kind: 'authorize'; params: AuthorizeParams } | { kind: 'device'; deviceCode: string };

export interface Interaction {
  id: string;
  target: InteractionTarget;
  /** Set once the password was right but must be changed before anything is issued. */
  pendingChangeUserId?: string;
  expiresAt: number;
}

export interface AuthCodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | undefined;
  userId: string;
  authTime: number;
  expiresAt: number;
  redeemed: boolean;
}

export interface DeviceCodeRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  /** Set when the user finished signing in on the verification page. */
  approved?: { userId: string; authTime: number };
  redeemed: boolean;
}

export interface SsoSession {
  userId: string;
  authTime: number;
  expiresAt: number;
}

const MINUTE = 60_000;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Nine characters from an alphabet without look-alikes, as Entra's device codes read. */
function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const b = randomBytes(9);
  return [...b].map((x) => alphabet[x % alphabet.length]).join('');
}

class ExpiringMap<V extends { expiresAt: number }> {
  private readonly map = new Map<string, V>();
  constructor(private readonly now: () => number) {}
  set(key: string, value: V): void {
    this.sweep();
    this.map.set(key, value);
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v && v.expiresAt <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    return v;
  }
  /** Present even when expired (device codes report `expired_token` rather than "unknown"). */
  getIncludingExpired(key: string): V | undefined {
    return this.map.get(key);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  private sweep(): void {
    // Keep expired entries an hour so late pollers get "expired", not "invalid".
    const cutoff = this.now() - 60 * MINUTE;
    for (const [k, v] of this.map) if (v.expiresAt < cutoff) this.map.delete(k);
  }
}

export class EntraState {
  readonly interactions: ExpiringMap<Interaction>;
  readonly codes: ExpiringMap<AuthCodeRecord>;
  readonly deviceCodes: ExpiringMap<DeviceCodeRecord>;
  private readonly userCodes = new Map<string, string>();
  readonly sessions: ExpiringMap<SsoSession>;

  constructor(private readonly now: () => number) {
    this.interactions = new ExpiringMap(now);
    this.codes = new ExpiringMap(now);
    this.deviceCodes = new ExpiringMap(now);
    this.sessions = new ExpiringMap(now);
  }

  newInteraction(target: InteractionTarget): Interaction {
    const i: Interaction = { id: randomToken(18), target, expiresAt: this.now() + 30 * MINUTE };
    this.interactions.set(i.id, i);
    return i;
  }

  newCode(rec: Omit<AuthCodeRecord, 'expiresAt' | 'redeemed'>): string {
    const code = randomToken(48);
    this.codes.set(code, { ...rec, expiresAt: this.now() + 10 * MINUTE, redeemed: false });
    return code;
  }

  newDeviceCode(clientId: string, scope: string, lifetimeSeconds: number): DeviceCodeRecord {
    const rec: DeviceCodeRecord = {
      deviceCode: randomToken(48),
      userCode: userCode(),
      clientId,
      scope,
      expiresAt: this.now() + lifetimeSeconds * 1000,
      redeemed: false,
    };
    this.deviceCodes.set(rec.deviceCode, rec);
    this.userCodes.set(rec.userCode, rec.deviceCode);
    return rec;
  }

  deviceByUserCode(code: string): DeviceCodeRecord | undefined {
    const dc = this.userCodes.get(code.trim().toUpperCase().replace(/[\s-]/g, ''));
    return dc ? this.deviceCodes.get(dc) : undefined;
  }

  newSession(userId: string, authTime: number): string {
    const sid = randomToken(32);
    this.sessions.set(sid, { userId, authTime, expiresAt: this.now() + 24 * 60 * MINUTE });
    return sid;
  }
}
