// The Azure Monitor credential asks the session only for its own resource's scope, per cloud. The token
// source here records what it is asked (the real session is exercised in test/integration/forwarding).
import { describe, expect, it } from 'vitest';
import {
  MONITOR_AUDIENCES,
  MonitorCredential,
  MonitorScopeError,
  monitorScopes,
} from '../../../src/main/core/auth/monitorCredential';

function recorder(): {
  asked: string[][];
  resourceToken(scopes: string[]): Promise<{ token: string; expiresOnTimestamp: number }>;
} {
  const asked: string[][] = [];
  return {
    asked,
    resourceToken: (scopes) => {
      asked.push(scopes);
      return Promise.resolve({ token: 't', expiresOnTimestamp: 42 });
    },
  };
}

describe('MonitorCredential', () => {
  it('maps the SDK scope to the cloud audience MSAL is asked for', async () => {
    const source = recorder();
    const cred = new MonitorCredential(source, 'usgov', 'ingestion');
    expect(cred.sdkAudience).toBe('https://monitor.azure.us');
    expect(await cred.getToken('https://monitor.azure.us/.default')).toEqual({
      token: 't',
      expiresOnTimestamp: 42,
      tokenType: 'Bearer',
    });
    expect(source.asked).toEqual([['https://monitor.azure.us//.default']]);
    expect(monitorScopes('china')).toEqual({
      ingestion: 'https://monitor.azure.cn//.default',
      query: 'https://api.loganalytics.azure.cn/.default',
    });
    expect(MONITOR_AUDIENCES.global).toEqual({
      ingestion: 'https://monitor.azure.com',
      query: 'https://api.loganalytics.io',
    });
  });

  it('never asks for another resource, whatever the caller wants', async () => {
    const source = recorder();
    const cred = new MonitorCredential(source, 'global', 'query');
    await expect(cred.getToken(['https://graph.microsoft.com/.default'])).rejects.toBeInstanceOf(MonitorScopeError);
    await expect(cred.getToken('https://monitor.azure.com/.default')).rejects.toBeInstanceOf(MonitorScopeError);
    expect(source.asked).toEqual([]);
  });
});
