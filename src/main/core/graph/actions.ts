// The writes a helpdesk call ends in. None is repeated blindly: a write that loses its answer is
// reported as outcome_unknown, and a password reset Microsoft accepted is confirmed (by its operation
// or the user's lastPasswordChangeDateTime), never by posting again.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { ResetlineError } from '../../../shared/result';
import { mapGraphError } from './errors';
import { sleep } from '../net/sleep';

/**
 * The password method's id (resources/passwordauthenticationmethod.md: "generally"
 * 28c10230-…; a wrong id gives "The method is not supported for this URL.").
 */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapGraphError(error, true);
  }
}

/**
 * How a reset Microsoft accepted (202) is confirmed: by its long-running operation where the agent's
 * role may read it (longrunningoperation-get.md: Global Reader, Authentication Administrator,
 * Privileged Authentication Administrator), otherwise by the user's `lastPasswordChangeDateTime`
 * moving past the value read just before the reset (resources/user.md).
 */
export interface ResetConfirmation {
  userId: string;
  /** The operation's URL from the Location header; null when Graph gave none. */
  operationUrl: string | null;
  canReadOperation: boolean;
  /** lastPasswordChangeDateTime read just before the reset (null if the user never had one). */
  lastChangeBefore: string | null;
}

export type ResetOutcome =
  | { status: 'succeeded'; via: 'resetPassword'; confirmedBy: 'operation' | 'lastPasswordChange' }
  | { status: 'failed'; via: 'resetPassword'; detail: string | null; code: ResetFailureCode }
  /**
   * Accepted by Microsoft, not yet confirmed: the agent is told so; the reset is never posted again.
   * `operation`: the operation's own status when it could be read, else null.
   */
  | { status: 'pending'; via: 'resetPassword'; confirm: ResetConfirmation; operation: 'notStarted' | 'running' | null };

type ResetFailureCode = 'writeback_unavailable' | 'password_policy' | 'graph_error';

/** Why a resetPassword operation failed, from its statusDetail (Graph gives text, not a code). */
function classifyResetFailure(detail: string | null): ResetFailureCode {
  const text = detail ?? '';
  if (/writeback|on-?premises/i.test(text)) return 'writeback_unavailable';
  if (/password|complex|banned|policy|history/i.test(text)) return 'password_policy';
  return 'graph_error';
}

interface StartResetOptions {
  newPassword: string;
  /** Whether the agent's roles may read the reset's operation (else lastPasswordChangeDateTime is watched). */
  canReadOperation: boolean;
}

interface ResetPasswordOptions extends StartResetOptions {
  /** How long to wait for a confirmation before answering "pending". */
  maxWaitMs?: number;
}

/** A reset Microsoft accepted (202): how to confirm it, and how long Graph asked to wait before looking. */
export interface AcceptedReset {
  confirm: ResetConfirmation;
  /** The 202's Retry-After, in ms (bounded: RESET_PACING). */
  retryAfterMs: number;
}

/**
 * How an accepted reset is followed: first after the 202's Retry-After (authenticationmethod-resetpassword.md:
 * "Location" and "Retry-After" headers; bounded to 0.2–30 s), then 1.5 times longer each look, at most 5 s
 * apart (longrunningoperation-get.md: poll until a terminal status, succeeded or failed).
 */
export const RESET_PACING = { minFirstMs: 200, maxFirstMs: 30_000, growth: 1.5, maxEveryMs: 5_000 } as const;

/** The wait after `previousMs` (the first one is the Retry-After). */
export const nextResetLookMs = (previousMs: number): number =>
  Math.min(previousMs * RESET_PACING.growth, RESET_PACING.maxEveryMs);

/**
 * catalogue: reset.lastPasswordChange — `GET /users/{id}?$select=lastPasswordChangeDateTime`
 * (api-reference/v1.0/api/user-get.md).
 */
async function lastPasswordChange(client: Client, userId: string): Promise<string | null> {
  try {
    const u = (await client.api(`${userPath(userId)}?$select=id,lastPasswordChangeDateTime`).get()) as {
      lastPasswordChangeDateTime?: string | null;
    };
    return u.lastPasswordChangeDateTime ?? null;
  } catch (error) {
    throw mapGraphError(error);
  }
}

/**
 * Every reset — cloud or synced — goes through resetPassword (catalogue: reset.password,
 * api-reference/v1.0/api/authenticationmethod-resetpassword.md): it is documented for the Helpdesk and
 * Password Administrators too and writes back to on-premises AD where writeback is configured.
 * PATCH passwordProfile needs at least User Administrator for non-admins (resources/user.md) and is not used.
 * Posts the reset once and answers what Microsoft accepted; `followReset` (or a password-writeback job) follows it.
 */
