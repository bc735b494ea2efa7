// Where a verification code can go, read unmasked for main only: the caller's registered phone and
// email methods when the agent's role may read them (includes/rbac-for-apis/rbac-authentication-methods-apis-read-others.md), else the profile's
// mobilePhone / otherMails (User.Read.All); and the manager's mail. One $batch round trip.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AuthMethodSummary } from '../../../shared/users';
import type { GraphCloud } from '../../../shared/settings';
import { callAvailable } from './availability';
import { graphCall } from './catalogue';
import { sendBatch, type BatchAnswer, type BatchItem } from './batch';
import { mapGraphError } from './errors';
import { toMethodSummary } from './callerCard';

interface PhoneContact {
  /** E.164 without spaces, as SMS providers want it. */
  number: string;
  phoneType: 'mobile' | 'alternateMobile';
}

export interface ContactPoints {
  /** Registered phone methods that take SMS (office phones take voice only); null = not readable. */
  phoneMethods: PhoneContact[] | null;
  /** Registered authentication email addresses; null = not readable. */
  emailMethods: string[] | null;
  profileMobile: string | null;
  /** The profile's other (personal) addresses, never the mailbox itself. */
  otherMails: string[];
  manager: { displayName: string; mail: string | null } | null;
}

/** "+1 4255550123x12" → "+14255550123"; null when masked or not a number SMS can reach. */
export function toE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const number = raw.replace(/x\d+$/i, '').replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(number) ? number : null;
}

const sameAddress = (a: string, b: string | null | undefined) =>
  !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

function ok(answer: BatchAnswer | undefined): boolean {
  return answer?.status === 200;
}

/**
 * One $batch (concepts/json-batching.md). catalogue: verify.contacts, verify.manager, verify.phoneMethods,
 * verify.emailMethods — api-reference/v1.0/api/user-get.md, user-list-manager.md,
 * authentication-list-phonemethods.md, authentication-list-emailmethods.md.
 */
export async function getContactPoints(
  client: Client,
  userId: string,
  options: {
    readMethods: boolean;
    cloud?: GraphCloud;
    /** The caller's methods list, already read with the card: phones and emails come from it. */
    methods?: readonly Record<string, unknown>[] | null;
  },
): Promise<ContactPoints> {
  const cloud = options.cloud ?? 'global';
  const known = options.readMethods && options.methods ? options.methods : null;
  const user = `/users/${encodeURIComponent(userId)}`;
  const items: BatchItem[] = [
    { id: 'profile', method: 'GET', url: `${user}?$select=id,mail,userPrincipalName,mobilePhone,otherMails` },
    { id: 'manager', method: 'GET', url: `${user}/manager?$select=id,displayName,mail` },
  ];
  // Helpdesk, Password and User Administrators get 403 here; not asking spares a failed request.
  if (options.readMethods && !known) {
    if (callAvailable(cloud, graphCall('verify.phoneMethods')))
      items.push({ id: 'phones', method: 'GET', url: `${user}/authentication/phoneMethods` });
    // China's Graph has phone methods but no email methods (its v1.0 schema).
    if (callAvailable(cloud, graphCall('verify.emailMethods')))
      items.push({ id: 'emails', method: 'GET', url: `${user}/authentication/emailMethods` });
  }
  let answers: Map<string, BatchAnswer>;
  try {
    answers = await sendBatch(client, items);
  } catch (error) {
    throw mapGraphError(error);
  }
  const profileAnswer = answers.get('profile');
  if (!ok(profileAnswer)) {
    throw mapGraphError({
      statusCode: profileAnswer?.status ?? 0,
      body: profileAnswer?.body,
      message: JSON.stringify(profileAnswer?.body ?? {}),
    });
  }
  const profile = profileAnswer!.body as {
    mail?: string | null;
    userPrincipalName?: string;
    mobilePhone?: string | null;
    otherMails?: string[];
  };
  // The locked mailbox is no proof of anything: a code sent there reaches whoever holds the account.
  const locked = (address: string) =>
    sameAddress(address, profile.mail) || sameAddress(address, profile.userPrincipalName);

  const phones = answers.get('phones');
  const phoneList = known
    ? known.filter((m) => m['@odata.type'] === '#microsoft.graph.phoneAuthenticationMethod')
    : ok(phones)
      ? ((phones!.body as { value?: Record<string, unknown>[] }).value ?? [])
      : null;
  const phoneMethods = phoneList
    ? (phoneList as { phoneNumber?: string; phoneType?: string }[]).flatMap((m) => {
        const number = toE164(m.phoneNumber);
        // Authentication Administrators see masked numbers: those cannot be dialled, so they are skipped.
        if (!number || (m.phoneType !== 'mobile' && m.phoneType !== 'alternateMobile')) return [];
        return [{ number, phoneType: m.phoneType } satisfies PhoneContact];
      })
    : null;
  const emails = answers.get('emails');
  const emailList = known
    ? known.filter((m) => m['@odata.type'] === '#microsoft.graph.emailAuthenticationMethod')
    : ok(emails)
      ? ((emails!.body as { value?: Record<string, unknown>[] }).value ?? [])
      : null;
  const emailMethods = emailList
    ? (emailList as { emailAddress?: string }[])
        .map((m) => m.emailAddress ?? '')
        .filter((a) => a.includes('@') && !locked(a))
    : null;
  const managerAnswer = answers.get('manager');
  const m = ok(managerAnswer) ? (managerAnswer!.body as { displayName?: string; mail?: string | null }) : null;
  return {
    phoneMethods,
    emailMethods,
    profileMobile: toE164(profile.mobilePhone),
    otherMails: (profile.otherMails ?? []).filter((a) => a.includes('@') && !locked(a)),
    manager: m ? { displayName: m.displayName ?? '', mail: m.mail ?? null } : null,
  };
}

/**
 * The caller's registered methods, as the card shows them (for deleting all but the password).
 * catalogue: mfa.methods — api-reference/v1.0/api/authentication-list-methods.md
 */
export async function listMethods(client: Client, userId: string): Promise<AuthMethodSummary[]> {
  try {
    const page = (await client.api(`/users/${encodeURIComponent(userId)}/authentication/methods`).get()) as {
      value?: Record<string, unknown>[];
    };
    return (page.value ?? []).map(toMethodSummary);
  } catch (error) {
    throw mapGraphError(error);
  }
}
