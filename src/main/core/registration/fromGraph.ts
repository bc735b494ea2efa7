// Graph's registration report rows and user objects, reduced to what the snapshot stores.
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { RegistrationRow } from '../../../shared/registration';
import type { DirectoryUserRow } from './store';

export function fromReport(r: MicrosoftGraph.UserRegistrationDetails): RegistrationRow {
  return {
    userId: r.id ?? '',
    userPrincipalName: r.userPrincipalName ?? '',
    displayName: r.userDisplayName ?? r.userPrincipalName ?? '',
    department: null,
    userType: r.userType === 'guest' ? 'guest' : 'member',
    isAdmin: r.isAdmin === true,
    isSsprRegistered: r.isSsprRegistered === true,
    isSsprEnabled: r.isSsprEnabled === true,
    isSsprCapable: r.isSsprCapable === true,
    isMfaRegistered: r.isMfaRegistered === true,
    isMfaCapable: r.isMfaCapable === true,
    isPasswordlessCapable: r.isPasswordlessCapable === true,
    methodsRegistered: r.methodsRegistered ?? [],
    preferredMethod: r.userPreferredMethodForSecondaryAuthentication ?? null,
  };
}

export function fromUser(u: MicrosoftGraph.User): DirectoryUserRow {
  const changed = u.lastPasswordChangeDateTime ? Date.parse(u.lastPasswordChangeDateTime) : NaN;
  return {
    userId: u.id ?? '',
    userPrincipalName: u.userPrincipalName ?? '',
    displayName: u.displayName ?? u.userPrincipalName ?? '',
    department: u.department ?? null,
    userType: u.userType === 'Guest' ? 'guest' : 'member',
    accountEnabled: u.accountEnabled ?? null,
    passwordChangedAt: Number.isNaN(changed) ? null : changed,
    neverExpires: /DisablePasswordExpiration/i.test(u.passwordPolicies ?? ''),
    onPremises: u.onPremisesSyncEnabled === true,
  };
}
