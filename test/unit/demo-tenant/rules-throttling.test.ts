// Microsoft's documented throttling as the demo tenant enforces it (concepts/throttling-limits.md),
// driven by an injected clock: no sleeping, no timing assertions.
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, type Knobs } from '../../../src/demo-tenant/contracts';
import {
  DocumentedThrottle,
  requestCost,
  retryAfterValue,
  serviceOf,
  tenantSize,
  type ThrottleSubject,
  type ThrottleVerdict,
} from '../../../src/demo-tenant/rules/throttling';

const TENANT = '0785ef7c-2d7a-4542-b048-95bcab406e0b';
const APP = '9a3d526c-b3c1-4479-ba74-197b5c5751ae';
const REPORT = '/reports/authenticationMethods/userRegistrationDetails';

function setup(users = 2000) {
  let clock = 1_000_000;
  const settings: Pick<Knobs, 'throttling' | 'throttlingTimeScale'> = {
    throttling: DEFAULT_KNOBS.throttling,
    throttlingTimeScale: DEFAULT_KNOBS.throttlingTimeScale,
  };
  const limits = new DocumentedThrottle({
    tenantId: TENANT,
    tenantUsers: () => users,
    settings: () => settings,
    now: () => clock,
  });
  let n = 0;
  const send = (method: string, url: string, opts: { priority?: string; clientId?: string } = {}): ThrottleVerdict => {
    const q = url.indexOf('?');
    const subject: ThrottleSubject = {
      method,
      path: q >= 0 ? url.slice(0, q) : url,
      query: q >= 0 ? url.slice(q + 1) : '',
      headers: opts.priority ? { 'x-ms-throttle-priority': opts.priority } : {},
      clientId: opts.clientId ?? APP,
      requestId: `req-${++n}`,
      clientRequestId: undefined,
    };
    return limits.check(subject);
  };
  return { send, settings, advance: (ms: number) => void (clock += ms) };
}

const retryAfter = (v: ThrottleVerdict): number => {
  if (!v.limited) throw new Error('not limited');
  return Number(v.response.headers?.['Retry-After']);
};

describe('identity and access reports: five requests per 10 seconds per app per tenant', () => {
  it('answers the sixth report request within 10 seconds with 429 and a Retry-After, and admits it after that wait', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) {
      expect(t.send('GET', REPORT).limited).toBe(false);
      t.advance(1000);
    }
    const sixth = t.send('GET', REPORT);
    expect(sixth.limited).toBe(true);
    if (!sixth.limited) return;
    expect(sixth.response.status).toBe(429);
    expect((sixth.response.body as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // We are at 5 s. The refused request is logged too, so two must leave the window (0 s and 1 s)
    // before a request fits again: at 11 s.
    expect(retryAfter(sixth)).toBe(6);
    t.advance(6000);
    expect(t.send('GET', REPORT).limited).toBe(false);
  });

  it('counts directory audits and authentication methods (list, typed collections, resetPassword) in the same budget', () => {
    const t = setup();
    const urls = [
      '/auditLogs/directoryAudits?$filter=x',
      '/users/alex%40contoso.com/authentication/methods',
      '/me/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7',
      '/reports/authenticationMethods/usersRegisteredByFeature()',
    ];
    for (const u of urls) expect(t.send('GET', u).limited).toBe(false);
    expect(
      t.send('POST', '/users/u1/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword').limited,
    ).toBe(false);
    expect(t.send('GET', '/auditLogs/directoryAudits').limited).toBe(true);
  });

  it('limits each app on its own', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) t.send('GET', REPORT);
    expect(t.send('GET', REPORT).limited).toBe(true);
    expect(t.send('GET', REPORT, { clientId: 'another-app' }).limited).toBe(false);
  });

  it('keeps logging while a client is throttled: hammering before Retry-After pushes the wait further', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) t.send('GET', REPORT);
    const first = retryAfter(t.send('GET', REPORT));
    expect(first).toBe(10);
    t.advance(9000);
    // Early retries are refused and logged too.
    expect(t.send('GET', REPORT).limited).toBe(true);
    t.advance(1000);
    // The five admitted requests left the window, the two refused ones have not.
    expect(t.send('GET', REPORT).limited).toBe(false);
  });

  it('throttles low before high once both compete, while low alone may use the whole limit', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) expect(t.send('GET', REPORT, { priority: 'low' }).limited).toBe(false);
    t.advance(10_001);
    // A high request arrives: from now on low may use 60% (3 of 5) of the window, high all of it.
    expect(t.send('GET', REPORT, { priority: 'high' }).limited).toBe(false);
    expect(t.send('GET', REPORT, { priority: 'low' }).limited).toBe(false);
    expect(t.send('GET', REPORT, { priority: 'low' }).limited).toBe(false);
    expect(t.send('GET', REPORT, { priority: 'low' }).limited).toBe(true);
    expect(t.send('GET', REPORT, { priority: 'high' }).limited).toBe(false);
    expect(t.send('GET', REPORT, { priority: 'high' }).limited).toBe(true);
  });

  it('reads an unknown priority as normal, throttled before high (80%: 4 of 5)', () => {
    const busy = () => {
      const t = setup();
      t.send('GET', REPORT, { priority: 'High' });
      for (let i = 0; i < 3; i++) expect(t.send('GET', REPORT, { priority: 'urgent' }).limited).toBe(false);
      return t;
    };
    expect(busy().send('GET', REPORT).limited).toBe(true);
    expect(busy().send('GET', REPORT, { priority: 'HIGH' }).limited).toBe(false);
  });

  it("answers nothing with 429 when the knob says 'off'", () => {
    const t = setup();
    t.settings.throttling = 'off';
    for (let i = 0; i < 50; i++) expect(t.send('GET', REPORT).limited).toBe(false);
  });

  it('shortens every window with the time scale, and Retry-After with it', () => {
    const t = setup();
    t.settings.throttlingTimeScale = 0.05;
    for (let i = 0; i < 5; i++) t.send('GET', REPORT);
    const v = t.send('GET', REPORT);
    expect(v.limited && v.response.headers?.['Retry-After']).toBe('0.500');
    t.advance(500);
    expect(t.send('GET', REPORT).limited).toBe(false);
  });
});

