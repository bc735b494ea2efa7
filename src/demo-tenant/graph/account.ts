// Account-state writes: PATCH /users/{id} (passwordProfile, accountEnabled),
// POST /users/{id}/revokeSignInSessions, and sendMail into the outbox.
import type { GraphResponse } from '../contracts';
import type { DemoUser } from '../model';
import { mayActOn } from './authorize';
import { assertBodyObject, json, noContent, type Ctx } from './context';
import { badRequest, forbidden, GraphError } from './errors';
import { recordAdminAction } from './audit';
import { assertAcceptablePassword } from './reset';

function targetOf(ctx: Ctx, target: DemoUser): { roleTemplateIds: string[]; inRoleAssignableGroup: boolean } {
  return {
    roleTemplateIds: ctx.dir.effectiveRoleTemplateIds(target.id),
    inRoleAssignableGroup: ctx.dir.isMemberOfRoleAssignableGroup(target.id),
  };
}

const PATCHABLE = new Set(['passwordProfile', 'accountEnabled']);

export function patchUser(ctx: Ctx, target: DemoUser): GraphResponse {
  const b = assertBodyObject(ctx.req.body);
  const keys = Object.keys(b);
  if (keys.length === 0) throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  for (const k of keys) {
    if (!PATCHABLE.has(k))
      throw badRequest(
        `Property '${k}' cannot be updated through the demo tenant (only passwordProfile and accountEnabled).`,
        'Request_BadRequest',
      );
  }
  // Check every permission before changing anything, so a 403 leaves the user untouched.
  let profile: { password: string | undefined; force: boolean; withMfa: boolean } | undefined;
  if (b.passwordProfile !== undefined) {
    ctx.requireScope('passwordProfile');
    if (ctx.isSelf(target)) throw forbidden('Use changePassword to change the signed-in user\u2019s own password.');
    if (!mayActOn('resetPassword', ctx.roles, targetOf(ctx, target))) throw forbidden();
    const p = b.passwordProfile;
    if (typeof p !== 'object' || p === null)
      throw badRequest("Invalid value for property 'passwordProfile'.", 'BadRequest');
    const pp = p as Record<string, unknown>;
    const force = pp.forceChangePasswordNextSignIn ?? false;
    const withMfa = pp.forceChangePasswordNextSignInWithMfa ?? false;
    if (typeof force !== 'boolean' || typeof withMfa !== 'boolean')
      throw badRequest('passwordProfile flags must be booleans.', 'BadRequest');
    if (pp.password === undefined || pp.password === null) {
      // Only "require a change at next sign-in": AD owns that flag for synced users.
      if (pp.forceChangePasswordNextSignIn === undefined && pp.forceChangePasswordNextSignInWithMfa === undefined)
        throw badRequest(
          'passwordProfile needs a password or a forceChangePasswordNextSignIn flag.',
          'Request_BadRequest',
        );
      if (target.onPremisesSyncEnabled === true)
        throw badRequest(
          'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
          'Request_BadRequest',
        );
      profile = { password: undefined, force, withMfa };
    } else {
      if (typeof pp.password !== 'string' || pp.password === '')
        throw badRequest("Invalid value for property 'passwordProfile.password'.", 'Request_BadRequest');
      assertAcceptablePassword(pp.password, target);
      profile = { password: pp.password, force, withMfa };
    }
  }
  let enabled: boolean | undefined;
  if (b.accountEnabled !== undefined) {
    if (typeof b.accountEnabled !== 'boolean')
      throw badRequest("Invalid value for property 'accountEnabled'.", 'BadRequest');
    ctx.requireScope('enableDisable');
    if (!mayActOn('enableDisable', ctx.roles, targetOf(ctx, target))) throw forbidden();
    enabled = b.accountEnabled;
  }
  if (profile && profile.password === undefined) {
    target.forceChangePasswordNextSignIn = profile.force;
    target.forceChangePasswordNextSignInWithMfa = profile.withMfa;
    recordAdminAction(ctx, target, {
      service: 'Core Directory',
      activity: 'Update user',
      operationType: 'Update',
      modifiedProperties: [
        { displayName: 'ForceChangePasswordNextSignIn', oldValue: null, newValue: `[${String(profile.force)}]` },
      ],
    });
  } else if (profile?.password !== undefined) {
    ctx.dir.setPassword(target.id, profile.password, {
      forceChange: profile.force,
      forceChangeWithMfa: profile.withMfa,
    });
    recordAdminAction(ctx, target, {
      service: 'Self-service Password Management',
      activity: 'Reset password (by admin)',
      operationType: 'Update',
      // PATCH passwordProfile writes the cloud password only; it is never written back (GRAPH-NOTES A3).
      details: [
        { key: 'OnPremisesAgent', value: 'None' },
        { key: 'Method', value: 'passwordProfile' },
      ],
    });
  }
  if (enabled !== undefined) {
    const old = target.accountEnabled;
    target.accountEnabled = enabled;
    recordAdminAction(ctx, target, {
      service: 'Core Directory',
      activity: enabled ? 'Enable account' : 'Disable account',
      operationType: 'Update',
      modifiedProperties: [
        { displayName: 'AccountEnabled', oldValue: `[${String(old)}]`, newValue: `[${String(enabled)}]` },
      ],
    });
  }
  return noContent();
}

export function revokeSessions(ctx: Ctx, target: DemoUser): GraphResponse {
  ctx.requireScope('revokeSessions');
  if (!ctx.isSelf(target) && !mayActOn('revokeSessions', ctx.roles, targetOf(ctx, target))) throw forbidden();
  ctx.dir.revokeSessions(target.id);
  recordAdminAction(ctx, target, {
    service: 'Core Directory',
    activity: 'Invalidate all refresh tokens for user',
    operationType: 'Update',
  });
  return json(200, { '@odata.context': `${ctx.base}/$metadata#Edm.Boolean`, value: true });
}

interface Recipient {
  emailAddress?: { address?: unknown; name?: unknown };
}

export function sendMail(ctx: Ctx, sender: DemoUser): GraphResponse {
  ctx.requireScope('sendMail');
  // Delegated Mail.Send sends as the signed-in user; other mailboxes need Exchange permissions the demo does not model.
  if (!ctx.isSelf(sender))
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  const b = assertBodyObject(ctx.req.body);
  const message = b.message;
  if (typeof message !== 'object' || message === null)
    throw badRequest('The message is missing.', 'ErrorInvalidRequest');
  const m = message as { subject?: unknown; body?: { content?: unknown }; toRecipients?: unknown };
  const to = Array.isArray(m.toRecipients) ? (m.toRecipients as Recipient[]) : [];
  const addresses = to
    .map((r) => r.emailAddress?.address)
    .filter((a): a is string => typeof a === 'string' && /^[^@\s]+@[^@\s]+$/.test(a));
  if (addresses.length === 0 || addresses.length !== to.length) {
    throw badRequest(
      "At least one recipient isn't valid., A message can't be sent because it contains no recipients.",
      'ErrorInvalidRecipients',
    );
  }
  if (!sender.mail)
    throw new GraphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  const subject = typeof m.subject === 'string' ? m.subject : '';
  const content = typeof m.body?.content === 'string' ? m.body.content : '';
  for (const address of addresses)
    ctx.dir.addOutbox({ kind: 'mail', to: address, from: sender.mail, subject, body: content });
  return { status: 202 };
}
