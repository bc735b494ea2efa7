// The sign-in decisions Entra makes before it issues anything: does the account exist, is the
// password (or a Temporary Access Pass) right, is the account enabled, must the password change.
import type { DemoDirectory, DemoUser } from '../model';
import { assertNever } from '../never';
import type { TokenSubject } from '../tokens';

export type CredentialOutcome =
  | { kind: 'ok'; user: DemoUser; via: 'password' | 'temporaryAccessPass' }
  | { kind: 'must-change'; user: DemoUser }
  | { kind: 'unknown-user' }
  | { kind: 'bad-password'; user: DemoUser }
  | { kind: 'disabled'; user: DemoUser };

const DAY = 86_400_000;

/** Admin reset (forceChangePasswordNextSignIn) or a cloud password past the domain's validity period. */
export function mustChangePassword(dir: DemoDirectory, user: DemoUser): boolean {
  if (user.forceChangePasswordNextSignIn || user.forceChangePasswordNextSignInWithMfa) return true;
  // Synced users' expiry is on-premises AD's business; the cloud does not enforce it.
  if (user.onPremisesSyncEnabled) return false;
  if ((user.passwordPolicies ?? '').includes('DisablePasswordExpiration')) return false;
  const suffix = user.userPrincipalName.slice(user.userPrincipalName.lastIndexOf('@') + 1).toLowerCase();
  const domain = dir.tenant.domains.find((d) => d.id.toLowerCase() === suffix);
  const validityDays = domain?.passwordValidityPeriodInDays ?? 90;
  // Entra treats 2147483647 as "never expires".
  if (validityDays >= 2147483647) return false;
  return dir.now().getTime() - Date.parse(user.lastPasswordChangeDateTime) > validityDays * DAY;
}

/**
 * `allowTap`: the interactive pages accept a Temporary Access Pass in place of the password (it is
 * redeemed here); ROPC does not. A TAP sign-in skips the forced password change, as Entra does,
 * because no password was presented.
 */
export function checkCredentials(
  dir: DemoDirectory,
  username: string,
  secret: string,
  opts: { allowTap: boolean },
): CredentialOutcome {
  const user = dir.findUserByUpn(username.trim());
  if (!user) return { kind: 'unknown-user' };
  let via: 'password' | 'temporaryAccessPass' | undefined;
  if (dir.checkPassword(user.id, secret)) via = 'password';
  else if (opts.allowTap && dir.usableTemporaryAccessPass(user.id)?.temporaryAccessPass === secret)
    via = 'temporaryAccessPass';
  if (!via) return { kind: 'bad-password', user };
  if (!user.accountEnabled) return { kind: 'disabled', user };
  // Redeem only once every other check passed, so a refused sign-in does not burn a one-time pass.
  if (via === 'temporaryAccessPass') {
    dir.redeemTemporaryAccessPass(user.id, secret);
    return { kind: 'ok', user, via };
  }
  if (mustChangePassword(dir, user)) return { kind: 'must-change', user };
  return { kind: 'ok', user, via };
}

export type PasswordChangeProblem = 'wrong-current' | 'mismatch' | 'same-as-current' | 'complexity' | 'banned';

export function changePasswordAtSignIn(
  dir: DemoDirectory,
  user: DemoUser,
  current: string,
  next: string,
  confirm: string,
): PasswordChangeProblem | undefined {
  if (!dir.checkPassword(user.id, current)) return 'wrong-current';
  if (next !== confirm) return 'mismatch';
  if (next === current) return 'same-as-current';
  const problem = dir.checkNewPassword(next);
  if (problem) return problem;
  dir.setPassword(user.id, next, { forceChange: false });
  dir.addAudit({
    category: 'UserManagement',
    correlationId: dir.newId(),
    result: 'success',
    resultReason: '',
    activityDisplayName: 'Change password (self-service)',
    loggedByService: 'Self-service Password Management',
    operationType: 'Update',
    initiatedBy: {
      user: {
        id: user.id,
        displayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        ipAddress: '127.0.0.1',
      },
      app: null,
    },
    targetResources: [
      {
        id: user.id,
        displayName: user.displayName,
        type: 'User',
        userPrincipalName: user.userPrincipalName,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  });
  return undefined;
}

export function subjectOf(dir: DemoDirectory, user: DemoUser): TokenSubject {
  return {
    userId: user.id,
    upn: user.userPrincipalName,
    displayName: user.displayName,
    roleTemplateIds: dir.effectiveRoleTemplateIds(user.id),
    sessionsValidFrom: user.signInSessionsValidFromDateTime,
  };
}

export function describeChangeProblem(p: PasswordChangeProblem): string {
  switch (p) {
    case 'wrong-current':
      return 'Your current password is incorrect.';
    case 'mismatch':
      return "The passwords don't match.";
    case 'same-as-current':
      return "You can't reuse your current password.";
    case 'complexity':
      return 'Passwords must have at least 8 characters and contain at least three of the following: upper case letters, lower case letters, numbers, and symbols.';
    case 'banned':
      return "Choose a password that's harder for people to guess.";
    default:
      return assertNever(p, 'problem');
  }
}
