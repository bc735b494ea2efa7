// URL → route for Graph v1.0 as served by the demo tenant. Segments match case-insensitively,
// as Graph's do; `{id | userPrincipalName}` segments are percent-decoded by Ctx.target.
//
//   GET    /me, /me/memberOf[/cast][/$count], /me/transitiveMemberOf[/cast][/$count], /me/manager, /me/authentication/…
//   GET    /users, /users/$count, /users/{u}, /users/{u}/manager, /users/{u}/memberOf[/cast][/$count], …/transitiveMemberOf
//   PATCH  /users/{u}                                   (passwordProfile, accountEnabled)
//   POST   /users/{u}/revokeSignInSessions, /users/{u}/sendMail, /me/sendMail
//   GET    /users/{u}/authentication/methods[/{id}], /users/{u}/authentication/{collection}[/{id}]
//   DELETE /users/{u}/authentication/{collection}/{id}
//   POST   /users/{u}/authentication/temporaryAccessPassMethods
//   POST   /users/{u}/authentication/methods/{passwordMethodId}/resetPassword (also …/passwordMethods/{id}/resetPassword)
//   GET    /users/{u}/authentication/operations/{id}
//   GET    /reports/authenticationMethods/userRegistrationDetails[/{id}], …/usersRegisteredByFeature(…), …/usersRegisteredByMethod(…)
//   GET    /policies/authenticationMethodsPolicy[/authenticationMethodConfigurations/{id}]
//   GET    /domains, /organization, /subscribedSkus, /auditLogs/directoryAudits
//   GET    /directory/onPremisesSynchronization[/{id}]
//   GET    /roleManagement/directory/roleAssignments         (graph/rolemanagement.ts)
//   POST   /$batch                                      (graph/batch.ts)
import type { GraphResponse } from '../contracts';
import { listDirectoryAudits } from './audit';
import { patchUser, revokeSessions, sendMail } from './account';
import type { Ctx } from './context';
import { methodNotAllowed, UnknownSegmentError } from './errors';
import { createTap, deleteMethod, getMethod, listMethods, METHOD_COLLECTIONS } from './methods';
import {
  getRegistrationDetails,
  listRegistrationDetails,
  usersRegisteredByFeature,
  usersRegisteredByMethod,
} from './reports';
import { getOperation, startResetPassword } from './reset';
import { listRoleAssignments } from './rolemanagement';
import {
  getAuthMethodConfiguration,
  getAuthMethodsPolicy,
  getOnPremisesSynchronization,
  getOrganization,
  listDomains,
  listOnPremisesSynchronization,
  listSubscribedSkus,
} from './tenant';
import { countUsers, getManager, getUser, listMemberOf, listUsers } from './users';
import type { DemoUser } from '../model';

export { UnknownSegmentError } from './errors';

const eq = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

function only(ctx: Ctx, ...methods: string[]): void {
  if (!methods.includes(ctx.req.method)) throw methodNotAllowed();
}

