// /users/{id}/authentication/*: the methods list, typed collections with Graph's fixed ids and
// @odata.types, method deletion and Temporary Access Pass creation under the TAP policy.
import { randomInt } from 'node:crypto';
import type { GraphResponse } from '../contracts';
import type { AuthMethodKind, DemoAuthMethod, DemoUser } from '../model';
import { mayActOn } from './authorize';
import { allowsRoles } from '../rules/api-roles';
import { isBacked, METHOD_RULES, pickDefaultMfaMethod, refusedDeletion } from '../rules/methods';
import { assertBodyObject, json, noContent, type Ctx } from './context';
import { badRequest, forbidden, GraphError, notFound } from './errors';
import { recordAdminAction } from './audit';
import { assertNever } from '../never';

/** Collection segment ↔ kind ↔ @odata.type, as documented (api-reference/v1.0/resources/authenticationmethods-overview.md). */
export const METHOD_COLLECTIONS: Record<string, { kind: AuthMethodKind; type: string }> = {
  passwordMethods: { kind: 'password', type: '#microsoft.graph.passwordAuthenticationMethod' },
  phoneMethods: { kind: 'phone', type: '#microsoft.graph.phoneAuthenticationMethod' },
  emailMethods: { kind: 'email', type: '#microsoft.graph.emailAuthenticationMethod' },
  microsoftAuthenticatorMethods: {
    kind: 'microsoftAuthenticator',
    type: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  },
  fido2Methods: { kind: 'fido2', type: '#microsoft.graph.fido2AuthenticationMethod' },
  windowsHelloForBusinessMethods: {
    kind: 'windowsHelloForBusiness',
    type: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
  },
  softwareOathMethods: { kind: 'softwareOath', type: '#microsoft.graph.softwareOathAuthenticationMethod' },
  temporaryAccessPassMethods: {
    kind: 'temporaryAccessPass',
    type: '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
  },
  platformCredentialMethods: {
    kind: 'platformCredential',
    type: '#microsoft.graph.platformCredentialAuthenticationMethod',
  },
};

function typeOf(kind: AuthMethodKind): string {
  const e = Object.values(METHOD_COLLECTIONS).find((c) => c.kind === kind);
  if (!e) throw new Error(`no collection for ${kind}`);
  return e.type;
}

/** "+1 4255550123" → "+1 XXXXXXXX23": what an Authentication Administrator sees. */
export function maskPhone(n: string): string {
  const [cc, ...rest] = n.split(' ');
  const digits = rest.join(' ');
  return `${cc} ${digits.replace(/\d(?=\d{2})/g, 'X')}`;
}

export function tapUsability(
  m: Extract<DemoAuthMethod, { kind: 'temporaryAccessPass' }>,
  nowMs: number,
): { isUsable: boolean; methodUsabilityReason: string } {
  const start = Date.parse(m.startDateTime);
  if (m.isUsableOnce && m.usedDateTime) return { isUsable: false, methodUsabilityReason: 'OneTimeUsed' };
  if (nowMs < start) return { isUsable: false, methodUsabilityReason: 'NotYetValid' };
  if (nowMs >= start + m.lifetimeInMinutes * 60_000) return { isUsable: false, methodUsabilityReason: 'Expired' };
  return { isUsable: true, methodUsabilityReason: 'EnabledByPolicy' };
}

