// Conformance: every Microsoft Graph request the app sent during the integration and end-to-end runs
// (traced by core/graph/trace.ts into RESETLINE_GRAPH_LOG_DIR) is held against Microsoft's own data:
// the path exists in that cloud's Graph v1.0 schema, a delegated permission the app asks for grants
// it in Microsoft's permission map, and the request catalogue names it. Runs after both suites
// (`npm run test:conformance`), so a request that only a screen makes is checked too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCOPE_TABLE, TEMPLATES } from '../../src/demo-tenant/rules/scopes';
import { servesPath, type Cloud } from '../../src/demo-tenant/rules/clouds';
import { DELEGATED_PERMISSIONS } from '../../src/main/core/tenant/clouds';
import { callsFor } from '../../src/main/core/graph/catalogue';
import type { TracedRequest } from '../../src/main/core/graph/trace';
import { GRAPH_LOG_DIR } from './logDir';

function recorded(): TracedRequest[] {
  if (!existsSync(GRAPH_LOG_DIR)) return [];
  return readdirSync(GRAPH_LOG_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(join(GRAPH_LOG_DIR, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TracedRequest),
    );
}

const requested = new Set(DELEGATED_PERMISSIONS.map((p) => p.toLowerCase()));

interface Verdict {
  key: string;
  problem: string | null;
}

function judge(r: TracedRequest): Verdict {
  const match = TEMPLATES.match(r.path);
  const key = `${r.cloud} ${r.method} ${match?.template ?? r.path}`;
  if (!match) return { key, problem: 'not in Microsoft’s permission map' };
  if (!servesPath(r.cloud as Cloud, match.template)) return { key, problem: `not in the ${r.cloud} schema` };
  const entry = SCOPE_TABLE.get(`${r.method} ${match.template}`);
  if (!entry) return { key, problem: 'the map lists no delegated permission for this method' };
  const granted = entry.grants.some(
    (p) =>
      requested.has(p.toLowerCase()) && (entry.alsoRequires?.[p] ?? []).every((x) => requested.has(x.toLowerCase())),
  );
  if (!granted) return { key, problem: `granted only by ${entry.grants.join(', ')}` };
  if (callsFor(r.method, r.path).length === 0) return { key, problem: 'missing from core/graph/catalogue.ts' };
  return { key, problem: null };
}

describe('the app’s Graph requests against Microsoft’s schema and permission map', () => {
  const requests = recorded();

  it('were recorded from the integration and end-to-end runs (a check over nothing proves nothing)', () => {
    const distinct = new Set(requests.map((r) => `${r.method} ${TEMPLATES.match(r.path)?.template ?? r.path}`));
    // Search, card, roles, methods, reset, operation, TAP, revoke, reports, policy, audit logs at least.
    expect(distinct.size).toBeGreaterThanOrEqual(20);
    expect(requests.some((r) => r.cloud === 'china')).toBe(true);
  });

  it('exist in their cloud and are granted by a permission the app asks for', () => {
    const problems = new Map<string, string>();
    for (const r of requests) {
      const v = judge(r);
      if (v.problem) problems.set(v.key, v.problem);
    }
    expect([...problems].map(([k, p]) => `${k}: ${p}`)).toEqual([]);
  });

  it('judges a request the app must never send as a problem', () => {
    expect(
      judge({ method: 'PATCH', path: '/users/0c0a1e47-0000-4000-8000-000000000001', cloud: 'global' }).problem,
    ).toBeNull(); // accountEnabled: User.EnableDisableAccount.All
    expect(
      judge({ method: 'POST', path: '/users/a@contoso.com/authentication/methods/x/resetPassword', cloud: 'china' })
        .problem,
    ).toMatch(/china schema/);
    expect(judge({ method: 'GET', path: '/directory/administrativeUnits', cloud: 'global' }).problem).not.toBeNull();
  });
});
