// Calls the Graph handler directly (no HTTP) as a given demo user with given scopes — for unit tests
// of routes, authorization and OData; the integration tests drive the same code through TLS.
import { DEFAULT_KNOBS, type GraphResponse, type Knobs } from '../../../src/demo-tenant/contracts';
import { createGraphHandler } from '../../../src/demo-tenant/graph';
import type { DemoDirectory } from '../../../src/demo-tenant/model';
import { createDemoDirectory, type SeedOptions } from '../../../src/demo-tenant/seed';

export const BASE = 'https://127.0.0.1:9999/v1.0';
export const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

/** Everything the demo app registration is consented for. */
export const ALL_SCOPES = [
  'User.Read',
  'User.Read.All',
  'User.ReadWrite.All',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'Directory.Read.All',
  'UserAuthenticationMethod.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'Organization.Read.All',
  'Domain.Read.All',
  'Mail.Send',
];

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  scopes?: string[];
}

export interface Harness {
  dir: DemoDirectory;
  knobs: Knobs;
  throttleNext: GraphResponse[];
  /** Calls as the user with this UPN (an agent or any seeded user). `json` is the body as the wire would carry it. */
  as(upn: string): (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    opts?: CallOptions,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies field by field
  ) => Promise<GraphResponse & { json: any }>;
  agent(label: string): { upn: string; userId: string };
}

export function harness(seed: SeedOptions = {}): Harness {
  const dir = createDemoDirectory({ users: 300, seed: 3, now: NOW, freezeClock: true, ...seed });
  const knobs: Knobs = { ...DEFAULT_KNOBS, throttle: { ...DEFAULT_KNOBS.throttle }, faults: [] };
  const throttleNext: GraphResponse[] = [];
  const handler = createGraphHandler(dir, {
    graphBaseUrl: BASE,
    knobs: () => knobs,
    throttle: () => throttleNext.shift(),
  });
  let n = 0;
  return {
    dir,
    knobs,
    throttleNext,
    agent(label) {
      const a = dir.agents.find((x) => x.label === label);
      if (!a) throw new Error(`no agent ${label}`);
      return a;
    },
    as(upn) {
      const u = dir.findUserByUpn(upn);
      if (!u) throw new Error(`no user ${upn}`);
      return async (method, url, opts = {}) => {
        const q = url.indexOf('?');
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
        const res = await handler({
          method,
          path: q >= 0 ? url.slice(0, q) : url,
          query: q >= 0 ? url.slice(q + 1) : '',
          headers,
          body: opts.body,
          caller: {
            userId: u.id,
            scopes: opts.scopes ?? ALL_SCOPES,
            roleTemplateIds: dir.effectiveRoleTemplateIds(u.id),
            clientId: 'test-client',
          },
          requestId: `req-${++n}`,
          clientRequestId: `client-${n}`,
        });
        // Round-trip through JSON, as the wire would.
        return { ...res, json: res.body === undefined ? undefined : JSON.parse(JSON.stringify(res.body)) };
      };
    },
  };
}
