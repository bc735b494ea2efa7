// Words for what Graph returns in the tenant policy: method ids, minutes, "never expires".

/** Graph's passwordValidityPeriodInDays for "passwords never expire". */
export const NEVER_EXPIRES_DAYS = 2147483647;

const METHOD_LABELS: Record<string, string> = {
  Fido2: 'Passkey (FIDO2)',
  MicrosoftAuthenticator: 'Microsoft Authenticator',
  Sms: 'SMS',
  Voice: 'Voice call',
  Email: 'Email one-time passcode',
  TemporaryAccessPass: 'Temporary Access Pass',
  SoftwareOath: 'Third-party software OATH tokens',
  HardwareOath: 'Hardware OATH tokens',
  X509Certificate: 'Certificate-based authentication',
  QRCodePin: 'QR code',
};

/** The admin centre's name for a method configuration id; an id Resetline does not know stays as is. */
export function methodLabel(id: string): string {
  return METHOD_LABELS[id] ?? id;
}

export function targetsLabel(targets: readonly string[]): string {
  if (targets.includes('all_users')) return 'All users';
  if (targets.length === 0) return 'No one';
  return `${targets.length === 1 ? 'Group' : 'Groups'} ${targets.join(', ')}`;
}

/** 60 → "1 hour", 480 → "8 hours", 90 → "90 minutes". */
export function minutesLabel(minutes: number): string {
  if (minutes % 60 === 0 && minutes >= 60) {
    const hours = minutes / 60;
    return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function daysLabel(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
