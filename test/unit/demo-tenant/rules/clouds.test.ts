// The cloud rule: each national cloud serves only the paths its Graph v1.0 schema resolves; others
// answer as Graph does for an unknown segment. As a table, then through the Graph handler.
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, type Knobs } from '../../../../src/demo-tenant/contracts';
import { createGraphHandler } from '../../../../src/demo-tenant/graph';
import { GraphError } from '../../../../src/demo-tenant/graph/errors';
import {
  checkCloud,
  CLOUDS,
  parseCloud,
  servesPath,
  unknownSegmentIndex,
  UnknownCloudError,
  type Cloud,
} from '../../../../src/demo-tenant/rules/clouds';
import { matchGraphPath } from '../../../../src/demo-tenant/rules/scopes';
import { createDemoDirectory } from '../../../../src/demo-tenant/seed';

const RESET = '/users/{id}/authentication/methods/{id}/resetpassword';
const TAP = '/users/{id}/authentication/temporaryaccesspassmethods';

describe('which cloud serves which path', () => {
  it.each([
    // [template, global, usgov, dod, china]
    [RESET, true, true, true, false],
    [TAP, true, true, true, false],
    ['/users/{id}/authentication/methods', true, true, true, false],
    ['/users/{id}/authentication/operations/{id}', true, true, true, false],
    ['/policies/authenticationmethodspolicy', true, true, true, false],
    // The schema of China lists directoryAudits; its API page says global and US Government only.
    ['/auditlogs/directoryaudits', true, true, true, false],
    // Every schema lists it; its API page says the global service only.
    ['/directory/onpremisessynchronization', true, false, false, false],
    ['/users', true, true, true, true],
    ['/users/{id}', true, true, true, true],
    ['/me/transitivememberof', true, true, true, true],
    ['/rolemanagement/directory/roleassignments', true, true, true, true],
    ['/users/{id}/revokesigninsessions', true, true, true, true],
    ['/reports/authenticationmethods/userregistrationdetails', true, true, true, true],
    // Only under /directory in v1.0; the top-level set is beta.
    ['/administrativeunits', false, false, false, false],
  ] as const)('%s: global %s, usgov %s, dod %s, china %s', (template, ...served) => {
    expect(CLOUDS.map((c) => servesPath(c, template))).toEqual(served);
  });

  it('knows where a path stops existing in a cloud', () => {
    expect(unknownSegmentIndex('china', RESET)).toBe(3);
    expect(unknownSegmentIndex('global', RESET)).toBe(-1);
    expect(unknownSegmentIndex('china', '/auditlogs/directoryaudits')).toBe(1);
    expect(unknownSegmentIndex('global', '/no/such/template')).toBe(0);
  });

  it('parses only the four clouds', () => {
    expect(parseCloud('dod')).toBe('dod');
    expect(() => parseCloud('germany')).toThrow(UnknownCloudError);
  });

  it('names the segment as the client wrote it, in Graph’s words', () => {
    const m = matchGraphPath('/users/a@contoso.com/authentication/Methods/x/resetPassword');
    let err: unknown;
    try {
      checkCloud('china', m);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraphError);
    expect(err).toMatchObject({
      status: 400,
      code: 'BadRequest',
      message: "Resource not found for the segment 'Methods'.",
    });
    expect(() => checkCloud('usgov', m)).not.toThrow();
  });
});

describe('the handler serves the cloud it was started as', () => {
  const dir = createDemoDirectory({ users: 200, seed: 3, now: Date.UTC(2026, 10, 1), freezeClock: true });
  const knobs: Knobs = { ...DEFAULT_KNOBS, throttle: { ...DEFAULT_KNOBS.throttle }, faults: [], withheldScopes: [] };
  const scopes = ['User.Read.All', 'UserAuthenticationMethod.ReadWrite.All', 'AuditLog.Read.All'];
  const call = (cloud: Cloud, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const caller = dir.findUserByUpn('privileged.auth.admin@contoso.com');
    if (!caller) throw new Error('no caller');
    return createGraphHandler(dir, {
      graphBaseUrl: 'https://127.0.0.1:1/v1.0',
      knobs: () => knobs,
      throttle: () => undefined,
      cloud,
    })({
      method,
      path,
      query: '',
      headers: {},
      body,
      caller: { userId: caller.id, scopes, roleTemplateIds: [], clientId: 'test' },
      requestId: 'r1',
      clientRequestId: undefined,
    });
  };

  it('answers 400 for resetPassword and TAP in China, while users are served', async () => {
    const reset = await call(
      'china',
      'POST',
      '/users/alex.cloud@contoso.com/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword',
      {},
    );
    expect(reset.status).toBe(400);
    expect(reset.body).toMatchObject({
      error: { code: 'BadRequest', message: "Resource not found for the segment 'methods'." },
    });
    const tap = await call(
      'china',
      'POST',
      '/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods',
      {},
    );
    expect(tap.status).toBe(400);
    expect((await call('china', 'GET', '/users/alex.cloud@contoso.com')).status).toBe(200);
    expect((await call('china', 'GET', '/auditLogs/directoryAudits')).status).toBe(400);
  });

  it('serves the same paths in the global and US Government clouds', async () => {
    for (const cloud of ['global', 'usgov', 'dod'] as const)
      expect((await call(cloud, 'GET', '/users/alex.cloud@contoso.com/authentication/methods')).status).toBe(200);
  });
});
