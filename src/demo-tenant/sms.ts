// An endpoint shaped like Azure Communication Services SMS (`POST /sms?api-version=…`), so the real
// @azure/communication-sms SmsClient can send through it with a connection string. Requests are
// authenticated with ACS's HMAC-SHA256 scheme and every accepted message lands in the outbox.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { sendJson, type RequestContext } from './http';
import type { DemoDirectory } from './model';

export interface SmsEndpointConfig {
  /** The resource's access key, base64 (as in an ACS connection string). */
  accessKey: string;
  dir: DemoDirectory;
}

export class SmsAuthError extends Error {
  constructor(readonly reason: string) {
    super(`SMS request not authenticated: ${reason}`);
    this.name = 'SmsAuthError';
  }
}

/** ACS refuses requests whose x-ms-date is further than this from its clock. */
const MAX_SKEW_MS = 15 * 60_000;
const E164 = /^\+[1-9]\d{6,14}$/;
const SHORT_CODE_OR_ALPHA = /^(\d{5,6}|[A-Za-z0-9 ]{1,11})$/;

interface SmsRecipientIn {
  to?: unknown;
  repeatabilityRequestId?: unknown;
}

interface SendBody {
  from?: unknown;
  smsRecipients?: unknown;
  message?: unknown;
}

function acsError(ctx: RequestContext, status: number, code: string, message: string): void {
  sendJson(ctx, status, { error: { code, message } });
}

/** Recomputes the signature the SDK's access-key policy puts in `Authorization`. */
export function verifyHmac(ctx: RequestContext, rawBody: Buffer, accessKey: string): void {
  const auth = ctx.req.headers.authorization ?? '';
  const m = /^HMAC-SHA256 SignedHeaders=([^&]+)&Signature=(.+)$/.exec(auth);
  if (!m) throw new SmsAuthError('missing or malformed HMAC-SHA256 Authorization header');
  if (m[1]?.toLowerCase() !== 'x-ms-date;host;x-ms-content-sha256') throw new SmsAuthError('unexpected SignedHeaders');
  const date = ctx.req.headers['x-ms-date'];
  const contentHash = ctx.req.headers['x-ms-content-sha256'];
  const host = ctx.req.headers.host;
  if (typeof date !== 'string' || typeof contentHash !== 'string' || !host)
    throw new SmsAuthError('missing signed header');
  const at = Date.parse(date);
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > MAX_SKEW_MS)
    throw new SmsAuthError('x-ms-date outside the allowed skew');
  const actualHash = createHash('sha256').update(rawBody).digest('base64');
  if (actualHash !== contentHash) throw new SmsAuthError('x-ms-content-sha256 does not match the body');
  // Same canonical form as the SDK: path + re-serialised query.
  const query = ctx.url.searchParams.toString();
  const pathAndQuery = query ? `${ctx.url.pathname}?${query}` : ctx.url.pathname;
  const toSign = `${ctx.method}\n${pathAndQuery}\n${date};${host};${contentHash}`;
  const expected = createHmac('sha256', Buffer.from(accessKey, 'base64')).update(toSign, 'utf8').digest();
  const given = Buffer.from(m[2] ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new SmsAuthError('signature mismatch');
}

export async function handleSms(cfg: SmsEndpointConfig, ctx: RequestContext): Promise<void> {
  const raw = await ctx.body();
  try {
    verifyHmac(ctx, raw, cfg.accessKey);
  } catch (err) {
    if (err instanceof SmsAuthError) return acsError(ctx, 401, 'Denied', 'Denied by the resource provider.');
    throw err;
  }
  if (!ctx.url.searchParams.get('api-version')) {
    return acsError(
      ctx,
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  let body: SendBody;
  try {
    body = JSON.parse(raw.toString('utf8')) as SendBody;
  } catch {
    return acsError(ctx, 400, 'BadRequest', 'The request body is not valid JSON.');
  }
  const from = typeof body.from === 'string' ? body.from : '';
  const message = typeof body.message === 'string' ? body.message : undefined;
  const recipients = Array.isArray(body.smsRecipients) ? (body.smsRecipients as SmsRecipientIn[]) : undefined;
  if (!E164.test(from) && !SHORT_CODE_OR_ALPHA.test(from))
    return acsError(ctx, 400, 'BadRequest', 'Invalid From phone number format.');
  if (message === undefined || message.length > 2048)
    return acsError(ctx, 400, 'BadRequest', 'The message is missing or longer than 2048 characters.');
  if (!recipients || recipients.length === 0 || recipients.length > 100) {
    return acsError(ctx, 400, 'BadRequest', 'smsRecipients must list between 1 and 100 recipients.');
  }
  const value = recipients.map((r) => {
    const to = typeof r.to === 'string' ? r.to : '';
    if (!E164.test(to)) {
      return {
        to,
        httpStatusCode: 400,
        errorMessage: 'Invalid To phone number format.',
        repeatabilityResult: 'accepted',
        successful: false,
      };
    }
    const msg = cfg.dir.addOutbox({ kind: 'sms', to, from, body: message });
    return {
      to,
      messageId: `Outgoing_${msg.at.replace(/\D/g, '').slice(0, 14)}${randomUUID().replace(/-/g, '')}_noam`,
      httpStatusCode: 202,
      repeatabilityResult: 'accepted',
      successful: true,
    };
  });
  sendJson(ctx, 202, { value });
}