describe('identity and access: resource units and writes per application+tenant pair', () => {
  it('costs requests as the base cost table and its other factors say', () => {
    expect(requestCost('GET', '/users', '')).toEqual({ resourceUnits: 2, writeCost: 0 });
    expect(requestCost('GET', '/users', '$select=id,displayName&$top=999')).toEqual({ resourceUnits: 1, writeCost: 0 });
    expect(requestCost('GET', '/me/memberOf', '')).toEqual({ resourceUnits: 2, writeCost: 0 });
    expect(
      requestCost('GET', '/users/u1/transitiveMemberOf/microsoft.graph.directoryRole', '$count=true').resourceUnits,
    ).toBe(2);
    expect(requestCost('GET', '/users/u1/memberOf/microsoft.graph.group', '%24select=id').resourceUnits).toBe(1);
    expect(requestCost('GET', '/subscribedSkus', '').resourceUnits).toBe(3);
    expect(requestCost('GET', '/users/u1', '$expand=manager').resourceUnits).toBe(2);
    expect(requestCost('GET', '/users', '$top=5').resourceUnits).toBe(1);
    expect(requestCost('GET', '/users/u1', '$select=id').resourceUnits).toBe(1);
    expect(requestCost('PATCH', '/users/u1', '')).toEqual({ resourceUnits: 1, writeCost: 1 });
    expect(requestCost('POST', '/directoryObjects/getByIds', '')).toEqual({ resourceUnits: 5, writeCost: 0 });
    expect(requestCost('POST', '/directoryObjects/getByIds', '$select=id').resourceUnits).toBe(2);
  });

  it('sizes the tenant: S under 50 users, M 50 to 500, L above 500', () => {
    expect([tenantSize(49), tenantSize(50), tenantSize(500), tenantSize(501)]).toEqual(['S', 'M', 'M', 'L']);
  });

  it('refuses past 8,000 resource units in 10 seconds for a large tenant, naming the scope and the reason', () => {
    const t = setup(2000);
    for (let i = 0; i < 4000; i++) expect(t.send('GET', '/users').limited).toBe(false);
    const v = t.send('GET', '/users');
    expect(v.limited).toBe(true);
    if (!v.limited) return;
    expect(v.rule).toBe('identity-resource-units');
    expect(v.response.headers).toMatchObject({
      'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${APP}/${TENANT}`,
      'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
    });
    expect(retryAfter(v)).toBeGreaterThan(0);
  });

  it('gives a small tenant 3,500 resource units', () => {
    const t = setup(40);
    for (let i = 0; i < 3500; i++) expect(t.send('GET', '/organization').limited).toBe(false);
    expect(t.send('GET', '/organization').limited).toBe(true);
  });

  it('reports the resource units used and, past 80% of the limit, the percentage', () => {
    const t = setup(2000);
    const first = t.send('GET', '/users');
    expect(first).toEqual({ limited: false, headers: { 'x-ms-resource-unit': '2' } });
    for (let i = 0; i < 3300; i++) t.send('GET', '/users');
    const late = t.send('GET', '/users');
    expect(late.limited === false && late.headers['x-ms-throttle-limit-percentage']).toBe('0.8');
  });

  it('refuses the 3,001st write in 150 seconds with WriteLimitExceeded', () => {
    const t = setup(2000);
    for (let i = 0; i < 3000; i++) {
      expect(t.send('PATCH', `/users/u${i}`).limited).toBe(false);
      t.advance(40); // 3,000 writes over 120 s: the resource-unit window never fills
    }
    const v = t.send('POST', '/users/u1/revokeSignInSessions');
    expect(v.limited && v.rule).toBe('identity-writes');
    expect(v.limited && v.response.headers?.['x-ms-throttle-information']).toBe('WriteLimitExceeded');
  });
});

describe('which service a path belongs to', () => {
  it('maps the demo tenant paths to the documented services', () => {
    expect(serviceOf('/auditLogs/directoryAudits')?.service).toBe('identity-reports');
    expect(serviceOf('/reports/authenticationMethods/userRegistrationDetails/u1')?.service).toBe('identity-reports');
    expect(serviceOf('/users/u1/authentication/temporaryAccessPassMethods')?.service).toBe('identity-reports');
    expect(serviceOf('/users/u1/authentication/operations/op1')?.service).toBe('identity-reports');
    expect(serviceOf('/users/u1/transitiveMemberOf/microsoft.graph.directoryRole')?.service).toBe('identity');
    expect(serviceOf('/policies/authenticationMethodsPolicy')?.service).toBe('identity');
    expect(serviceOf('/users/u1/sendMail')?.service).toBeNull();
  });

  it('writes Retry-After in whole seconds, and in milliseconds below one second', () => {
    expect([retryAfterValue(4001), retryAfterValue(10_000), retryAfterValue(250)]).toEqual(['5', '10', '0.250']);
  });
});