export function methodResource(m: DemoAuthMethod, nowMs: number, maskPhones: boolean): Record<string, unknown> {
  const t = { '@odata.type': typeOf(m.kind), id: m.id };
  switch (m.kind) {
    case 'password':
      return { ...t, password: null, createdDateTime: m.createdDateTime };
    case 'phone':
      return {
        ...t,
        phoneNumber: maskPhones ? maskPhone(m.phoneNumber) : m.phoneNumber,
        phoneType: m.phoneType,
        smsSignInState: m.smsSignInState,
      };
    case 'email':
      return { ...t, emailAddress: m.emailAddress };
    case 'microsoftAuthenticator':
      return {
        ...t,
        displayName: m.displayName,
        deviceTag: m.deviceTag,
        phoneAppVersion: m.phoneAppVersion,
        createdDateTime: m.createdDateTime,
      };
    case 'fido2':
      return {
        ...t,
        displayName: m.displayName,
        createdDateTime: m.createdDateTime,
        aaGuid: m.aaGuid,
        model: m.model,
        attestationCertificates: m.attestationCertificates,
        attestationLevel: m.attestationLevel,
      };
    case 'windowsHelloForBusiness':
      return { ...t, displayName: m.displayName, createdDateTime: m.createdDateTime, keyStrength: m.keyStrength };
    case 'softwareOath':
      // v1.0 documents only id and secretKey (always null when read).
      return { ...t, secretKey: null };
    case 'temporaryAccessPass':
      // The pass itself is only ever returned by the create call.
      return {
        ...t,
        temporaryAccessPass: null,
        createdDateTime: m.createdDateTime,
        startDateTime: m.startDateTime,
        lifetimeInMinutes: m.lifetimeInMinutes,
        isUsableOnce: m.isUsableOnce,
        ...tapUsability(m, nowMs),
      };
    case 'platformCredential':
      return {
        ...t,
        displayName: m.displayName,
        createdDateTime: m.createdDateTime,
        keyStrength: m.keyStrength,
        platform: m.platform,
      };
    default:
      return assertNever(m, 'method kind');
  }
}

function requireRead(ctx: Ctx, target: DemoUser): { mask: boolean } {
  if (ctx.isSelf(target)) {
    if (!ctx.req.caller.scopes.some((s) => /^UserAuthenticationMethod\.(Read|ReadWrite)(\.All)?$/i.test(s)))
      throw forbidden();
    return { mask: false };
  }
  // rules/api-roles.ts: readOthersMethods, seeFullPhoneNumbers (unit-scoped roles count for the unit's members).
  const roles = ctx.dir.rolesOver(ctx.caller.id, target.id);
  if (!allowsRoles('readOthersMethods', roles)) throw forbidden();
  return { mask: !allowsRoles('seeFullPhoneNumbers', roles) };
}

export function listMethods(ctx: Ctx, target: DemoUser, collection: string | undefined): GraphResponse {
  if (ctx.req.query) throw badRequest('Query options are not supported on this resource.', 'BadRequest');
  const { mask } = requireRead(ctx, target);
  const nowMs = ctx.dir.now().getTime();
  let methods = target.methods;
  let context = `${ctx.base}/$metadata#users('${target.id}')/authentication/methods`;
  if (collection !== undefined) {
    const c = METHOD_COLLECTIONS[collection];
    if (!c) throw badRequest(`Resource not found for the segment '${collection}'.`, 'BadRequest');
    methods = methods.filter((m) => m.kind === c.kind);
    context = `${ctx.base}/$metadata#users('${target.id}')/authentication/${collection}`;
  }
  return json(200, { '@odata.context': context, value: methods.map((m) => methodResource(m, nowMs, mask)) });
}

function findMethod(target: DemoUser, collection: string | undefined, id: string): DemoAuthMethod {
  const kind = collection === undefined ? undefined : METHOD_COLLECTIONS[collection]?.kind;
  if (collection !== undefined && kind === undefined)
    throw badRequest(`Resource not found for the segment '${collection}'.`, 'BadRequest');
  const m = target.methods.find(
    (x) => x.id.toLowerCase() === id.toLowerCase() && (kind === undefined || x.kind === kind),
  );
  if (!m) throw notFound(id);
  return m;
}

export function getMethod(ctx: Ctx, target: DemoUser, collection: string | undefined, id: string): GraphResponse {
  const { mask } = requireRead(ctx, target);
  const m = findMethod(target, collection, id);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#users('${target.id}')/authentication/${collection ?? 'methods'}/$entity`,
    ...methodResource(m, ctx.dir.now().getTime(), mask),
  });
}

function requireManage(ctx: Ctx, target: DemoUser): void {
  const allowed = mayActOn('manageMethods', ctx.dir.rolesOver(ctx.caller.id, target.id), {
    roleTemplateIds: ctx.dir.effectiveRoleTemplateIds(target.id),
    inRoleAssignableGroup: ctx.dir.isMemberOfRoleAssignableGroup(target.id),
  });
  if (!allowed) throw forbidden();
}

