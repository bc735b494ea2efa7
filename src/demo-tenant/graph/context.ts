// What every route gets: the directory, the request, the caller as the directory knows them,
// and small helpers for the checks Graph makes before any route logic.
import type { GraphRequest, GraphResponse, Knobs } from '../contracts';
import type { DemoDirectory, DemoUser } from '../model';
import { forbidden, GraphError, notFound } from './errors';
import { holdsAny } from './authorize';
import { parseQuery, type ODataQuery } from './odata';
import type { Cloud } from '../rules/clouds';

export interface HandlerOptions {
  graphBaseUrl: string;
  knobs: () => Knobs;
  /** The throttle knob and Microsoft's documented limits for one $batch item (the envelope is not counted). */
  throttle: (item: GraphRequest) => GraphResponse | undefined;
  /** The national cloud whose v1.0 schema the tenant serves (default global). */
  cloud?: Cloud;
}

export class Ctx {
  private parsed: ODataQuery | undefined;
  /** The directory's current view of the caller's roles (Graph checks the directory, not the token's wids). */
  readonly roles: string[];

  constructor(
    readonly dir: DemoDirectory,
    readonly req: GraphRequest,
    readonly opts: HandlerOptions,
    readonly caller: DemoUser,
  ) {
    this.roles = dir.effectiveRoleTemplateIds(caller.id);
  }

  get base(): string {
    return this.opts.graphBaseUrl.replace(/\/$/, '');
  }

  query(): ODataQuery {
    this.parsed ??= parseQuery(this.req);
    return this.parsed;
  }

  requireRole(allowed: readonly string[]): void {
    if (!holdsAny(this.roles, allowed)) throw forbidden();
  }

  /** Guests cannot enumerate or read other users by default. */
  requireMember(): void {
    if (this.caller.userType !== 'Member') throw forbidden();
  }

  /** `{id | userPrincipalName}` from a path segment, percent-decoded (guest UPNs arrive with %23EXT%23). */
  target(segment: string): DemoUser {
    let key: string;
    try {
      key = decodeURIComponent(segment);
    } catch {
      throw notFound(segment);
    }
    const u = this.dir.resolveUser(key);
    if (!u) throw notFound(key);
    return u;
  }

  isSelf(u: DemoUser): boolean {
    return u.id === this.caller.id;
  }

  actorSummary(): { id: string; displayName: string; userPrincipalName: string; ipAddress: string } {
    return {
      id: this.caller.id,
      displayName: this.caller.displayName,
      userPrincipalName: this.caller.userPrincipalName,
      ipAddress: '127.0.0.1',
    };
  }
}

/** The server writes Content-Type for JSON bodies; $batch items get theirs in batch.ts. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers, body };
}

export function noContent(headers: Record<string, string> = {}): GraphResponse {
  return { status: 204, headers };
}

export function assertBodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return body as Record<string, unknown>;
}
