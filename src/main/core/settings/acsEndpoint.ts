// What a stored Azure Communication Services connection string may name: the endpoint host of a
// resource of the tenant's cloud (or the demo tenant's own endpoint), read without the access key. The
// SMS provider's settings are settings: the store (smsSettings.ts) and Settings' audit row use it here,
// and verification's sender (verify/smsProvider.ts) reads it from here.
import { ResetlineError } from '../../../shared/result';
import { CLOUD_LABELS, type GraphCloud } from '../../../shared/settings';

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
