// Account-state writes: PATCH /users/{id} (passwordProfile, accountEnabled),
// POST /users/{id}/revokeSignInSessions, and sendMail into the outbox.
import type { GraphResponse } from '../contracts';
import type { DemoUser } from '../model';
import { mayActOn } from './authorize';
import { SEND_FROM_OTHER_MAILBOX } from '../rules/api-roles';
import { grantsAny } from '../rules/scope-grant';
import { assertBodyObject, json, noContent, type Ctx } from './context';
import { badRequest, forbidden, GraphError } from './errors';
import { recordAdminAction } from './audit';
import { assertAcceptablePassword } from './reset';

/** The caller's roles over this target: tenant-wide plus any scoped to an administrative unit it is in. */
function rolesOver(ctx: Ctx, target: DemoUser): string[] {
  return ctx.dir.rolesOver(ctx.caller.id, target.id);
}

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
    if (ctx.isSelf(target)) throw forbidden('Use changePassword to change the signed-in user\u2019s own password.');
    // At least User Administrator for non-admins (resources/user.md, passwordProfile): rules/api-roles.ts.
    if (!mayActOn('passwordProfile', rolesOver(ctx, target), targetOf(ctx, target))) throw forbidden();
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
    if (!mayActOn('enableDisable', rolesOver(ctx, target), targetOf(ctx, target))) throw forbidden();
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
      // PATCH passwordProfile writes the cloud password only; resetPassword is the call that writes back
      // (api-reference/v1.0/api/authenticationmethod-resetpassword.md).
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
  if (!ctx.isSelf(target) && !mayActOn('revokeSessions', rolesOver(ctx, target), targetOf(ctx, target)))
    throw forbidden();
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

const ACCESS_DENIED = 'Access is denied. Check credentials and try again.';
/** The documented answer when Send As / Send on Behalf is missing (concepts/outlook-send-mail-from-other-user.md). */
const SEND_AS_DENIED =
  'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. Cannot submit message.';

/**
 * The mailbox a message is sent from: the path's user, or the message's `from` when it names another
 * mailbox. Another mailbox needs Mail.Send.Shared and Send As / Send on Behalf, and through its own
 * path also Full Access (rules/api-roles.ts, SEND_FROM_OTHER_MAILBOX).
 */
function sendingMailbox(ctx: Ctx, pathUser: DemoUser, from: unknown): DemoUser {
  const fromAddress =
    typeof from === 'object' && from !== null
      ? (from as { emailAddress?: { address?: unknown } }).emailAddress?.address
      : undefined;
  let mailbox = pathUser;
  if (ctx.isSelf(pathUser) && typeof fromAddress === 'string') {
    const named =
      ctx.dir.findUserByUpn(fromAddress) ??
      ctx.dir.users.find((u) => u.mail?.toLowerCase() === fromAddress.toLowerCase());
    if (!named) throw new GraphError(403, 'ErrorSendAsDenied', SEND_AS_DENIED);
    mailbox = named;
  }
  if (ctx.isSelf(mailbox)) return mailbox;
  if (!grantsAny(ctx.req.caller.scopes, SEND_FROM_OTHER_MAILBOX.scopes))
    throw new GraphError(403, 'ErrorAccessDenied', ACCESS_DENIED);
  const rights = ctx.dir.mailboxRights(mailbox.id, ctx.caller.id);
  if (!rights.sendAs) throw new GraphError(403, 'ErrorSendAsDenied', SEND_AS_DENIED);
  if (!ctx.isSelf(pathUser) && !rights.fullAccess) throw new GraphError(403, 'ErrorAccessDenied', ACCESS_DENIED);
  return mailbox;
}

export function sendMail(ctx: Ctx, pathUser: DemoUser): GraphResponse {
  const b = assertBodyObject(ctx.req.body);
  const message = b.message;
  if (typeof message !== 'object' || message === null)
    throw badRequest('The message is missing.', 'ErrorInvalidRequest');
  const m = message as { subject?: unknown; body?: { content?: unknown }; toRecipients?: unknown; from?: unknown };
  const sender = sendingMailbox(ctx, pathUser, m.from);
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