export function deleteMethod(ctx: Ctx, target: DemoUser, collection: string, id: string): GraphResponse {
  if (!METHOD_COLLECTIONS[collection])
    throw badRequest(`Resource not found for the segment '${collection}'.`, 'BadRequest');
  requireManage(ctx, target);
  const m = findMethod(target, collection, id);
  if (m.kind === 'password') throw badRequest('The password authentication method cannot be deleted.', 'badRequest');
  // phoneauthenticationmethod-delete.md: rules/methods.ts.
  const refused = refusedDeletion(target.methods, m, target.defaultMfaMethod);
  if (refused) {
    const rule = METHOD_RULES[refused];
    throw new GraphError(rule.status, rule.code, rule.message);
  }
  target.methods = target.methods.filter((x) => x !== m);
  // A default that no longer has its method falls to the next one.
  if (!isBacked(target.defaultMfaMethod, target.methods))
    target.defaultMfaMethod = pickDefaultMfaMethod(target.methods);
  recordAdminAction(ctx, target, {
    service: 'Authentication Methods',
    activity: 'Admin deleted security info',
    operationType: 'Delete',
    details: [
      { key: 'MethodType', value: METHOD_COLLECTIONS[collection]?.type.replace('#microsoft.graph.', '') ?? collection },
    ],
  });
  return noContent();
}

const TAP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+=@#%&*!?';

function newPass(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += TAP_ALPHABET.charAt(randomInt(TAP_ALPHABET.length));
  return s;
}

export function createTap(ctx: Ctx, target: DemoUser): GraphResponse {
  requireManage(ctx, target);
  const policy = ctx.dir.policy.tap;
  if (policy.state !== 'enabled')
    throw badRequest(
      'Temporary Access Pass is disabled for the user by the authentication methods policy.',
      'badRequest',
    );
  const b = assertBodyObject(ctx.req.body);
  const lifetime = b.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
  if (typeof lifetime !== 'number' || !Number.isInteger(lifetime))
    throw badRequest('lifetimeInMinutes must be an integer.', 'badRequest');
  if (lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes) {
    throw badRequest(
      `The lifetime of the Temporary Access Pass must be between ${policy.minimumLifetimeInMinutes} and ${policy.maximumLifetimeInMinutes} minutes as configured in the policy.`,
      'badRequest',
    );
  }
  const once = b.isUsableOnce ?? policy.isUsableOnce;
  if (typeof once !== 'boolean') throw badRequest('isUsableOnce must be a boolean.', 'badRequest');
  // A tenant-wide one-time policy forbids multi-use passes.
  if (policy.isUsableOnce && !once)
    throw badRequest('The policy only allows one-time use Temporary Access Passes.', 'badRequest');
  const nowMs = ctx.dir.now().getTime();
  let startMs = nowMs;
  if (b.startDateTime !== undefined) {
    if (typeof b.startDateTime !== 'string' || Number.isNaN(Date.parse(b.startDateTime)))
      throw badRequest('startDateTime is not a valid date.', 'badRequest');
    startMs = Date.parse(b.startDateTime);
  }
  const iso = (ms: number): string => new Date(ms).toISOString();
  const m: Extract<DemoAuthMethod, { kind: 'temporaryAccessPass' }> = {
    kind: 'temporaryAccessPass',
    id: ctx.dir.newId(),
    temporaryAccessPass: newPass(policy.defaultLength),
    createdDateTime: iso(nowMs),
    startDateTime: iso(startMs),
    lifetimeInMinutes: lifetime,
    isUsableOnce: once,
    usedDateTime: null,
  };
  // One pass per user: a new one replaces any previous pass (valid or not).
  target.methods = [...target.methods.filter((x) => x.kind !== 'temporaryAccessPass'), m];
  recordAdminAction(ctx, target, {
    service: 'Authentication Methods',
    activity: 'Admin registered temporary access pass method for user',
    operationType: 'Add',
    details: [
      { key: 'LifetimeInMinutes', value: String(lifetime) },
      { key: 'IsUsableOnce', value: String(once) },
    ],
  });
  return json(201, {
    '@odata.context': `${ctx.base}/$metadata#users('${target.id}')/authentication/temporaryAccessPassMethods/$entity`,
    ...methodResource(m, nowMs, false),
    temporaryAccessPass: m.temporaryAccessPass,
  });
}

export class UnsupportedMethodOperation extends GraphError {
  constructor() {
    super(400, 'badRequest', 'The method is not supported for this URL.');
    this.name = 'UnsupportedMethodOperation';
  }
}
