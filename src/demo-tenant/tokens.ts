// Signed tokens of the demo tenant: one RS256 key (kept in the data folder so a cached refresh
// token survives a restart), published as JWKS; id, access and refresh tokens shaped like Entra's.
// Graph validates access tokens here; the token endpoint validates refresh tokens here.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey as JoseKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { GraphCaller } from './contracts';

/** Graph's resource: the audience of every access token the demo tenant issues. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const KEY_FILE = 'token-signing-key.jwk.json';
const REFRESH_TYP = 'rt+jwt';
const ACCESS_TYP = 'JWT';

export interface TokenSubject {
  userId: string;
  upn: string;
  displayName: string;
  roleTemplateIds: string[];
  /** The user's signInSessionsValidFromDateTime when the token is issued (see verifyRefreshToken). */
  sessionsValidFrom: string;
}

export interface IssueRequest {
  subject: TokenSubject;
  clientId: string;
  /** Granted Graph scopes, short form ("User.Read.All"). */
  graphScopes: string[];
  /** The OIDC scopes asked for (openid, profile, offline_access, email), echoed in `scope`. */
  oidcScopes: string[];
  /** A token for another resource than Graph (Azure Monitor): its `aud` and `scp`. */
  resource?: { audience: string; permissions: string[]; asked: string[] };
  nonce?: string;
  /** Seconds since the epoch when the user last entered credentials. */
  authTime: number;
  includeClientInfo: boolean;
}

export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

/** Why an access token was refused; Graph turns each into its 401 message. */
export type AccessTokenProblem =
  'missing' | 'malformed' | 'expired' | 'bad-signature' | 'wrong-audience' | 'wrong-issuer';

export type AccessTokenResult =
  { ok: true; caller: GraphCaller; upn: string } | { ok: false; problem: AccessTokenProblem };

export interface RefreshGrant {
  userId: string;
  clientId: string;
  graphScopes: string[];
  oidcScopes: string[];
  /** Seconds since the epoch. */
  issuedAt: number;
  sessionsValidFrom: string;
  authTime: number;
}

export class RefreshTokenInvalidError extends Error {
  constructor(
    readonly reason: 'malformed' | 'expired' | 'bad-signature' | 'wrong-client',
    options?: { cause?: unknown },
  ) {
    super(`Refresh token rejected: ${reason}`, options);
    this.name = 'RefreshTokenInvalidError';
  }
}

export interface TokenServiceOptions {
  dataDir: string;
  /** Issuer, e.g. https://127.0.0.1:PORT/{tenantId}/v2.0 */
  issuer: string;
  tenantId: string;
  /** Milliseconds since the epoch; the directory's clock so tests can move time. */
  now: () => number;
  accessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
}

interface StoredKey {
  privateJwk: JWK;
}

/** The signing key's public half, named by its thumbprint (the tokens' `kid` header). */
type PublicJwk = JWK & { kid: string };

async function loadOrCreateKey(dataDir: string): Promise<{ privateKey: JoseKey; publicJwk: PublicJwk }> {
  const path = join(dataDir, KEY_FILE);
  let privateJwk: JWK | undefined;
  try {
    privateJwk = (JSON.parse(await readFile(path, 'utf8')) as StoredKey).privateJwk;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!privateJwk) {
    const pair = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    privateJwk = await exportJWK(pair.privateKey);
    await mkdir(dataDir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ privateJwk } satisfies StoredKey), { mode: 0o600 });
    await rename(tmp, path);
  }
  const { kty, n, e } = privateJwk;
  if (kty === undefined || n === undefined || e === undefined) throw new Error(`${path} does not hold an RSA key`);
  const base: JWK = { kty, n, e };
  const kid = await calculateJwkThumbprint(base);
  const publicJwk: PublicJwk = { ...base, kid, use: 'sig', alg: 'RS256' };
  const privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256')) as JoseKey;
  return { privateKey, publicJwk };
}

function base64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

export class TokenService {
  private constructor(
    private readonly opts: TokenServiceOptions,
    private readonly privateKey: JoseKey,
    private readonly publicJwk: PublicJwk,
    private readonly publicKey: JoseKey,
  ) {}

  static async create(opts: TokenServiceOptions): Promise<TokenService> {
    const { privateKey, publicJwk } = await loadOrCreateKey(opts.dataDir);
    const publicKey = (await importJWK(publicJwk, 'RS256')) as JoseKey;
    return new TokenService(opts, privateKey, publicJwk, publicKey);
  }

