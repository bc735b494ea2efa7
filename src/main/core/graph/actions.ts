// The writes a helpdesk call ends in. None is repeated blindly: a write that loses its answer is
// reported as outcome_unknown, and a password reset through the resetPassword API is confirmed by
// polling its long-running operation (GRAPH-NOTES A3), never by posting again.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { ResetlineError } from '../../../shared/result';
import { mapGraphError } from './errors';

/** The fixed id of the password method (GRAPH-NOTES A3: a wrong id gives "method is not supported"). */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapGraphError(error, true);
  }
}

export type ResetOutcome =
  | { status: 'succeeded'; via: 'passwordProfile' | 'resetPassword' }
  | { status: 'failed'; via: 'resetPassword'; detail: string | null; code: ResetFailureCode }
  /** The operation did not finish within the wait; the agent is told it is pending, not retried. */
  | { status: 'pending'; via: 'resetPassword'; operationUrl: string };

export type ResetFailureCode = 'writeback_unavailable' | 'password_policy' | 'graph_error';

/** Why a resetPassword operation failed, from its statusDetail (Graph gives text, not a code). */
export function classifyResetFailure(detail: string | null): ResetFailureCode {
  const text = detail ?? '';
  if (/writeback|on-?premises/i.test(text)) return 'writeback_unavailable';
  if (/password|complex|banned|policy|history/i.test(text)) return 'password_policy';
  return 'graph_error';
}

export interface ResetPasswordOptions {
  newPassword: string;
  /** Synced (hybrid) users go through resetPassword so the change is written back on-premises. */
  synced: boolean;
  /** How long to poll the operation before answering "pending". */
  maxWaitMs?: number;
  onProgress?: (status: string) => void;
}

export async function resetPassword(
  client: Client,
  userId: string,
  options: ResetPasswordOptions,
): Promise<ResetOutcome> {
  if (!options.synced) {
    await write(() =>
      client.api(userPath(userId)).patch({
        passwordProfile: { password: options.newPassword, forceChangePasswordNextSignIn: true },
      }),
    );
    return { status: 'succeeded', via: 'passwordProfile' };
  }

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
  const location = response.headers.get('location');
  if (!location) {
    throw new ResetlineError(
      'outcome_unknown',
      'Graph accepted the reset but gave no operation to follow. Check the account before trying again.',
    );
  }
  return pollOperation(client, location, Number(response.headers.get('retry-after') ?? '1'), options);
}

async function pollOperation(
  client: Client,
  location: string,
  firstDelaySeconds: number,
  options: ResetPasswordOptions,
): Promise<ResetOutcome> {
  const deadline = Date.now() + (options.maxWaitMs ?? 60_000);
  let delayMs = Math.min(Math.max(firstDelaySeconds, 0.2), 30) * 1000;
  for (;;) {
    await sleep(delayMs);
    let op: { status?: string; statusDetail?: string | null };
    try {
      // A GET is safe to repeat; the client's retry policy handles 429/503 on it.
      op = (await client.api(location).get()) as typeof op;
    } catch (error) {
      throw mapGraphError(error);
    }
    const status = (op.status ?? '').toLowerCase();
    options.onProgress?.(status);
    if (status === 'succeeded') return { status: 'succeeded', via: 'resetPassword' };
    if (status === 'failed') {
      const detail = op.statusDetail ?? null;
      return { status: 'failed', via: 'resetPassword', detail, code: classifyResetFailure(detail) };
    }
    if (Date.now() + delayMs > deadline) return { status: 'pending', via: 'resetPassword', operationUrl: location };
    delayMs = Math.min(delayMs * 1.5, 5_000);
  }
}

export interface TapRequest {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startDateTime?: string;
}

export interface IssuedTap {
  id: string;
  /** The pass itself: shown once, never stored. */
  temporaryAccessPass: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startDateTime: string | null;
  methodUsabilityReason: string | null;
}

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

export async function revokeSessions(client: Client, userId: string): Promise<boolean> {
  const res = (await write(() => client.api(`${userPath(userId)}/revokeSignInSessions`).post({}))) as {
    value?: boolean;
  };
  return res?.value !== false;
}

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

export async function deleteMethod(client: Client, userId: string, kind: string, methodId: string): Promise<void> {
  const collection = METHOD_COLLECTION[kind];
  if (!collection) throw new ResetlineError('invalid_input', `A ${kind} method cannot be deleted through Graph.`);
  await write(() =>
    client.api(`${userPath(userId)}/authentication/${collection}/${encodeURIComponent(methodId)}`).delete(),
  );
}

export interface MailMessage {
  /** Send as this mailbox (a shared helpdesk mailbox); undefined = the signed-in agent. */
  from?: string;
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(client: Client, message: MailMessage): Promise<void> {
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

/** One look at a pending resetPassword operation (the agent asks again later; never a new POST). */
export async function pollResetOperation(client: Client, operationUrl: string): Promise<ResetOutcome> {
  let op: { status?: string; statusDetail?: string | null };
  try {
    op = (await client.api(operationUrl).get()) as typeof op;
  } catch (error) {
    throw mapGraphError(error);
  }
  const status = (op.status ?? '').toLowerCase();
  if (status === 'succeeded') return { status: 'succeeded', via: 'resetPassword' };
  if (status === 'failed') {
    const detail = op.statusDetail ?? null;
    return { status: 'failed', via: 'resetPassword', detail, code: classifyResetFailure(detail) };
  }
  return { status: 'pending', via: 'resetPassword', operationUrl };
}
