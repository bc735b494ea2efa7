// Words for the Registration screen: Graph's method names as people say them, the presets, the
// password-age states, and the figures' formats.
import type { PasswordAgeState, RegistrationPreset } from '../../../../shared/registration';
import { REGISTRATION_READER_NAMES } from '../../../../shared/roles';

const METHOD_LABELS: Record<string, string> = {
  password: 'Password',
  mobilePhone: 'Mobile phone',
  alternateMobilePhone: 'Alternate mobile phone',
  officePhone: 'Office phone',
  email: 'Email',
  microsoftAuthenticatorPush: 'Authenticator push',
  microsoftAuthenticatorPasswordless: 'Authenticator passwordless',
  softwareOneTimePasscode: 'Software OTP',
  hardwareOneTimePasscode: 'Hardware OTP',
  fido2: 'FIDO2 security key',
  passKeyDeviceBound: 'Passkey',
  windowsHelloForBusiness: 'Windows Hello',
  macOsSecureEnclaveKey: 'macOS Secure Enclave',
  temporaryAccessPass: 'Temporary Access Pass',
  securityQuestion: 'Security questions',
  appPassword: 'App password',
};

/** A method's name for people; an unknown Graph value is shown as Graph spells it. */
export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method;
}

export const PRESET_LABELS: Record<RegistrationPreset, string> = {
  all: 'All users',
  'not-sspr-capable': 'Not SSPR-capable',
  'not-mfa-capable': 'Not MFA-capable',
  'no-methods': 'No methods',
  'admin-not-phishing-resistant': 'Admins without phishing-resistant method',
};

export const PASSWORD_AGE_LABELS: Record<PasswordAgeState, string> = {
  expired: 'Expired',
  expiring: 'Expiring',
  ok: 'OK',
  'never-expires': 'Never expires',
  'on-premises': 'On-premises',
};

export const SOURCE_LABELS = { report: 'registration report', 'batch-fallback': '$batch fallback' } as const;

/** Roles that can read the authentication-methods report (main refuses the screen to others). */
export const REPORT_READER_ROLES = REGISTRATION_READER_NAMES;

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 1000) / 10}%`;
}

/** "1 h 5 min", "3 min 20 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}
