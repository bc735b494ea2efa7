// Builds a user's registered authentication methods from a bit mask, so the seed can cover every
// combination (including none) deterministically.
import { EMAIL_METHOD_ID, PASSWORD_METHOD_ID, PHONE_METHOD_IDS, type DemoAuthMethod } from '../model-types';
import { DEVICE_NAMES, FIDO_MODELS } from './names';
import type { Rng } from './random';

/** Bit order of the mask; 2^9 = 512 combinations. */
export const METHOD_BITS = [
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'email',
  'microsoftAuthenticator',
  'fido2',
  'windowsHelloForBusiness',
  'softwareOath',
  'platformCredential',
] as const;
export type MethodBit = (typeof METHOD_BITS)[number];
export const ALL_METHOD_COMBINATIONS = 1 << METHOD_BITS.length;

export function maskOf(bits: readonly MethodBit[]): number {
  return bits.reduce((m, b) => m | (1 << METHOD_BITS.indexOf(b)), 0);
}

/** A realistic random mix: most users have a phone and/or Authenticator, some have nothing. */
export function randomMask(rng: Rng): number {
  if (rng.chance(0.1)) return 0;
  let bits: MethodBit[] = [];
  if (rng.chance(0.6)) bits.push('mobilePhone');
  if (rng.chance(0.05)) bits.push('alternateMobilePhone');
  if (rng.chance(0.1)) bits.push('officePhone');
  if (rng.chance(0.45)) bits.push('email');
  if (rng.chance(0.55)) bits.push('microsoftAuthenticator');
  if (rng.chance(0.08)) bits.push('fido2');
  if (rng.chance(0.15)) bits.push('windowsHelloForBusiness');
  if (rng.chance(0.08)) bits.push('softwareOath');
  if (rng.chance(0.03)) bits.push('platformCredential');
  if (bits.length === 0) bits = ['mobilePhone'];
  return maskOf(bits);
}

const AREA_CODES = [
  '425',
  '206',
  '312',
  '415',
  '617',
  '212',
  '303',
  '512',
  '702',
  '919',
  '404',
  '503',
  '602',
  '713',
  '801',
  '858',
  '720',
  '971',
  '614',
  '470',
];
/** The 555 exchange line a number kind uses: mobile, office (business) and alternate mobile never collide. */
export type PhoneLine = 'mobile' | 'office' | 'alternate';
const EXCHANGE: Record<PhoneLine, string> = { mobile: '555', office: '556', alternate: '557' };

/**
 * Graph's documented format "+1 5555551234". Unique per user and line (200,000 users per line), so a
 * test can find a user's SMS in the outbox by number alone.
 */
export function phoneNumber(userIndex: number, line: PhoneLine): string {
  const area = AREA_CODES[Math.floor(userIndex / 10_000) % AREA_CODES.length] ?? '425';
  return `+1 ${area}${EXCHANGE[line]}${String(userIndex % 10_000).padStart(4, '0')}`;
}

export interface MethodContext {
  rng: Rng;
  userIndex: number;
  createdIso: string;
  mobile: string;
  personalEmail: string;
  givenName: string;
}

export function buildMethods(mask: number, c: MethodContext, withPassword: boolean): DemoAuthMethod[] {
  const out: DemoAuthMethod[] = [];
  if (withPassword) out.push({ kind: 'password', id: PASSWORD_METHOD_ID, createdDateTime: c.createdIso });
  const has = (b: MethodBit): boolean => (mask & (1 << METHOD_BITS.indexOf(b))) !== 0;
  if (has('mobilePhone'))
    out.push({
      kind: 'phone',
      id: PHONE_METHOD_IDS.mobile,
      phoneType: 'mobile',
      phoneNumber: c.mobile,
      smsSignInState: 'notEnabled',
    });
  if (has('alternateMobilePhone'))
    out.push({
      kind: 'phone',
      id: PHONE_METHOD_IDS.alternateMobile,
      phoneType: 'alternateMobile',
      phoneNumber: phoneNumber(c.userIndex, 'alternate'),
      smsSignInState: 'notSupported',
    });
  if (has('officePhone'))
    out.push({
      kind: 'phone',
      id: PHONE_METHOD_IDS.office,
      phoneType: 'office',
      phoneNumber: phoneNumber(c.userIndex, 'office'),
      smsSignInState: 'notSupported',
    });
  if (has('email')) out.push({ kind: 'email', id: EMAIL_METHOD_ID, emailAddress: c.personalEmail });
  if (has('microsoftAuthenticator'))
    out.push({
      kind: 'microsoftAuthenticator',
      id: c.rng.guid(),
      displayName: c.rng.pick(DEVICE_NAMES),
      deviceTag: 'SoftwareTokenActivated',
      phoneAppVersion: `6.2401.${c.rng.int(1000, 9999)}`,
      createdDateTime: c.createdIso,
    });
  if (has('fido2')) {
    const key = c.rng.pick(FIDO_MODELS);
    out.push({
      kind: 'fido2',
      id: c.rng.hex(22),
      displayName: `${c.givenName}'s key`,
      aaGuid: key.aaGuid,
      model: key.model,
      attestationCertificates: [c.rng.hex(40)],
      attestationLevel: 'attested',
      createdDateTime: c.createdIso,
    });
  }
  if (has('windowsHelloForBusiness'))
    out.push({
      kind: 'windowsHelloForBusiness',
      id: c.rng.guid(),
      displayName: `${c.givenName}'s laptop`,
      keyStrength: 'normal',
      createdDateTime: c.createdIso,
    });
  if (has('softwareOath')) out.push({ kind: 'softwareOath', id: c.rng.guid(), createdDateTime: c.createdIso });
  if (has('platformCredential'))
    out.push({
      kind: 'platformCredential',
      id: c.rng.guid(),
      displayName: `${c.givenName}'s MacBook`,
      keyStrength: 'normal',
      platform: 'macOS',
      createdDateTime: c.createdIso,
    });
  return out;
}
