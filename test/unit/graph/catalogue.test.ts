// The request catalogue against Microsoft's own data (vendor/microsoft-graph/): every call Resetline
// makes is granted by the permission list the app asks an admin for, exists in the global cloud's
// v1.0 schema, and README's list is that same list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELEGATED_PERMISSIONS } from '../../../src/main/core/tenant/clouds';
import { callsFor, GRAPH_CATALOGUE, graphCall, permissionPath } from '../../../src/main/core/graph/catalogue';
import {
  featureScopes,
  grantingPermissions,
  isGranted,
  optionalScopes,
  permissionGaps,
  requiredScopes,
} from '../../../src/main/core/graph/permissions';

const root = resolve(__dirname, '../../..');
const cloudPaths = JSON.parse(readFileSync(join(root, 'vendor/microsoft-graph/cloud-paths.json'), 'utf8')) as {
  paths: Record<string, Record<string, true | number>>;
};
const appList = [...DELEGATED_PERMISSIONS] as string[];
const sorted = (list: readonly string[]) => [...list].sort((a, b) => a.localeCompare(b));

/** The backticked permission names in README's "Permissions" step of "Pointing Resetline at a real tenant". */
function readmePermissions(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Pointing Resetline at a real tenant'));
  const start = section.search(/^3\. \*\*Permissions\*\*/m);
  expect(start, 'README has a "3. **Permissions**" step').toBeGreaterThanOrEqual(0);
  const step = section.slice(start, start + section.slice(start).search(/^4\. /m));
  const names = [...step.matchAll(/`([A-Z][\w-]*(?:\.[\w-]+)+)`/g)].map((m) => m[1]!);
  return [...new Set(names)].filter((n) => !optionalScopes().includes(n));
}

describe('the Graph request catalogue', () => {
  it('gives every call a unique id, a documentation page and a throttle priority that follows its flow', () => {
    expect(new Set(GRAPH_CATALOGUE.map((c) => c.id)).size).toBe(GRAPH_CATALOGUE.length);
    for (const c of GRAPH_CATALOGUE) {
      expect(c.doc, c.id).toMatch(/^(api-reference\/v1\.0\/api|concepts)\/[a-z0-9-]+\.md$/);
      expect(c.path, c.id).toMatch(/^\/[a-z0-9/{}.$]+$/);
      expect(c.priority, c.id).toBe(c.flow === 'caller' ? 'high' : 'low');
    }
  });

  it("names for each call a scope that Microsoft's permission map lists for it", () => {
    const wrong = GRAPH_CATALOGUE.filter((c) => !grantingPermissions(c).includes(c.scope)).map(
      (c) => `${c.id}: ${c.method} ${permissionPath(c.path)} is not granted by ${c.scope}`,
    );
    expect(wrong).toEqual([]);
  });

  it("grants every call with the app's own permission list (DELEGATED_PERMISSIONS)", () => {
    const denied = GRAPH_CATALOGUE.filter(
      (c) => !isGranted(c, c.onlyWhen ? [...appList, ...optionalScopes()] : appList),
    ).map((c) => c.id);
    expect(denied).toEqual([]);
  });

  it("finds every call's path in the global cloud's v1.0 schema", () => {
    const missing = GRAPH_CATALOGUE.filter((c) => cloudPaths.paths[permissionPath(c.path)]?.global !== true).map(
      (c) => `${c.id}: ${permissionPath(c.path)}`,
    );
    expect(missing).toEqual([]);
  });

  it('computes from the catalogue exactly the permission list the app asks for, none of it redundant', () => {
    expect(sorted(requiredScopes())).toEqual(sorted(appList));
    for (const p of requiredScopes()) {
      const without = requiredScopes().filter((q) => q !== p);
      const needing = GRAPH_CATALOGUE.filter((c) => !c.onlyWhen && !isGranted(c, without)).map((c) => c.id);
      expect(needing.length, `${p} is needed by some call`).toBeGreaterThan(0);
    }
  });

  it("keeps README's permission list equal to the app's", () => {
    expect(sorted(readmePermissions())).toEqual(sorted(appList));
  });

  it('names the consent a feature lacks, and nothing when everything is consented', () => {
    expect(permissionGaps(appList)).toEqual([]);
    const gaps = permissionGaps(appList.filter((p) => p !== 'RoleManagement.Read.Directory'));
    expect(gaps.map((g) => g.feature)).toEqual(['agent', 'caller-card']);
    for (const g of gaps) {
      expect(g.missing).toEqual(['RoleManagement.Read.Directory']);
      expect(g.fix).toContain('RoleManagement.Read.Directory');
    }
    expect(gaps[0]!.calls).toEqual(['agent.roles', 'agent.roleAssignments']);
    // A broader permission an admin chose instead still grants the call (the map, not our list, decides).
    expect(isGranted(graphCall('policy.domains'), ['Directory.Read.All'])).toBe(true);
    expect(featureScopes('verification', true)).toContain('Mail.Send.Shared');
    expect(featureScopes('verification')).not.toContain('Mail.Send.Shared');
  });

  it('matches a request URL to its entries (casts, keys, $count and query ignored)', () => {
    const id = '7a1b2c3d-0000-4000-8000-000000000001';
    const ids = (m: string, url: string) => callsFor(m, url).map((c) => c.id);
    expect(
      ids(
        'GET',
        `https://graph.microsoft.com/v1.0/users/${id}/transitiveMemberOf/microsoft.graph.directoryRole?$count=true`,
      ),
    ).toEqual(['caller.roles', 'fallback.roles']);
    expect(ids('GET', '/users/$count')).toEqual(['registration.userCount']);
    expect(
      ids('POST', `/users/${id}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`),
    ).toEqual(['reset.password']);
    expect(
      ids('GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass'),
    ).toEqual(['policy.tap']);
    expect(ids('PATCH', `/users/${id}`)).toEqual(['enable.account']);
    expect(ids('GET', '/groups')).toEqual([]);
  });

  it('is referred to by the core/graph functions that make the calls, with ids it holds', () => {
    const dir = join(root, 'src/main/core/graph');
    const referenced = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'catalogue.ts')) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/catalogue:/g)) {
        // The ids after "catalogue:", across comment lines, until the first word that is not an id.
        const after = text.slice(m.index + m[0].length, m.index + 400).replace(/\n\s*(\/\/|\*)/g, ' ');
        for (const word of after.split(/[\s,]+/).filter(Boolean)) {
          if (word === 'and') continue;
          const ref = word.replace(/[).;:]+$/, '');
          if (!/^[a-z][A-Za-z]*\.[\w.*]+$/.test(ref)) break;
          const prefix = ref.endsWith('.*') ? ref.slice(0, -1) : undefined;
          const hits = GRAPH_CATALOGUE.filter((c) => (prefix ? c.id.startsWith(prefix) : c.id === ref));
          expect(hits.length, `${file} refers to "${ref}", which the catalogue does not hold`).toBeGreaterThan(0);
          hits.forEach((c) => referenced.add(c.id));
        }
      }
    }
    expect(GRAPH_CATALOGUE.map((c) => c.id).filter((id) => !referenced.has(id))).toEqual([]);
  });
});