export async function startReset(client: Client, userId: string, options: StartResetOptions): Promise<AcceptedReset> {
  // Read even when the operation can be followed: it is the fallback if Graph gives no Location.
  const lastChangeBefore = await lastPasswordChange(client, userId);
  const response = (await write(() =>
    client
      .api(`${userPath(userId)}/authentication/methods/${PASSWORD_METHOD_ID}/resetPassword`)
      .responseType(ResponseType.RAW)
      .post({ newPassword: options.newPassword }),
  )) as Response;
  if (response.status !== 202) {
    const body = await response.json().catch(() => ({}));
    throw mapGraphError(
      {
        statusCode: response.status,
        body,
        requestId: response.headers.get('request-id'),
        message: JSON.stringify(body),
      },
      true,
    );
  }
  const retryAfter = Number(response.headers.get('retry-after') ?? '1');
  const seconds = Number.isFinite(retryAfter) ? retryAfter : 1;
  return {
    confirm: {
      userId,
      operationUrl: response.headers.get('location'),
      canReadOperation: options.canReadOperation,
      lastChangeBefore,
    },
    retryAfterMs: Math.min(Math.max(seconds * 1000, RESET_PACING.minFirstMs), RESET_PACING.maxFirstMs),
  };
}

export interface FollowResetOptions {
  /** Answers the last pending outcome once this long has passed (none: until settled or aborted). */
  maxWaitMs?: number;
  /** Stops following: the last pending outcome is answered (nothing more is sent). */
  signal?: AbortSignal;
  /** Each pending look, as it comes. */
  onPending?: (outcome: Extract<ResetOutcome, { status: 'pending' }>) => void;
}

/** Follows an accepted reset at RESET_PACING until it settles, the wait runs out or the signal stops it. */
export async function followReset(
  client: Client,
  accepted: AcceptedReset,
  options: FollowResetOptions = {},
): Promise<ResetOutcome> {
  const deadline = options.maxWaitMs === undefined ? Infinity : Date.now() + options.maxWaitMs;
  let outcome: ResetOutcome = { status: 'pending', via: 'resetPassword', confirm: accepted.confirm, operation: null };
  let delayMs = accepted.retryAfterMs;
  for (;;) {
    await sleep(delayMs, options.signal);
    if (options.signal?.aborted) return outcome;
    outcome = await checkReset(client, accepted.confirm);
    if (outcome.status !== 'pending') return outcome;
    options.onPending?.(outcome);
    delayMs = nextResetLookMs(delayMs);
    if (Date.now() + delayMs > deadline) return outcome;
  }
}

/** Posts a reset and follows it for up to `maxWaitMs` (default 60 s): the gateway's whole reset in one call. */
export async function resetPassword(
  client: Client,
  userId: string,
  options: ResetPasswordOptions,
): Promise<ResetOutcome> {
  const accepted = await startReset(client, userId, options);
  return followReset(client, accepted, { maxWaitMs: options.maxWaitMs ?? 60_000 });
}

/**
 * One look at an accepted reset (never a new POST). catalogue: reset.operation —
 * `GET /users/{id}/authentication/operations/{id}` (api-reference/v1.0/api/longrunningoperation-get.md),
 * or reset.lastPasswordChange for roles that may not read the operation.
 */
export async function checkReset(client: Client, confirm: ResetConfirmation): Promise<ResetOutcome> {
  if (confirm.canReadOperation && confirm.operationUrl) {
    let op: { status?: string; statusDetail?: string | null };
    try {
      // A GET is safe to repeat; the client's retry policy handles 429/503 on it.
      op = (await client.api(confirm.operationUrl).get()) as typeof op;
    } catch (error) {
      throw mapGraphError(error);
    }
    const status = (op.status ?? '').toLowerCase();
    if (status === 'succeeded') return { status: 'succeeded', via: 'resetPassword', confirmedBy: 'operation' };
    if (status === 'failed') {
      const detail = op.statusDetail ?? null;
      return { status: 'failed', via: 'resetPassword', detail, code: classifyResetFailure(detail) };
    }
    // notStarted, running, or a value added later (unknownFutureValue): not settled yet.
    const operation = status === 'notstarted' ? 'notStarted' : 'running';
    return { status: 'pending', via: 'resetPassword', confirm, operation };
  }
  const now = await lastPasswordChange(client, confirm.userId);
  const moved =
    now !== null && (confirm.lastChangeBefore === null || Date.parse(now) > Date.parse(confirm.lastChangeBefore));
  return moved
    ? { status: 'succeeded', via: 'resetPassword', confirmedBy: 'lastPasswordChange' }
    : { status: 'pending', via: 'resetPassword', confirm, operation: null };
}

interface TapRequest {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startDateTime?: string;
}

interface IssuedTap {
  id: string;
  /** The pass itself: shown once, never stored. */
  temporaryAccessPass: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startDateTime: string | null;
  methodUsabilityReason: string | null;
}

/**
 * catalogue: tap.create — api-reference/v1.0/api/authentication-post-temporaryaccesspassmethods.md
 * (the pass itself is returned once, on creation).
 */