function allow(ctx: Ctx, method: string, run: () => GraphResponse): GraphResponse {
  only(ctx, method);
  return run();
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function route(ctx: Ctx): GraphResponse {
  // Time-driven directory state first: resets that finished unpolled, a due on-premises sync cycle.
  ctx.dir.tick();
  const raw = ctx.req.path.split('?')[0] ?? '';
  const segs = raw.split('/').filter((s) => s !== '');
  const [head, ...rest] = segs;
  if (head === undefined) throw new UnknownSegmentError('');
  if (eq(head, 'me')) return userRoutes(ctx, ctx.caller, true, rest);
  if (eq(head, 'users')) {
    const [key, ...sub] = rest;
    if (key === undefined) {
      only(ctx, 'GET');
      return listUsers(ctx);
    }
    if (key === '$count' && sub.length === 0) return allow(ctx, 'GET', () => countUsers(ctx));
    return userRoutes(ctx, ctx.target(key), false, sub);
  }
  if (eq(head, 'reports') && eq(rest[0], 'authenticationMethods')) return reportRoutes(ctx, rest.slice(1));
  if (eq(head, 'policies') && eq(rest[0], 'authenticationMethodsPolicy')) {
    only(ctx, 'GET');
    if (rest.length === 1) return getAuthMethodsPolicy(ctx);
    if (eq(rest[1], 'authenticationMethodConfigurations') && rest[2] !== undefined && rest.length === 3)
      return getAuthMethodConfiguration(ctx, rest[2]);
    throw new UnknownSegmentError(rest[rest.length - 1] ?? '');
  }
  if (eq(head, 'directory') && eq(rest[0], 'onPremisesSynchronization') && rest.length <= 2) {
    only(ctx, 'GET');
    return rest[1] === undefined ? listOnPremisesSynchronization(ctx) : getOnPremisesSynchronization(ctx, rest[1]);
  }
  if (eq(head, 'roleManagement') && eq(rest[0], 'directory') && eq(rest[1], 'roleAssignments') && rest.length === 2)
    return allow(ctx, 'GET', () => listRoleAssignments(ctx));
  if (eq(head, 'auditLogs') && eq(rest[0], 'directoryAudits') && rest.length === 1) {
    only(ctx, 'GET');
    return listDirectoryAudits(ctx);
  }
  if (rest.length === 0) {
    if (eq(head, 'domains')) return allow(ctx, 'GET', () => listDomains(ctx));
    if (eq(head, 'organization')) return allow(ctx, 'GET', () => getOrganization(ctx));
    if (eq(head, 'subscribedSkus')) return allow(ctx, 'GET', () => listSubscribedSkus(ctx));
  }
  throw new UnknownSegmentError(decodeSegment(segs[segs.length - 1] ?? head));
}

function userRoutes(ctx: Ctx, target: DemoUser, asMe: boolean, sub: string[]): GraphResponse {
  const [a, b, c, d, e] = sub;
  if (a === undefined) {
    if (ctx.req.method === 'PATCH') return patchUser(ctx, target);
    only(ctx, 'GET');
    return getUser(ctx, target, asMe);
  }
  if (eq(a, 'manager') && b === undefined) return allow(ctx, 'GET', () => getManager(ctx, target, asMe));
  if ((eq(a, 'memberOf') || eq(a, 'transitiveMemberOf')) && d === undefined) {
    // …/memberOf, …/memberOf/$count, …/memberOf/{cast}, …/memberOf/{cast}/$count
    const count = c === '$count' || (c === undefined && b === '$count');
    const cast = b === undefined || b === '$count' ? undefined : decodeSegment(b);
    if (c === undefined || count) {
      only(ctx, 'GET');
      return listMemberOf(ctx, target, asMe, eq(a, 'transitiveMemberOf'), cast, count);
    }
  }
  if (eq(a, 'revokeSignInSessions') && b === undefined) return allow(ctx, 'POST', () => revokeSessions(ctx, target));
  if (eq(a, 'sendMail') && b === undefined) return allow(ctx, 'POST', () => sendMail(ctx, target));
  if (eq(a, 'authentication') && b !== undefined) {
    if (eq(b, 'operations') && c !== undefined && d === undefined)
      return allow(ctx, 'GET', () => getOperation(ctx, target, decodeSegment(c)));
    if (eq(b, 'methods')) {
      if (c === undefined) return allow(ctx, 'GET', () => listMethods(ctx, target, undefined));
      if (d === undefined) return allow(ctx, 'GET', () => getMethod(ctx, target, undefined, decodeSegment(c)));
      if (eq(d, 'resetPassword') && e === undefined)
        return allow(ctx, 'POST', () => startResetPassword(ctx, target, decodeSegment(c)));
    }
    const coll = Object.keys(METHOD_COLLECTIONS).find((k) => eq(b, k));
    if (coll !== undefined) {
      if (c === undefined) {
        if (ctx.req.method === 'POST' && coll === 'temporaryAccessPassMethods') return createTap(ctx, target);
        only(ctx, 'GET');
        return listMethods(ctx, target, coll);
      }
      if (d === undefined) {
        if (ctx.req.method === 'DELETE') return deleteMethod(ctx, target, coll, decodeSegment(c));
        only(ctx, 'GET');
        return getMethod(ctx, target, coll, decodeSegment(c));
      }
      // beta spelling: /passwordMethods/{id}/resetPassword
      if (coll === 'passwordMethods' && eq(d, 'resetPassword') && e === undefined)
        return allow(ctx, 'POST', () => startResetPassword(ctx, target, decodeSegment(c)));
    }
  }
  throw new UnknownSegmentError(decodeSegment(sub[sub.length - 1] ?? ''));
}

function reportRoutes(ctx: Ctx, sub: string[]): GraphResponse {
  only(ctx, 'GET');
  const [a, b] = sub;
  if (a === undefined) throw new UnknownSegmentError('authenticationMethods');
  if (eq(a, 'userRegistrationDetails')) {
    if (b === undefined) return listRegistrationDetails(ctx);
    if (sub.length === 2) return getRegistrationDetails(ctx, b);
  }
  const fn = /^(usersRegisteredByFeature|usersRegisteredByMethod)(?:\((.*)\))?$/i.exec(decodeSegment(a));
  if (fn && b === undefined) {
    const [, name = '', args] = fn;
    return name.toLowerCase() === 'usersregisteredbyfeature'
      ? usersRegisteredByFeature(ctx, args)
      : usersRegisteredByMethod(ctx, args);
  }
  throw new UnknownSegmentError(decodeSegment(sub[sub.length - 1] ?? a));
}
