// vendor/microsoft-graph/ is what `npm run vendor:microsoft` makes of Microsoft's own files: byte for
// byte when those files are at hand (../shared/microsoft or $MICROSOFT_DATA_DIR), and on a fresh clone
// without them the committed subset still states what Microsoft publishes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../../..');
const vendorDir = join(root, 'vendor', 'microsoft-graph');
const sourceDir = resolve(process.env.MICROSOFT_DATA_DIR ?? join(root, '..', 'shared', 'microsoft'));
const haveSources = existsSync(join(sourceDir, 'permissions.json')) && existsSync(join(sourceDir, 'csdl'));
const FILES = ['permissions-delegated.json', 'cloud-paths.json', 'README.md', 'LICENSE'];

interface Grant {
  grants: string[];
  least: string[];
}
async function vendored<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(join(vendorDir, name), 'utf8')) as T;
}

const regenerate = haveSources ? describe : describe.skip;
regenerate(
  haveSources
    ? `regenerating from Microsoft's files (${sourceDir})`
    : `regenerating: skipped, no permissions.json and csdl/ in ${sourceDir} (set MICROSOFT_DATA_DIR)`,
  () => {
    it('gives the committed bytes', async () => {
      const out = await mkdtemp(join(tmpdir(), 'resetline-vendor-'));
      try {
        await promisify(execFile)(process.execPath, [join(root, 'scripts', 'vendor-microsoft.mjs'), '--out', out], {
          env: { ...process.env, MICROSOFT_DATA_DIR: sourceDir },
        });
        for (const f of FILES)
          expect(await readFile(join(out, f), 'utf8'), `${f} differs: run npm run vendor:microsoft`).toBe(
            await readFile(join(vendorDir, f), 'utf8'),
          );
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

describe('the committed subset', () => {
  it('names its sources, their commits and the MIT licence', async () => {
    const readme = await readFile(join(vendorDir, 'README.md'), 'utf8');
    expect(readme).toContain('microsoftgraph/microsoft-graph-devx-content');
    expect(readme).toContain('6cbd6bbd665a877560fdefbad74f3bdb5b57af88');
    expect(readme).toContain('microsoftgraph/msgraph-metadata');
    expect(readme).toContain('f54f11b60956ea7b185ca0447b2b80805836ec7b');
    const licence = await readFile(join(vendorDir, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License/);
    expect(licence).toContain('Copyright (c) Microsoft Corporation');
  });

  it('holds Microsoft’s delegated grants, sorted, with the least-privileged ones marked', async () => {
    const g = await vendored<Record<string, Grant>>('permissions-delegated.json');
    const keys = Object.keys(g);
    expect(keys).toEqual([...keys].sort());
    expect(g['POST /users/{id}/authentication/methods/{id}/resetpassword']).toEqual({
      grants: ['UserAuthenticationMethod.ReadWrite.All'],
      least: ['UserAuthenticationMethod.ReadWrite.All'],
    });
    expect(g['GET /rolemanagement/directory/roleassignments']?.least).toContain('RoleManagement.Read.Directory');
    expect(g['GET /users/{id}/memberof']?.grants).not.toContain('User.Read.All');
    expect(g['PATCH /users/{id}']?.grants).toContain('User-PasswordProfile.ReadWrite.All');
    // Only delegated grants: User.ReadWrite.CrossCloud grants GET /users to applications only.
    expect(g['GET /users']?.grants).not.toContain('User.ReadWrite.CrossCloud');
    expect(keys.every((k) => !/[A-Z]/.test(k.slice(k.indexOf(' '))))).toBe(true);
  });

  it('says which cloud’s schema has which path (China: no resetPassword, no TAP)', async () => {
    const c = await vendored<{ schemas: Record<string, string>; paths: Record<string, Record<string, unknown>> }>(
      'cloud-paths.json',
    );
    expect(c.schemas).toEqual({
      global: 'v1.0-Prod.csdl',
      usgov: 'v1.0-Fairfax.csdl',
      dod: 'v1.0-Fairfax.csdl',
      china: 'v1.0-Mooncake.csdl',
    });
    expect(c.paths['/users/{id}/authentication/methods/{id}/resetpassword']).toEqual({
      global: true,
      usgov: true,
      dod: true,
      china: 3,
    });
    expect(c.paths['/users/{id}/authentication/temporaryaccesspassmethods']?.china).toBe(3);
    expect(c.paths['/users/{id}/transitivememberof']).toEqual({ global: true, usgov: true, dod: true, china: true });
    const grants = await vendored<Record<string, Grant>>('permissions-delegated.json');
    for (const k of Object.keys(grants)) expect(c.paths[k.slice(k.indexOf(' ') + 1)], k).toBeDefined();
  });
});
