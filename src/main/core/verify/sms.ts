// Sending a text message. Microsoft Graph has no SMS API, so it goes through Azure Communication
// Services with the real @azure/communication-sms client: the demo tenant's ACS-shaped endpoint in
// demo mode (its CA trusted by this client only, which talks to that endpoint only), or a real ACS
// resource from settings.
import { SmsClient } from '@azure/communication-sms';
import { ResetlineError } from '../../../shared/result';

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
