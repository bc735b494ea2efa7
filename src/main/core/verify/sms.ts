// Sending a text message. Microsoft Graph has no SMS API, so it goes through Azure Communication
// Services with the real @azure/communication-sms client: the demo tenant's ACS-shaped endpoint in
// demo mode (its CA trusted by this client only, which talks to that endpoint only), or a real ACS
// resource from settings.
import { SmsClient } from '@azure/communication-sms';
import { ResetlineError } from '../../../shared/result';
import { CLOUD_LABELS, type GraphCloud } from '../../../shared/settings';

export interface SmsSender {
  /** `to` in E.164 ("+14255550123"). Resolves once the provider accepted the message. */
  send(to: string, message: string): Promise<{ messageId: string | null }>;
}

export interface AcsSmsOptions {
  connectionString: string;
  fromNumber: string;
  /** The demo tenant's CA, for its endpoint only. Never set for a real ACS resource. */
  caPem?: string;
}

export class SmsSendError extends ResetlineError {
  constructor(message: string) {
    super('sms_unavailable', message);
    this.name = 'SmsSendError';
  }
}

export class AcsSmsSender implements SmsSender {
  private readonly client: SmsClient;

  constructor(private readonly options: AcsSmsOptions) {
    this.client = new SmsClient(options.connectionString, {
      ...(options.caPem ? { tlsOptions: { ca: options.caPem } } : {}),
      // A lost answer must not turn into a second code on the caller's phone.
      retryOptions: { maxRetries: 0 },
    });
  }

  async send(to: string, message: string): Promise<{ messageId: string | null }> {
    let results;
    try {
      results = await this.client.send({ from: this.options.fromNumber, to: [to], message });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      throw new SmsSendError(
        status === 401 || status === 403
          ? 'The SMS provider refused the access key. Check the Azure Communication Services connection string in Settings.'
          : 'The SMS provider could not be reached. Try again, or verify the caller another way.',
      );
    }
    const result = results[0];
    if (!result?.successful) {
      throw new SmsSendError(
        `The SMS provider did not accept the message: ${result?.errorMessage ?? 'no reason given'}.`,
      );
    }
    return { messageId: result.messageId ?? null };
  }
}

/** "endpoint=https://x.communication.azure.com/;accesskey=…" → "x.communication.azure.com" (nothing secret). */
export function endpointHost(connectionString: string): string | null {
  const m = /endpoint=(https:\/\/[^;]+)/i.exec(connectionString);
  try {
    return m?.[1] ? new URL(m[1]).host : null;
  } catch {
    return null;
  }
}

/**
 * The host every Azure Communication Services resource of a cloud has: <name>.communication.azure.com
 * (global), .azure.us (US Government, GCC High and DoD alike), .azure.cn (21Vianet). Resetline sends the
 * caller's phone number and a code there, so no other host is taken.
 */
const ACS_HOST_SUFFIX: Record<GraphCloud, string> = {
  global: '.communication.azure.com',
  usgov: '.communication.azure.us',
  dod: '.communication.azure.us',
  china: '.communication.azure.cn',
};

/**
 * The connection string's endpoint host when it is an ACS resource of this cloud over https on the
 * default port (or the demo tenant's own endpoint, which the caller passes in demo mode only);
 * otherwise an invalid_input error naming the host expected.
 */
export function requireAcsEndpoint(
  connectionString: string,
  cloud: GraphCloud,
  demoHost: string | null = null,
): string {
  const m = /(?:^|;)\s*endpoint=([^;]+)/i.exec(connectionString);
  let url: URL | null = null;
  try {
    url = m?.[1] ? new URL(m[1].trim()) : null;
  } catch {
    url = null;
  }
  const suffix = ACS_HOST_SUFFIX[cloud];
  if (url && demoHost !== null && url.protocol === 'https:' && url.host === demoHost) return url.host;
  const name = url ? url.hostname.slice(0, -suffix.length) : '';
  const isAcs =
    url !== null &&
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.hostname.endsWith(suffix) &&
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/i.test(name);
  if (isAcs) return url!.host;
  throw new ResetlineError(
    'invalid_input',
    `connectionString: the endpoint must be an Azure Communication Services resource in ${CLOUD_LABELS[cloud]}, ` +
      `https://<resource>${suffix}${url ? `; ${url.host} is not one` : ''}. ` +
      'Copy the connection string from the resource’s Keys page in the Azure portal.',
  );
}