export async function createTemporaryAccessPass(
  client: Client,
  userId: string,
  request: TapRequest,
): Promise<IssuedTap> {
  let created: Partial<IssuedTap>;
  try {
    created = (await client
      .api(`${userPath(userId)}/authentication/temporaryAccessPassMethods`)
      .post(request)) as Partial<IssuedTap>;
  } catch (error) {
    const mapped = mapGraphError(error, true);
    // A 400 here is the TAP policy speaking (disabled, lifetime out of range, one-time only).
    if ((error as { statusCode?: number }).statusCode === 400) {
      throw new ResetlineError(
        'tap_policy',
        `The tenant's Temporary Access Pass policy refused it: ${(error as Error).message}`,
        mapped.requestId,
      );
    }
    throw mapped;
  }
  if (!created.temporaryAccessPass || !created.id) {
    throw new ResetlineError(
      'outcome_unknown',
      'Graph created a pass but did not return it. Issue a new one (it replaces the old).',
    );
  }
  return {
    id: created.id,
    temporaryAccessPass: created.temporaryAccessPass,
    lifetimeInMinutes: created.lifetimeInMinutes ?? request.lifetimeInMinutes,
    isUsableOnce: created.isUsableOnce ?? request.isUsableOnce,
    startDateTime: created.startDateTime ?? null,
    methodUsabilityReason: created.methodUsabilityReason ?? null,
  };
}

/** catalogue: revoke.sessions — api-reference/v1.0/api/user-revokesigninsessions.md */
export async function revokeSessions(client: Client, userId: string): Promise<boolean> {
  const res = (await write(() => client.api(`${userPath(userId)}/revokeSignInSessions`).post({}))) as {
    value?: boolean;
  };
  return res?.value !== false;
}

/** catalogue: enable.account — `PATCH /users/{id}` with accountEnabled only (api-reference/v1.0/api/user-update.md). */
export async function setAccountEnabled(client: Client, userId: string, enabled: boolean): Promise<void> {
  await write(() => client.api(userPath(userId)).patch({ accountEnabled: enabled }));
}

const METHOD_COLLECTION: Record<string, string> = {
  phone: 'phoneMethods',
  email: 'emailMethods',
  microsoftAuthenticator: 'microsoftAuthenticatorMethods',
  fido2: 'fido2Methods',
  windowsHelloForBusiness: 'windowsHelloForBusinessMethods',
  softwareOath: 'softwareOathMethods',
  temporaryAccessPass: 'temporaryAccessPassMethods',
  platformCredential: 'platformCredentialMethods',
};

/**
 * The order Microsoft accepts deletions in (phoneauthenticationmethod-delete.md): the mobile phone
 * cannot go while an alternate mobile exists, so other methods go first, then office and alternate
 * phones, the mobile last. A default method Graph refuses to delete is reported, never hidden.
 */
export function orderForDeletion<T extends { kind: string; phoneType?: string }>(methods: readonly T[]): T[] {
  const rank = (m: T): number => {
    if (m.kind !== 'phone') return 0;
    if (m.phoneType === 'office') return 1;
    if (m.phoneType === 'alternateMobile') return 2;
    return 3;
  };
  return [...methods].sort((a, b) => rank(a) - rank(b));
}

/**
 * catalogue: mfa.delete.* — `DELETE /users/{id}/authentication/{collection}/{id}` (each method type's
 * delete page, e.g. api-reference/v1.0/api/phoneauthenticationmethod-delete.md).
 */
export async function deleteMethod(client: Client, userId: string, kind: string, methodId: string): Promise<void> {
  const collection = METHOD_COLLECTION[kind];
  if (!collection) throw new ResetlineError('invalid_input', `A ${kind} method cannot be deleted through Graph.`);
  await write(() =>
    client.api(`${userPath(userId)}/authentication/${collection}/${encodeURIComponent(methodId)}`).delete(),
  );
}

interface MailMessage {
  /** Send as this mailbox (a shared helpdesk mailbox); undefined = the signed-in agent. */
  from?: string;
  to: string;
  subject: string;
  text: string;
  /** The permissions the agent's token carries: a shared mailbox needs Mail.Send.Shared. */
  grantedScopes?: readonly string[];
}

/**
 * catalogue: verify.sendMail, handover.sendMail, verify.sendMailShared, handover.sendMailShared —
 * `POST /me/sendMail` (api-reference/v1.0/api/user-sendmail.md), or `POST /users/{mailbox}/sendMail`
 * from a shared mailbox, which needs Mail.Send.Shared and Send As rights
 * (concepts/outlook-send-mail-from-other-user.md).
 */
export async function sendMail(client: Client, message: MailMessage): Promise<void> {
  if (message.from && message.grantedScopes && !message.grantedScopes.some((s) => /^Mail\.Send\.Shared$/i.test(s))) {
    throw new ResetlineError(
      'consent_required',
      `Sending from the shared mailbox ${message.from} needs the Microsoft Graph permission Mail.Send.Shared, which the app registration was not granted. An admin adds it (Entra admin center → App registrations → Resetline → API permissions → Mail.Send.Shared → Grant admin consent), or clears the shared mailbox in the verification policy.`,
    );
  }
  const path = message.from ? `${userPath(message.from)}/sendMail` : '/me/sendMail';
  await write(() =>
    client.api(path).post({
      message: {
        subject: message.subject,
        body: { contentType: 'Text', content: message.text },
        toRecipients: [{ emailAddress: { address: message.to } }],
      },
      // A verification code has no business sitting in Sent Items.
      saveToSentItems: false,
    }),
  );
}
