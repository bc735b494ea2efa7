// The app's SMS sender with the real @azure/communication-sms client against the demo tenant's
// ACS-shaped endpoint, trusting the demo CA for that client only: delivery, a refused access key,
// and a number the provider will not take, each as a typed error an agent can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointHost } from '../../../src/main/core/settings/acsEndpoint';
import { AcsSmsSender, SmsSendError } from '../../../src/main/core/verify/sms';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ users: 60 });
});
afterAll(async () => {
  await t?.close();
});

describe('AcsSmsSender', () => {
  it('sends through the provider and the message arrives', async () => {
    const sender = new AcsSmsSender({
      connectionString: t.tenant.smsConnectionString,
      fromNumber: t.tenant.smsFromNumber,
      caPem: t.tenant.caCertPem,
    });
    const result = await sender.send('+14255550777', 'Resetline test 1');
    expect(result.messageId).toBeTruthy();
    expect(t.tenant.outbox.list({ kind: 'sms', to: '+14255550777' }).at(-1)).toMatchObject({
      body: 'Resetline test 1',
      from: t.tenant.smsFromNumber,
    });
  });

  it('does not trust the demo CA unless told to (no TLS shortcut)', async () => {
    const sender = new AcsSmsSender({
      connectionString: t.tenant.smsConnectionString,
      fromNumber: t.tenant.smsFromNumber,
    });
    await expect(sender.send('+14255550778', 'x')).rejects.toBeInstanceOf(SmsSendError);
    expect(t.tenant.outbox.list({ to: '+14255550778' })).toHaveLength(0);
  });

  it('says the access key is wrong when the provider refuses it', async () => {
    const wrong = t.tenant.smsConnectionString.replace(
      /accesskey=.*$/,
      `accesskey=${Buffer.alloc(32, 3).toString('base64')}`,
    );
    const sender = new AcsSmsSender({
      connectionString: wrong,
      fromNumber: t.tenant.smsFromNumber,
      caPem: t.tenant.caCertPem,
    });
    await expect(sender.send('+14255550779', 'x')).rejects.toMatchObject({
      code: 'sms_unavailable',
      message: expect.stringContaining('access key'),
    });
  });

  it('reports a number the provider will not take', async () => {
    const sender = new AcsSmsSender({
      connectionString: t.tenant.smsConnectionString,
      fromNumber: t.tenant.smsFromNumber,
      caPem: t.tenant.caCertPem,
    });
    await expect(sender.send('12345', 'x')).rejects.toMatchObject({
      code: 'sms_unavailable',
      message: expect.stringContaining('did not accept'),
    });
  });

  it('names the endpoint without the key', () => {
    expect(endpointHost('endpoint=https://contoso.communication.azure.com/;accesskey=abc=')).toBe(
      'contoso.communication.azure.com',
    );
    expect(endpointHost('nonsense')).toBeNull();
  });
});