  get issuer(): string {
    return this.opts.issuer;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  private nowSeconds(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  private sign(payload: JWTPayload, typ: string, lifetimeSeconds: number): Promise<string> {
    const iat = this.nowSeconds();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ, kid: this.publicJwk.kid })
      .setIssuer(this.opts.issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .sign(this.privateKey);
  }

  async issue(req: IssueRequest): Promise<TokenResponse> {
    const { subject, clientId } = req;
    const accessLifetime = this.opts.accessTokenLifetimeSeconds ?? 3600;
    const common = {
      sub: subject.userId,
      oid: subject.userId,
      tid: this.opts.tenantId,
      preferred_username: subject.upn,
      name: subject.displayName,
    };
    const access_token = await this.sign(
      {
        ...common,
        aud: req.resource?.audience ?? GRAPH_RESOURCE,
        upn: subject.upn,
        scp: (req.resource?.permissions ?? req.graphScopes).join(' '),
        wids: subject.roleTemplateIds,
        appid: clientId,
        azp: clientId,
        ver: '1.0',
        uti: randomUUID(),
      },
      ACCESS_TYP,
      accessLifetime,
    );
    const response: TokenResponse = {
      token_type: 'Bearer',
      scope: [...(req.resource?.asked ?? req.graphScopes), ...req.oidcScopes].join(' '),
      expires_in: accessLifetime,
      ext_expires_in: accessLifetime,
      access_token,
    };
    if (req.oidcScopes.includes('openid')) {
      response.id_token = await this.sign(
        { ...common, aud: clientId, ver: '2.0', auth_time: req.authTime, ...(req.nonce ? { nonce: req.nonce } : {}) },
        ACCESS_TYP,
        3600,
      );
    }
    if (req.oidcScopes.includes('offline_access')) {
      response.refresh_token = await this.sign(
        {
          sub: subject.userId,
          aud: clientId,
          scp: req.graphScopes.join(' '),
          oidc: req.oidcScopes.join(' '),
          svf: subject.sessionsValidFrom,
          auth_time: req.authTime,
          jti: randomUUID(),
        },
        REFRESH_TYP,
        this.opts.refreshTokenLifetimeSeconds ?? 90 * 86_400,
      );
    }
    if (req.includeClientInfo) {
      response.client_info = base64url({ uid: subject.userId, utid: this.opts.tenantId });
    }
    return response;
  }

  /** Checks signature, issuer, audience and lifetime; the caller decides about revocation. */
  async verifyRefreshToken(token: string, clientId: string): Promise<RefreshGrant> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.opts.issuer,
        typ: REFRESH_TYP,
        algorithms: ['RS256'],
        currentDate: new Date(this.opts.now()),
      }));
    } catch (err) {
      const problem = classifyJoseError(err);
      const reason = problem === 'expired' || problem === 'bad-signature' ? problem : 'malformed';
      throw new RefreshTokenInvalidError(reason, { cause: err });
    }
    if (payload.aud !== clientId) throw new RefreshTokenInvalidError('wrong-client');
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    return {
      userId: str(payload.sub),
      clientId,
      graphScopes: str(payload.scp).split(' ').filter(Boolean),
      oidcScopes: str(payload.oidc).split(' ').filter(Boolean),
      issuedAt: payload.iat ?? 0,
      sessionsValidFrom: str(payload.svf),
      authTime: typeof payload.auth_time === 'number' ? payload.auth_time : (payload.iat ?? 0),
    };
  }

  /** What Graph (or, given its audiences, another resource) does with an `Authorization` header. */
  async verifyAccessToken(
    authorization: string | undefined,
    audiences: readonly string[] = [GRAPH_RESOURCE, GRAPH_APP_ID],
  ): Promise<AccessTokenResult> {
    if (!authorization || !authorization.trim()) return { ok: false, problem: 'missing' };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m?.[1]) return { ok: false, problem: 'malformed' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1], this.publicKey, {
        typ: ACCESS_TYP,
        algorithms: ['RS256'],
        currentDate: new Date(this.opts.now()),
      }));
    } catch (err) {
      return { ok: false, problem: classifyJoseError(err) };
    }
    if (payload.iss !== this.opts.issuer) return { ok: false, problem: 'wrong-issuer' };
    if (typeof payload.aud !== 'string' || !audiences.includes(payload.aud))
      return { ok: false, problem: 'wrong-audience' };
    const scp = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    const wids = Array.isArray(payload.wids) ? payload.wids.filter((w): w is string => typeof w === 'string') : [];
    const clientId =
      typeof payload.appid === 'string' ? payload.appid : typeof payload.azp === 'string' ? payload.azp : '';
    const userId = typeof payload.oid === 'string' ? payload.oid : '';
    if (!userId) return { ok: false, problem: 'malformed' };
    return {
      ok: true,
      caller: { userId, scopes: scp, roleTemplateIds: wids, clientId },
      upn: typeof payload.upn === 'string' ? payload.upn : '',
    };
  }
}

function classifyJoseError(err: unknown): AccessTokenProblem {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad-signature';
  // A token signed by another key names a kid/alg we cannot check: that is a signature failure too.
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'bad-signature';
  return 'malformed';
}
